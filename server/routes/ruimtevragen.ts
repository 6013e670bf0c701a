// Company space requests, shown per role: in full to regie, anonymised to the
// werkgroep, and only as aggregates to the stuurgroep. Regisseur and beheerder
// keep the register (create, change, withdraw, CSV import); candidates per request.
import { aantal } from '../domain/nl-tekst.ts';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../app.ts';
import { actorOf } from '../auth/middleware.ts';
import { ruimtevraagZicht } from '../domain/roles.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { ErrorSchema, IdParamSchema } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { baseVersion } from '../http/version.ts';
import { REDENEN, RuimtevraagNieuw, RuimtevraagWijziging, VRAAG_STATUS } from '../domain/matching-register.ts';
import { CRITERIA, TIE_BREAK, heeftGewicht, instellingenUit, type Instellingen } from '../domain/matching.ts';
import { instellingVelden } from '../domain/matching-instellingen.ts';
import { kandidatenVoorZicht, vraagVoorZicht, type KandidaatZicht } from '../domain/matching-zicht.ts';
import { importeerCsv, maakRuimtevraag, wijzigRuimtevraag } from '../matching/register.ts';
import { AUDIT_REDEN, kandidatenVanVraag, laadInstellingen } from '../matching/data.ts';

const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [code, { description: 'Fout', content: { 'application/json': { schema: ErrorSchema } } }]));
const Json = z.record(z.string(), z.unknown());

const LIJST_SQL = `
  SELECT r.id, r.min_ha, r.max_ha, r.milieucategorie, r.watergebonden, r.reden, r.voorrang, r.status,
         r.gewenst_vanaf, r.gewenst_tot, r.gewenste_gemeente_ids,
         ARRAY(SELECT g.naam FROM gemeente g WHERE g.id = ANY(r.gewenste_gemeente_ids) ORDER BY g.naam) AS gewenste_gemeenten,
         r.bedrijf_id, b.naam AS bedrijf_naam, b.kvk_nummer, b.sector, b.arbeidsplaatsen, b.gebruikspositie, b.huidige_kavel_id,
         b.milieucategorie_activiteit, r.accountmanager, r.notities, r.bron, r.version, r.updated_at
  FROM ruimtevraag r JOIN bedrijf b ON b.id = r.bedrijf_id`;

const LijstQuery = z.object({
  status: z.enum(VRAAG_STATUS, { message: `status: kies uit ${VRAAG_STATUS.join(', ')}` }).optional(),
  gemeente: z.string().optional().openapi({ description: 'Gewenste gemeente: id of naam' }),
  milieucategorie: z.string().optional(),
  reden: z.enum(REDENEN, { message: `reden: kies uit ${REDENEN.join(', ')}` }).optional(),
});

const GEWICHT_SLEUTELS = CRITERIA.map((c) => `gewicht_${c}` as const);

const KandidaatQuery = z.object({
  ...instellingVelden([...GEWICHT_SLEUTELS, 'tolerantie', 'max_kavels_samenvoegen'], 'query'),
  limiet: z.coerce.number({ message: 'limiet moet een getal zijn' }).int('limiet moet een geheel getal zijn').min(1, 'limiet moet minstens 1 zijn').max(500, 'limiet mag hoogstens 500 zijn').optional(),
});

/** Settings from the table, overridden per request (gewicht_*, tolerantie, …); 422 when no criterion weighs anything. */
export function metQueryOverrides(base: Instellingen, q: Record<string, number | string | undefined>): Instellingen {
  const overrides = Object.fromEntries(Object.entries(q).filter((e): e is [string, number] => typeof e[1] === 'number' && e[0] !== 'limiet'));
  const inst = instellingenUit(overrides, base);
  if (!heeftGewicht(inst)) throw new ApiError(422, 'gewichten_nul', 'Minstens één gewicht moet groter dan 0 zijn; anders krijgt elke kavel score 0.');
  return inst;
}

/** The register row of one request, as the caller's zicht may see it. */
async function leesVraag(c: Context<AppEnv>, id: number) {
  const { rows } = await c.var.db.pool.query(`${LIJST_SQL} WHERE r.id = $1`, [id]);
  if (!rows[0]) throw notFound('Ruimtevraag', id);
  return { versie: rows[0].version as number, vraag: vraagVoorZicht(zichtVan(c), rows[0]) };
}

async function eenVraag(c: Context<AppEnv>, id: number) {
  const { versie, vraag } = await leesVraag(c, id);
  c.header('ETag', `"${String(versie)}"`);
  return vraag;
}

