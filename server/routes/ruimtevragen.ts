// Company space requests, shown per role: in full to regie, anonymised to the
// werkgroep, and only as aggregates to the stuurgroep. Regisseur and beheerder
// keep the register (create, change, withdraw, CSV import); candidates per request.
import { aantal } from '../domain/nl-tekst.ts';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../app.ts';
import { actorOf } from '../auth/middleware.ts';
import { ruimtevraagZicht } from '../domain/roles.ts';
import { anonymousLabel } from '../domain/ruimtevraag.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { ErrorSchema, IdParamSchema } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { baseVersion } from '../http/version.ts';
import { REDENEN, RuimtevraagNieuw, RuimtevraagWijziging, VRAAG_STATUS } from '../domain/matching-register.ts';
import { CRITERIA, TIE_BREAK, instellingenUit, type Instellingen } from '../domain/matching.ts';
import { importeerCsv, maakRuimtevraag, wijzigRuimtevraag } from '../matching/register.ts';
import { kandidatenVanVraag, laadInstellingen } from '../matching/data.ts';

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

/** Anonymised: nothing that names or locates the company. */
const anoniem = (r: Record<string, any>) => ({
  id: r.id, label: anonymousLabel(r.id, Number(r.max_ha), r.milieucategorie),
  min_ha: r.min_ha, max_ha: r.max_ha, milieucategorie: r.milieucategorie, watergebonden: r.watergebonden,
  reden: r.reden, voorrang: r.voorrang, status: r.status, gewenst_vanaf: r.gewenst_vanaf, gewenst_tot: r.gewenst_tot,
  gewenste_gemeenten: r.gewenste_gemeenten, bron: r.bron,
});

const LijstQuery = z.object({
  status: z.enum(VRAAG_STATUS, { message: `status: kies uit ${VRAAG_STATUS.join(', ')}` }).optional(),
  gemeente: z.string().optional().openapi({ description: 'Gewenste gemeente: id of naam' }),
  milieucategorie: z.string().optional(),
  reden: z.enum(REDENEN, { message: `reden: kies uit ${REDENEN.join(', ')}` }).optional(),
});


const KandidaatQuery = z.object({
  ...Object.fromEntries(CRITERIA.map((c) => [`gewicht_${c}`, z.coerce.number({ message: 'moet een getal zijn' }).min(0, 'mag niet negatief zijn').max(100).optional()])),
  tolerantie: z.coerce.number({ message: 'moet een getal zijn' }).min(0).max(2).optional(),
  max_kavels_samenvoegen: z.coerce.number().int().min(1).max(5).optional(),
  limiet: z.coerce.number().int().min(1).max(500).optional(),
});

/** Settings from the table, overridden by query parameters (gewicht_*, tolerantie, max_kavels_samenvoegen). */
export function metQueryOverrides(base: Instellingen, q: Record<string, number | undefined>): Instellingen {
  const overrides = Object.fromEntries(Object.entries(q).filter(([k, v]) => v !== undefined && k !== 'limiet')) as Record<string, number>;
  return instellingenUit(overrides, base);
}

async function eenVraag(c: Context<AppEnv>, id: number) {
  const { rows } = await c.var.db.pool.query(`${LIJST_SQL} WHERE r.id = $1`, [id]);
  if (!rows[0]) throw notFound('Ruimtevraag', id);
  c.header('ETag', `"${String(rows[0].version)}"`);
  return ruimtevraagZicht(actorOf(c).rol) === 'volledig' ? rows[0] : anoniem(rows[0]);
}

