// Matching for the regisseur (issue #6): the regional assignment, its settings,
// the match workflow and the scheefwerken signal. All company-specific, so for
// regisseur and beheerder only (see server/auth/permissions.ts).
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type pg from 'pg';
import type { AppEnv } from '../app.ts';
import { actorOf } from '../auth/middleware.ts';
import { ApiError } from '../http/errors.ts';
import { ErrorSchema, IdParamSchema } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { CRITERIA, heeftGewicht, INSTELLING_GRENZEN, isInstelling } from '../domain/matching.ts';
import { InstellingenWijziging, instellingVelden } from '../domain/matching-instellingen.ts';
import { IsoDate } from '../domain/dates.ts';
import { AUDIT_REDEN, laadInstellingen, metAudit, vandaag } from '../matching/data.ts';
import { bewaarResultaat, invoerVersies } from '../matching/resultaat.ts';
import { regioToewijzing } from '../matching/regio.ts';
import { haalMatch, lijstMatches, maakMatch, MATCH_STATUS, wijzigMatchStatus } from '../matching/matches.ts';
import { scheefwerkenSignalen } from '../matching/signalen.ts';
import { regioVoorstellen } from '../matching/voorstellen.ts';
import { metQueryOverrides } from './ruimtevragen.ts';

const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [code, { description: 'Fout', content: { 'application/json': { schema: ErrorSchema } } }]));
const Json = z.record(z.string(), z.unknown());
const Stap = {
  datum: IsoDate.optional().openapi({ description: 'Datum van de stap; standaard vandaag' }),
  persoon: z.string().trim().min(1, 'persoon mag niet leeg zijn').max(200).optional().openapi({ description: 'Wie de stap zette; standaard de ingelogde gebruiker' }),
};