/** Regie sees everything, the werkgroep the anonymised view (the stuurgroep has no route here). */
function zichtVan(c: Context<AppEnv>): KandidaatZicht {
  return ruimtevraagZicht(actorOf(c).rol) === 'volledig' ? 'volledig' : 'anoniem';
}

export function ruimtevraagRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(
    createRoute({ method: 'get', path: '/ruimtevragen', tags: ['Ruimtevragen'],
      summary: 'Ruimtevragen: volledig voor regisseur en beheerder, geanonimiseerd voor de werkgroep; filters status, gemeente, milieucategorie, reden',
      request: { query: LijstQuery },
      responses: { 200: { description: 'Lijst', content: { 'application/json': { schema: z.array(Json) } } }, ...errors(400) } }),
    async (c) => {
      const zicht = zichtVan(c);
      const q = c.req.valid('query');
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (sql: string, v: unknown) => { params.push(v); where.push(sql.replace('?', `$${params.length}`)); };
      if (q.status) add('r.status = ?', q.status);
      if (q.reden) add('r.reden = ?', q.reden);
      if (q.milieucategorie) add('r.milieucategorie = ?', q.milieucategorie);
      if (q.gemeente) {
        if (/^\d+$/.test(q.gemeente)) add('?::int = ANY(r.gewenste_gemeente_ids)', Number(q.gemeente));
        else add('EXISTS (SELECT 1 FROM gemeente g WHERE lower(g.naam) = lower(?) AND g.id = ANY(r.gewenste_gemeente_ids))', q.gemeente);
      }
      const { rows } = await c.var.db.pool.query(`${LIJST_SQL} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.id`, params);
      return c.json(rows.map((r) => vraagVoorZicht(zicht, r)), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/ruimtevragen/aggregaat', tags: ['Ruimtevragen'],
      summary: 'Aantal open ruimtevragen en gevraagde hectares per milieucategorie en gewenste gemeente',
      responses: { 200: { description: 'Aggregaten', content: { 'application/json': { schema: z.object({
        totaal: z.object({ aantal: z.number(), min_ha: z.number(), max_ha: z.number() }),
        per_milieucategorie: z.array(z.object({ milieucategorie: z.string(), aantal: z.number(), min_ha: z.number(), max_ha: z.number() })),
        per_gemeente: z.array(z.object({ gemeente: z.string(), aantal: z.number(), min_ha: z.number(), max_ha: z.number() })),
      }) } } } } }),
    async (c) => {
      const pool = c.var.db.pool;
      const open = `FROM ruimtevraag r WHERE r.status IN ('open', 'in_behandeling')`;
      const totaal = (await pool.query(`SELECT count(*)::int AS aantal, coalesce(sum(min_ha), 0) AS min_ha, coalesce(sum(max_ha), 0) AS max_ha ${open}`)).rows[0];
      const perCat = (await pool.query(
        `SELECT r.milieucategorie, count(*)::int AS aantal, sum(r.min_ha) AS min_ha, sum(r.max_ha) AS max_ha ${open}
         GROUP BY r.milieucategorie, m.volgorde ORDER BY m.volgorde`.replace(
          'FROM ruimtevraag r', 'FROM ruimtevraag r JOIN milieucategorie m ON m.stelsel = r.milieucategorie_stelsel AND m.code = r.milieucategorie'),
      )).rows;
      const perGemeente = (await pool.query(
        `SELECT g.naam AS gemeente, count(*)::int AS aantal, sum(r.min_ha) AS min_ha, sum(r.max_ha) AS max_ha
         ${open.replace('FROM ruimtevraag r', 'FROM ruimtevraag r JOIN gemeente g ON g.id = ANY(r.gewenste_gemeente_ids)')}
         GROUP BY g.naam ORDER BY g.naam`,
      )).rows;
      return c.json({ totaal, per_milieucategorie: perCat, per_gemeente: perGemeente }, 200);
    },
  );
  app.openapi(
    createRoute({ method: 'post', path: '/ruimtevragen/import', tags: ['Ruimtevragen'],
      summary: 'CSV-import van ruimtevragen (puntkomma of komma, Nederlandse kolomkoppen); alles of niets, ?dry_run=1 controleert alleen',
      request: {
        query: z.object({ dry_run: z.enum(['0', '1', 'true', 'false'], { message: 'dry_run moet 0 of 1 zijn' }).optional() }),
        body: { required: true, content: { 'text/csv': { schema: z.string() } } },
      },
      responses: {
        200: { description: 'Rapport (proefdraai of aangemaakt)', content: { 'application/json': { schema: Json } } },
        422: { description: 'Rapport met fouten per rij; niets opgeslagen', content: { 'application/json': { schema: Json } } },
        ...errors(400, 413, 415),
      } }),
    async (c) => {
      const type = c.req.header('content-type') ?? '';
      if (!/^(text\/csv|text\/plain|application\/csv)/i.test(type)) {
        throw new ApiError(415, 'verkeerd_formaat', 'Stuur het CSV-bestand als text/csv.');
      }
      const dry = ['1', 'true'].includes(c.req.valid('query').dry_run ?? '');
      const text = await c.req.text();
      const rapport = await importeerCsv(c.var.db.pool, actorOf(c), text, dry);
      if (!rapport.geldig) {
        return c.json({ error: { code: 'import_ongeldig', message: `De import bevat ${aantal(rapport.fouten.length, 'fout', 'fouten')}; er is niets opgeslagen.`, details: rapport.fouten }, ...rapport }, 422);
      }
      return c.json(rapport, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'post', path: '/ruimtevragen', tags: ['Ruimtevragen'],
      summary: 'Nieuwe ruimtevraag met het bedrijf (regisseur, beheerder)',
      request: { body: { required: true, content: { 'application/json': { schema: RuimtevraagNieuw } } } },
      responses: { 201: { description: 'Aangemaakt', content: { 'application/json': { schema: Json } } }, ...errors(400, 403, 422) } }),
    async (c) => {
      const id = await maakRuimtevraag(c.var.db.pool, actorOf(c), c.req.valid('json'));
      return c.json(await eenVraag(c, id), 201);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/ruimtevragen/{id}', tags: ['Ruimtevragen'],
      summary: 'Eén ruimtevraag (volledig voor regie, geanonimiseerd voor de werkgroep)',
      request: { params: IdParamSchema },
      responses: { 200: { description: 'Ruimtevraag', content: { 'application/json': { schema: Json } } }, ...errors(400, 404) } }),
    async (c) => c.json(await eenVraag(c, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({ method: 'patch', path: '/ruimtevragen/{id}', tags: ['Ruimtevragen'],
      summary: 'Wijzig een ruimtevraag en/of het bedrijf; stuur de versie mee (If-Match of version)',
      request: { params: IdParamSchema, body: { required: true, content: { 'application/json': { schema: RuimtevraagWijziging } } } },
      responses: { 200: { description: 'Gewijzigd', content: { 'application/json': { schema: Json } } }, ...errors(400, 404, 409, 422, 428) } }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const { version, ...wijziging } = body;
      await wijzigRuimtevraag(c.var.db.pool, actorOf(c), id, baseVersion(c, version), wijziging);
      return c.json(await eenVraag(c, id), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/ruimtevragen/{id}', tags: ['Ruimtevragen'],
      summary: "Trek een ruimtevraag in (status 'ingetrokken'; het record blijft bestaan)",
      request: { params: IdParamSchema, query: z.object({ version: z.string().optional() }) },
      responses: { 200: { description: 'Ingetrokken', content: { 'application/json': { schema: z.object({ id: z.number(), verwijderd: z.boolean(), status: z.string() }) } } }, ...errors(404, 409, 428) } }),
    async (c) => {
      const { id } = c.req.valid('param');
      await wijzigRuimtevraag(c.var.db.pool, actorOf(c), id, baseVersion(c), { status: 'ingetrokken' }, AUDIT_REDEN.ruimtevraagIngetrokken);
      return c.json({ id, verwijderd: false, status: 'ingetrokken' }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/ruimtevragen/{id}/kandidaten', tags: ['Matching'],
      summary: 'Kandidaat-kavels en samengevoegde aangrenzende kavels voor een ruimtevraag: voor regie met score per criterium, ' +
        'voor de werkgroep rang en passendheid berekend uit openbare gegevens (server/domain/matching-zicht.ts). ' +
        'Gewichten uit de instellingen, per verzoek te overschrijven met gewicht_<criterium>, tolerantie, max_kavels_samenvoegen.',
      request: { params: IdParamSchema, query: KandidaatQuery },
      responses: { 200: { description: 'Kandidaten, beste eerst', content: { 'application/json': { schema: Json } } }, ...errors(400, 404, 422) } }),
    async (c) => {
      const { id } = c.req.valid('param');
      const q = c.req.valid('query');
      const zicht = zichtVan(c);
      const pool = c.var.db.pool;
      const inst = metQueryOverrides(await laadInstellingen(pool), q);
      const berekend = await kandidatenVanVraag(pool, id, inst, zicht);
      const { vraag } = await leesVraag(c, id);
      return c.json({
        ruimtevraag: vraag,
        zicht,
        tie_break: TIE_BREAK,
        ...kandidatenVoorZicht(zicht, { ...berekend, limiet: q.limiet ?? 50 }),
      }, 200);
    },
  );

  return app;
}
