// Bestuursovereenkomsten (R-B1..R-B6, R-K1..R-K5): partijen (two or more gemeenten with
// their rol), signing date, kostenposten per category and maatwerk, with the
// transforming gemeente's contribution computed by server/domain/bijdrage.ts.
// Writes are audited and version-checked; a werkgroep member edits only agreements
// their gemeente is a party to.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../app.ts';
import { actorOf } from '../auth/middleware.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { ErrorSchema, IdParamSchema } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { bijdrage, isSubsidiabel, KOSTEN_CATEGORIEEN } from '../domain/bijdrage.ts';
import { mayEditGemeente, type Actor } from '../domain/roles.ts';
import { withAudit, type Client } from '../layers/writes.ts';
import { assertBoPast } from '../layers/editor-checks.ts';
import { baseVersion } from '../http/version.ts';

const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [code, { description: 'Fout', content: { 'application/json': { schema: ErrorSchema } } }]));
const json = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } } });

const datum = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'datum als JJJJ-MM-DD').nullable();
const bedrag = z.number().min(0, 'een bedrag kan niet negatief zijn').max(1e11);

const PartijIn = z.object({
  gemeente_id: z.number().int().positive(),
  rol: z.enum(['transformerend', 'compenserend', 'overig']),
}).strict();

const KostenpostIn = z.object({
  categorie: z.enum(KOSTEN_CATEGORIEEN),
  omschrijving: z.string().trim().max(2000).nullable().optional(),
  bedrag,
  datum: datum.optional(),
}).strict();