function versie(c: Context, fromBody?: number): number {
  const header = c.req.header('if-match')?.replace(/^W\//, '').replace(/"/g, '').trim();
  const v = fromBody ?? (header ? Number(header) : undefined);
  if (v === undefined || !Number.isInteger(v) || v < 1) {
    throw new ApiError(428, 'versie_vereist', 'Stuur het versienummer mee dat u bewerkt (If-Match of version).');
  }
  return v;
}

const RegioBody = z.object({
  ...instellingVelden([...CRITERIA.map((c) => `gewicht_${c}` as const), 'tolerantie', 'voorrang_factor', 'max_kavels_samenvoegen',
    'max_opties_per_vraag', 'max_rekentijd_s'], 'body'),
  peildatum: IsoDate.optional().openapi({ description: 'Datum waarop beschikbaarheid en timing worden beoordeeld; standaard vandaag' }),
}).strict();

/** The stored settings, each with its bounds (for the form). */
async function instellingenLijst(pool: Pick<pg.Pool, 'query'>) {
  const { rows } = await pool.query<{ sleutel: string; waarde: number; omschrijving: string; version: number }>(`SELECT sleutel, waarde, omschrijving, version FROM matching_instelling ORDER BY sleutel`);
  return rows.map((r) => ({ ...r, waarde: Number(r.waarde), ...(isInstelling(r.sleutel) ? INSTELLING_GRENZEN[r.sleutel] : {}) }));
}

export function matchingRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(
    createRoute({ method: 'post', path: '/matching/regio', tags: ['Matching'],
      summary: 'Wijs alle open ruimtevragen tegelijk toe (HiGHS): maximale totaalscore, elke kavel één keer, verhuisketens; ' +
        'lopende matches (kavels in optie) liggen vast; met de gretige één-voor-één-toewijzing ter vergelijking. ' +
        'Bewaart de uitkomst (resultaat_id) zodat precies deze uitkomst matches kan worden; wijzigt verder niets.',
      request: { body: { required: false, content: { 'application/json': { schema: RegioBody } } } },
      responses: { 200: { description: 'Toewijzing', content: { 'application/json': { schema: Json } } }, ...errors(400, 422) } }),
    async (c) => {
      const pool = c.var.db.pool;
      const { peildatum, ...rest } = (c.req.valid('json') ?? {}) as Record<string, number | string | undefined>;
      const inst = metQueryOverrides(await laadInstellingen(pool), rest);
      const datum = typeof peildatum === 'string' ? peildatum : vandaag();
      // The fingerprint first: a change during the solve then shows up as a change since the calculation.
      const invoer_versies = await invoerVersies(pool);
      const r = await regioToewijzing(pool, inst, datum);
      const opgeslagen = await bewaarResultaat(pool, actorOf(c), { peildatum: datum, instellingen: inst, invoer_versies, optimaal: r.optimaal });
      const verschil = r.optimaal.doelwaarde - r.gretig.doelwaarde;
      return c.json({
        resultaat_id: opgeslagen.id,
        berekend_op: opgeslagen.berekend_op,
        samenvatting: { ...r.samenvatting, doelwaarde_optimaal: r.optimaal.doelwaarde, doelwaarde_gretig: r.gretig.doelwaarde,
          verbetering: Math.round(verschil * 1000) / 1000,
          verbetering_pct: r.gretig.doelwaarde > 0 ? Math.round((1000 * verschil) / r.gretig.doelwaarde) / 10 : null },
        optimaal: r.optimaal,
        gretig: r.gretig,
      }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'post', path: '/matching/regio/voorstellen', tags: ['Matching'],
      summary: 'Maak van een berekende regionale uitkomst (resultaat_id van POST /matching/regio) precies die matches (voorgesteld), ' +
        'met keten en stap; vragen met een lopende match worden overgeslagen. Rekent niet opnieuw; 409 als de gegevens sindsdien ' +
        'zijn gewijzigd of de uitkomst al is gebruikt. Eén transactie.',
      request: { body: { required: true, content: { 'application/json': { schema: z.object({
        resultaat_id: z.number({ message: 'resultaat_id (de berekende uitkomst) is verplicht' }).int().positive(),
      }).strict() } } } },
      responses: { 201: { description: 'Aangemaakte matches', content: { 'application/json': { schema: Json } } }, ...errors(400, 404, 409, 422) } }),
    async (c) => c.json(await regioVoorstellen(c.var.db.pool, actorOf(c), c.req.valid('json').resultaat_id), 201),
  );

  app.openapi(
    createRoute({ method: 'get', path: '/matching/instellingen', tags: ['Matching'],
      summary: 'Gewichten en drempels van de matching en het scheefwerken-signaal',
      responses: { 200: { description: 'Instellingen', content: { 'application/json': { schema: z.array(Json) } } } } }),
    async (c) => {
      return c.json(await instellingenLijst(c.var.db.pool), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'patch', path: '/matching/instellingen', tags: ['Matching'],
      summary: 'Wijzig gewichten of drempels ({"gewicht_omvang": 4, …}); gelogd',
      request: { body: { required: true, content: { 'application/json': { schema: InstellingenWijziging } } } },
      responses: { 200: { description: 'Instellingen', content: { 'application/json': { schema: z.array(Json) } } }, ...errors(400, 422) } }),
    async (c) => {
      const body = c.req.valid('json');
      await metAudit(c.var.db.pool, actorOf(c), AUDIT_REDEN.instellingen, async (client) => {
        for (const [sleutel, waarde] of Object.entries(body)) {
          const res = await client.query(`UPDATE matching_instelling SET waarde = $2 WHERE sleutel = $1`, [sleutel, waarde]);
          if (!res.rowCount) throw new ApiError(422, 'onbekende_instelling', `Onbekende instelling '${sleutel}'.`);
        }
        if (!heeftGewicht(await laadInstellingen(client))) {
          throw new ApiError(422, 'gewichten_nul', 'Minstens één gewicht moet groter dan 0 zijn; anders krijgt elke kavel score 0.');
        }
      });
      return c.json(await instellingenLijst(c.var.db.pool), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/matches', tags: ['Matching'],
      summary: 'Matches, eventueel van één ruimtevraag of met één status',
      request: { query: z.object({
        ruimtevraag_id: z.coerce.number().int().positive().optional(),
        status: z.enum(MATCH_STATUS, { message: `status: kies uit ${MATCH_STATUS.join(', ')}` }).optional(),
      }) },
      responses: { 200: { description: 'Lijst', content: { 'application/json': { schema: z.array(Json) } } }, ...errors(400) } }),
    async (c) => c.json(await lijstMatches(c.var.db.pool, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({ method: 'post', path: '/matches', tags: ['Matching'],
      summary: 'Maak een match (status voorgesteld) van een kandidaat: een ruimtevraag en één of meer aangrenzende kavels',
      request: { body: { required: true, content: { 'application/json': { schema: z.object({
        ruimtevraag_id: z.number({ message: 'ruimtevraag_id is verplicht' }).int().positive(),
        kavel_ids: z.array(z.number().int().positive(), { message: 'kavel_ids is verplicht' }).min(1, 'kies minstens één kavel').max(5),
        reden: z.string().trim().min(1).max(2000).optional(),
        ...Stap,
      }).strict() } } } },
      responses: { 201: { description: 'Aangemaakt', content: { 'application/json': { schema: Json } } }, ...errors(400, 404, 422) } }),
    async (c) => {
      const id = await maakMatch(c.var.db.pool, actorOf(c), c.req.valid('json'));
      return c.json(await haalMatch(c.var.db.pool, id), 201);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/matches/{id}', tags: ['Matching'],
      summary: 'Eén match met kavels, criteria en alle stappen (datum, persoon, reden)',
      request: { params: IdParamSchema },
      responses: { 200: { description: 'Match', content: { 'application/json': { schema: Json } } }, ...errors(400, 404) } }),
    async (c) => c.json(await haalMatch(c.var.db.pool, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({ method: 'patch', path: '/matches/{id}', tags: ['Matching'],
      summary: 'Volgende stap: besproken_werkgroep (kavels in optie), warme_overdracht, gerealiseerd, of afgevallen (kavels vrij)',
      request: { params: IdParamSchema, body: { required: true, content: { 'application/json': { schema: z.object({
        version: z.number().int().positive().optional(),
        status: z.enum(MATCH_STATUS, { message: `status: kies uit ${MATCH_STATUS.join(', ')}` }),
        reden: z.string({ message: 'reden is verplicht' }).trim().min(1, 'reden is verplicht').max(2000),
        ...Stap,
      }).strict() } } } },
      responses: { 200: { description: 'Gewijzigd', content: { 'application/json': { schema: Json } } }, ...errors(400, 404, 409, 422, 428) } }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { version, ...w } = c.req.valid('json');
      await wijzigMatchStatus(c.var.db.pool, actorOf(c), id, versie(c, version), w);
      return c.json(await haalMatch(c.var.db.pool, id), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/signalen/scheefwerken', tags: ['Matching'],
      summary: 'Scheefwerken: bedrijven met een activiteit ver onder de milieucategorie van hun kavel (drempels in matching_instelling)',
      responses: { 200: { description: 'Signalen', content: { 'application/json': { schema: Json } } } } }),
    async (c) => c.json(await scheefwerkenSignalen(c.var.db.pool, await laadInstellingen(c.var.db.pool)), 200),
  );
  return app;
}