export function ruimtevraagRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(
    createRoute({ method: 'get', path: '/ruimtevragen', tags: ['Ruimtevragen'],
      summary: 'Ruimtevragen: volledig voor regisseur en beheerder, geanonimiseerd voor de werkgroep; filters status, gemeente, milieucategorie, reden',
      request: { query: LijstQuery },
      responses: { 200: { description: 'Lijst', content: { 'application/json': { schema: z.array(Json) } } }, ...errors(400) } }),
    async (c) => {
      const zicht = ruimtevraagZicht(actorOf(c).rol);
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
      if (zicht === 'volledig') return c.json(rows, 200);
      return c.json(rows.map(anoniem), 200);
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
      await wijzigRuimtevraag(c.var.db.pool, actorOf(c), id, baseVersion(c), { status: 'ingetrokken' }, 'ingetrokken');
      return c.json({ id, verwijderd: false, status: 'ingetrokken' }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/ruimtevragen/{id}/kandidaten', tags: ['Matching'],
      summary: 'Kandidaat-kavels en samengevoegde aangrenzende kavels voor een ruimtevraag, met score per criterium. ' +
        'Gewichten uit de instellingen, per verzoek te overschrijven met gewicht_<criterium>, tolerantie, max_kavels_samenvoegen.',
      request: { params: IdParamSchema, query: KandidaatQuery },
      responses: { 200: { description: 'Kandidaten, beste eerst', content: { 'application/json': { schema: Json } } }, ...errors(400, 404) } }),
    async (c) => {
      const { id } = c.req.valid('param');
      const q = c.req.valid('query');
      const zicht = ruimtevraagZicht(actorOf(c).rol);
      const pool = c.var.db.pool;
      const inst = metQueryOverrides(await laadInstellingen(pool), q);
      const { vraag, kavels, resultaat } = await kandidatenVanVraag(pool, id, inst);
      const limiet = q.limiet ?? 50;
      const full = zicht === 'volledig';
      const kandidaten = resultaat.kandidaten.slice(0, limiet).map((k, i) => ({
        rang: i + 1,
        kavel_ids: k.kavel_ids,
        samengevoegd: k.samengevoegd,
        oppervlakte_ha: k.oppervlakte_ha,
        score: k.score,
        kavels: k.kavel_ids.map((kid) => {
          const kv = kavels.get(kid)!;
          return { id: kv.id, naam: kv.naam, terrein_id: kv.terrein_id, terrein: kv.terrein, gemeente: kv.gemeente, oppervlakte_ha: kv.ha,
            status: kv.status, planstatus: kv.planstatus, milieucategorie_min: kv.mc_min_code, milieucategorie_max: kv.mc_max_code,
            watergebonden: kv.watergebonden, beschikbaar_vanaf: kv.beschikbaar_vanaf };
        }),
        criteria: full ? k.criteria : k.criteria.map((cr) => (cr.criterium === 'afstand' || cr.criterium === 'arbeidsplaatsen'
          ? { ...cr, toelichting: 'Berekend met vertrouwelijke bedrijfsgegevens; alleen de score wordt getoond.' } : cr)),
      }));
      const vraagOut = full
        ? { id: vraag.id, bedrijf_id: vraag.bedrijf_id, bedrijf_naam: vraag.bedrijf_naam, kvk_nummer: vraag.kvk_nummer, huidige_kavel_id: vraag.huidige_kavel_id,
            min_ha: vraag.min_ha, max_ha: vraag.max_ha, milieucategorie: vraag.milieucategorie, watergebonden: vraag.watergebonden,
            gewenste_gemeente_ids: vraag.gewenste_gemeente_ids, gewenst_vanaf: vraag.gewenst_vanaf, gewenst_tot: vraag.gewenst_tot,
            reden: vraag.reden, voorrang: vraag.voorrang, status: vraag.status, arbeidsplaatsen: vraag.arbeidsplaatsen }
        : { id: vraag.id, label: anonymousLabel(vraag.id, vraag.max_ha, vraag.milieucategorie), min_ha: vraag.min_ha, max_ha: vraag.max_ha,
            milieucategorie: vraag.milieucategorie, watergebonden: vraag.watergebonden, gewenst_vanaf: vraag.gewenst_vanaf,
            gewenst_tot: vraag.gewenst_tot, reden: vraag.reden, voorrang: vraag.voorrang, status: vraag.status };
      return c.json({
        ruimtevraag: vraagOut,
        zicht,
        instellingen: { gewichten: inst.gewichten, tolerantie: inst.tolerantie, max_kavels_samenvoegen: inst.max_kavels_samenvoegen,
          afstand_max_km: inst.afstand_max_km, arbeidsplaatsen_norm_per_ha: inst.arbeidsplaatsen_norm_per_ha, milieuruimte_stappen: inst.milieuruimte_stappen },
        criteria: [...CRITERIA],
        tie_break: TIE_BREAK,
        aantal: resultaat.kandidaten.length,
        kandidaten,
        uitgesloten: resultaat.uitgesloten,
        reden_geen_kandidaten: resultaat.reden_geen_kandidaten,
      }, 200);
    },
  );

  return app;
}