const velden = {
  naam: z.string().trim().min(1, 'naam is verplicht').max(200),
  datum_ondertekening: datum.optional(),
  basis_pct: z.number().min(0).max(100).optional(),
  provincie_betrokken: z.boolean().optional(),
  maatwerk_omschrijving: z.string().trim().max(4000).nullable().optional(),
  maatwerk_bedrag: bedrag.nullable().optional(),
  // http(s) only: the UI links to it, and a javascript: or data: URL would run in the user's session.
  document_url: z.string().trim().max(2000)
    .refine((u) => /^https?:\/\/[^\s/?#]+/i.test(u) && URL.canParse(u), 'document_url moet een http- of https-adres zijn (https://…)')
    .nullable().optional(),
};
const SCALARS = Object.keys(velden) as (keyof typeof velden)[];

const CreateSchema = z.object({
  ...velden,
  partijen: z.array(PartijIn).min(2, 'een bestuursovereenkomst heeft minstens twee gemeenten').max(20),
  kostenposten: z.array(KostenpostIn).max(500).optional(),
}).strict();

const PatchSchema = z.object({
  version: z.number().int().positive().optional(),
  ...Object.fromEntries(Object.entries(velden).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof velden]: z.ZodOptional<(typeof velden)[K]> },
  partijen: CreateSchema.shape.partijen.optional(),
  kostenposten: z.array(KostenpostIn).max(500).optional(),
}).strict();

const BoSchema = z.object({
  id: z.number(), naam: z.string(), datum_ondertekening: z.string().nullable(), basis_pct: z.number(),
  provincie_betrokken: z.boolean(), maatwerk_omschrijving: z.string().nullable(), maatwerk_bedrag: z.number().nullable(),
  document_url: z.string().nullable(), bron: z.string(), version: z.number(), updated_at: z.unknown(),
  partijen: z.array(z.object({ gemeente_id: z.number(), gemeente: z.string(), rol: z.string() })),
  kostenposten: z.array(z.object({
    id: z.number(), categorie: z.string(), omschrijving: z.string().nullable(), bedrag: z.number(), datum: z.string().nullable(), subsidiabel: z.boolean(),
  })),
  bijdrage: z.object({
    basis_pct: z.number(), subsidiabel: z.number(), bijdrage: z.number(), maatwerk_bedrag: z.number(), totaal: z.number(),
  }).openapi({ description: 'Bijdrage van de transformerende gemeente: basis_pct × subsidiabele kosten (C9), plus maatwerk apart' }),
}).openapi('Bestuursovereenkomst');

type Queryable = Pick<Client, 'query'>;

async function load(db: Queryable, ids: number[] | null) {
  const { rows } = await db.query(
    `SELECT b.id, b.naam, b.datum_ondertekening, b.basis_pct, b.provincie_betrokken, b.maatwerk_omschrijving,
            b.maatwerk_bedrag, b.document_url, b.bron, b.version, b.updated_at,
            coalesce((SELECT json_agg(json_build_object('gemeente_id', p.gemeente_id, 'gemeente', g.naam, 'rol', p.rol) ORDER BY p.rol DESC, g.naam)
                      FROM bestuursovereenkomst_partij p JOIN gemeente g ON g.id = p.gemeente_id
                      WHERE p.bestuursovereenkomst_id = b.id), '[]'::json) AS partijen,
            coalesce((SELECT json_agg(json_build_object('id', k.id, 'categorie', k.categorie, 'omschrijving', k.omschrijving,
                                                        'bedrag', k.bedrag, 'datum', k.datum) ORDER BY k.id)
                      FROM kostenpost k WHERE k.bestuursovereenkomst_id = b.id), '[]'::json) AS kostenposten
     FROM bestuursovereenkomst b ${ids ? 'WHERE b.id = ANY($1::int[])' : ''} ORDER BY b.id`,
    ids ? [`{${ids.join(',')}}`] : [],
  );
  return rows.map((r) => {
    const kostenposten = (r.kostenposten as { categorie: string; bedrag: number | string }[]).map((k) => ({
      ...k, bedrag: Number(k.bedrag), subsidiabel: isSubsidiabel(k.categorie),
    }));
    const basis = Number(r.basis_pct);
    const b = bijdrage(kostenposten, basis);
    const maatwerk = r.maatwerk_bedrag === null ? 0 : Number(r.maatwerk_bedrag);
    return {
      ...r, basis_pct: basis, maatwerk_bedrag: r.maatwerk_bedrag === null ? null : maatwerk, kostenposten,
      bijdrage: { basis_pct: basis, ...b, maatwerk_bedrag: maatwerk, totaal: Math.round((b.bijdrage + maatwerk) * 100) / 100 },
    };
  });
}

function checkPartijen(actor: Actor, partijen: z.infer<typeof PartijIn>[]) {
  const ids = partijen.map((p) => p.gemeente_id);
  if (new Set(ids).size !== ids.length) {
    throw new ApiError(422, 'partijen_dubbel', 'Elke gemeente is maar één keer partij.', { reden: 'partijen_dubbel' });
  }
  if (!partijen.some((p) => p.rol === 'transformerend') || !partijen.some((p) => p.rol === 'compenserend')) {
    throw new ApiError(422, 'partijen_onvolledig', 'Een bestuursovereenkomst heeft een transformerende en een compenserende gemeente.', { reden: 'partijen_onvolledig' });
  }
  assertParty(actor, ids);
}

function assertParty(actor: Actor, gemeenteIds: number[]) {
  if (actor.rol === 'werkgroep' && !gemeenteIds.some((g) => mayEditGemeente(actor, g))) {
    throw new ApiError(403, 'andere_gemeente', 'U mag alleen bestuursovereenkomsten wijzigen waarin uw gemeente partij is.');
  }
}

async function replaceChildren(client: Client, id: number, body: { partijen?: z.infer<typeof PartijIn>[]; kostenposten?: z.infer<typeof KostenpostIn>[] }) {
  if (body.partijen) {
    await client.query(`DELETE FROM bestuursovereenkomst_partij WHERE bestuursovereenkomst_id = $1`, [id]);
    for (const p of body.partijen) {
      await client.query(`INSERT INTO bestuursovereenkomst_partij (bestuursovereenkomst_id, gemeente_id, rol) VALUES ($1, $2, $3)`, [id, p.gemeente_id, p.rol]);
    }
  }
  if (body.kostenposten) {
    await client.query(`DELETE FROM kostenpost WHERE bestuursovereenkomst_id = $1`, [id]);
    for (const k of body.kostenposten) {
      await client.query(
        `INSERT INTO kostenpost (bestuursovereenkomst_id, categorie, omschrijving, bedrag, datum) VALUES ($1, $2, $3, $4::numeric, $5::date)`,
        [id, k.categorie, k.omschrijving ?? null, k.bedrag, k.datum ?? null],
      );
    }
  }
}

async function lockBo(client: Client, id: number, version: number) {
  const { rows } = await client.query<{ version: number }>(`SELECT version FROM bestuursovereenkomst WHERE id = $1 FOR UPDATE`, [id]);
  if (!rows[0]) throw notFound('Bestuursovereenkomst', id);
  const partijen = await client.query<{ gemeente_id: number }>(
    `SELECT gemeente_id FROM bestuursovereenkomst_partij WHERE bestuursovereenkomst_id = $1`, [id],
  );
  return { version: rows[0].version, gemeenteIds: partijen.rows.map((r) => r.gemeente_id), stale: rows[0].version !== version };
}

const conflictError = (current: number) =>
  new ApiError(409, 'versieconflict', 'Deze bestuursovereenkomst is intussen gewijzigd. Laad de nieuwste versie en probeer het opnieuw.', { huidige_versie: current });

export function bestuursovereenkomstRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const ctx = (c: Context<AppEnv>) => ({ pool: c.var.db.pool, actor: actorOf(c) });
  const one = async (c: Context<AppEnv>, id: number) => {
    const [bo] = await load(c.var.db.pool, [id]);
    if (!bo) throw notFound('Bestuursovereenkomst', id);
    return bo;
  };

  app.openapi(
    createRoute({ method: 'get', path: '/bestuursovereenkomsten', tags: ['Bestuursovereenkomst'],
      summary: 'Alle bestuursovereenkomsten met partijen, kostenposten en de bijdrage van de transformerende gemeente',
      responses: { 200: { description: 'Lijst', ...json(z.array(BoSchema)) }, ...errors(401) } }),
    async (c) => c.json(await load(c.var.db.pool, null), 200),
  );

  app.openapi(
    createRoute({ method: 'get', path: '/bestuursovereenkomsten/{id}', tags: ['Bestuursovereenkomst'],
      summary: 'Eén bestuursovereenkomst', request: { params: IdParamSchema },
      responses: { 200: { description: 'Bestuursovereenkomst', ...json(BoSchema) }, ...errors(401, 404) } }),
    async (c) => c.json(await one(c, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({ method: 'post', path: '/bestuursovereenkomsten', tags: ['Bestuursovereenkomst'],
      summary: 'Nieuwe bestuursovereenkomst (minstens twee gemeenten: een transformerende en een compenserende)',
      request: { body: { required: true, ...json(CreateSchema) } },
      responses: { 201: { description: 'Aangemaakt', ...json(BoSchema) }, ...errors(400, 401, 403, 422) } }),
    async (c) => {
      const body = c.req.valid('json');
      const actor = actorOf(c);
      checkPartijen(actor, body.partijen);
      const id = await withAudit(ctx(c), null, async (client) => {
        const cols = SCALARS.filter((k) => body[k] !== undefined);
        const { rows } = await client.query<{ id: number }>(
          `INSERT INTO bestuursovereenkomst (${[...cols, 'bron'].join(', ')})
           VALUES (${[...cols.map((_, i) => `$${i + 1}`), `'gebruiker'`].join(', ')}) RETURNING id`,
          cols.map((k) => body[k]),
        );
        await replaceChildren(client, rows[0].id, body);
        return rows[0].id;
      });
      return c.json(await one(c, id), 201);
    },
  );

  app.openapi(
    createRoute({ method: 'patch', path: '/bestuursovereenkomsten/{id}', tags: ['Bestuursovereenkomst'],
      summary: 'Wijzig een bestuursovereenkomst; partijen en kostenposten vervangen de hele lijst als ze zijn meegestuurd',
      request: { params: IdParamSchema, body: { required: true, ...json(PatchSchema) } },
      responses: { 200: { description: 'Gewijzigd', ...json(BoSchema) }, ...errors(400, 401, 403, 404, 409, 422, 428) } }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const version = baseVersion(c, body.version);
      const actor = actorOf(c);
      if (body.partijen) checkPartijen(actor, body.partijen);
      await withAudit(ctx(c), null, async (client) => {
        const current = await lockBo(client, id, version);
        assertParty(actor, current.gemeenteIds);
        if (current.stale) throw conflictError(current.version);
        const cols = SCALARS.filter((k) => body[k] !== undefined);
        // Always touch the row, so a change of partijen or kostenposten also gets a new version.
        const sets = cols.length ? cols.map((k, i) => `${k} = $${i + 3}`) : ['naam = naam'];
        const { rowCount } = await client.query(
          `UPDATE bestuursovereenkomst SET ${sets.join(', ')} WHERE id = $1 AND version = $2`,
          [id, version, ...cols.map((k) => body[k])],
        );
        if (!rowCount) throw conflictError(current.version);
        if (body.partijen) {
          // The toewijzingen that refer to this agreement keep both their gemeenten as parties.
          const { rows: gebruik } = await client.query<{ t: number; c: number }>(
            `SELECT DISTINCT t.gemeente_id AS t, c.gemeente_id AS c FROM compensatie_toewijzing ct
             JOIN transformatie t ON t.id = ct.transformatie_id JOIN compensatie c ON c.id = ct.compensatie_id
             WHERE ct.bestuursovereenkomst_id = $1 ORDER BY 1, 2`, [id]);
          const partijen = body.partijen.map((p) => p.gemeente_id);
          for (const g of gebruik) await assertBoPast(client, id, g.t, g.c, partijen);
        }
        await replaceChildren(client, id, body);
      });
      return c.json(await one(c, id), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/bestuursovereenkomsten/{id}', tags: ['Bestuursovereenkomst'],
      summary: 'Verwijder een bestuursovereenkomst (niet als er toewijzingen naar verwijzen); stuur de versie mee',
      request: { params: IdParamSchema, query: z.object({ version: z.string().optional() }) },
      responses: { 200: { description: 'Verwijderd', ...json(z.object({ id: z.number(), verwijderd: z.boolean() })) }, ...errors(401, 403, 404, 409, 428) } }),
    async (c) => {
      const { id } = c.req.valid('param');
      const version = baseVersion(c);
      await withAudit(ctx(c), null, async (client) => {
        const current = await lockBo(client, id, version);
        assertParty(actorOf(c), current.gemeenteIds);
        if (current.stale) throw conflictError(current.version);
        const inUse = await client.query(`SELECT 1 FROM compensatie_toewijzing WHERE bestuursovereenkomst_id = $1 LIMIT 1`, [id]);
        if (inUse.rowCount) {
          throw new ApiError(409, 'in_gebruik', `Bestuursovereenkomst ${id} hoort bij toewijzingen van compensatie en kan niet worden verwijderd.`);
        }
        await client.query(`DELETE FROM bestuursovereenkomst WHERE id = $1 AND version = $2`, [id, version]);
      });
      return c.json({ id, verwijderd: true }, 200);
    },
  );

  return app;
}
