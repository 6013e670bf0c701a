// Werkgroep editor: split / merge / hole on the editable layers, draw-time validation
// of a draft polygon, and the milieuruimte check for new housing.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type pg from 'pg';
import type { AppEnv } from '../app.ts';
import { writableLayers } from '../layers/writable.ts';
import { layers } from '../layers/definitions.ts';
import { getFeature } from '../layers/queries.ts';
import { cutHole, mergeRecords, splitRecord } from '../layers/editor-ops.ts';
import { judge, milieuruimte, transformatieDatum, type MilieuruimteResultaat } from '../layers/editor-checks.ts';
import { assertKavelInTerrein, assertMayEdit, gemeenteOfRecord, gemeentenInVlak, prepareGeometry } from '../layers/writes.ts';
import { kiesGemeente, werkgroepMagTekenen } from '../domain/gemeente-keuze.ts';
import { inTransaction } from '../db/database.ts';
import { actorOf } from '../auth/middleware.ts';
import { mayEditGemeente } from '../domain/roles.ts';
import { ApiError } from '../http/errors.ts';
import { ErrorSchema, FeatureSchema, IdParamSchema } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';

const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [code, { description: 'Fout', content: { 'application/json': { schema: ErrorSchema } } }]));

const json = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } } });

const Version = z.number({ message: 'version (het versienummer dat u bewerkt) is verplicht' }).int().positive();
const Geometry = z.object({ type: z.string(), coordinates: z.array(z.unknown()) }).passthrough();

export const WaarschuwingSchema = z.object({
  code: z.string(), message: z.string(), overlap_ha: z.number(), ids: z.array(z.number()),
}).openapi('Waarschuwing');

export const MilieuruimteSchema = z.object({
  nieuwe_functie: z.enum(['wonen', 'gemengd']),
  richtafstand_kolom: z.enum(['richtafstand_m', 'richtafstand_gemengd_m']),
  kavels: z.object({ type: z.literal('FeatureCollection'), features: z.array(FeatureSchema) }),
  per_categorie: z.array(z.object({ milieucategorie: z.string(), richtafstand_m: z.number(), aantal: z.number(), ha: z.number() })),
  totaal_ha: z.number(),
  kavels_in_vlak: z.array(z.number()),
}).openapi('Milieuruimte');

export const SavedFeatureSchema = FeatureSchema.extend({
  waarschuwingen: z.array(WaarschuwingSchema),
  milieuruimte: MilieuruimteSchema.optional(),
}).openapi('OpgeslagenFeature');

/** The milieuruimte check for a stored transformatie to wonen/gemengd (undefined otherwise). */
export async function milieuruimteVanTransformatie(pool: pg.Pool, id: number): Promise<MilieuruimteResultaat | undefined> {
  const { rows } = await pool.query<{ ewkt: string; nieuwe_functie: string; status: string }>(
    `SELECT ST_AsEWKT(geom) AS ewkt, nieuwe_functie, status FROM transformatie WHERE id = $1`, [id],
  );
  const t = rows[0];
  if (!t || t.status === 'vervallen' || (t.nieuwe_functie !== 'wonen' && t.nieuwe_functie !== 'gemengd')) return undefined;
  return milieuruimte(pool, t.ewkt, t.nieuwe_functie);
}

/** A gemeente or terrein under a drawn polygon, with the share in ha. */
const VlakDeelSchema = z.object({ id: z.number(), naam: z.string().nullable(), ha: z.number() });
const FoutSchema = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });

export function editorRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const ctx = (c: Context<AppEnv>) => ({ pool: c.var.db.pool, actor: actorOf(c) });

  for (const layer of writableLayers) {
    const read = layers.find((l) => l.path === layer.path)!;
    const feature = async (c: Context<AppEnv>, id: number) => {
      const f = await getFeature(c.var.db.pool, read, id, actorOf(c).rol);
      if (!f) throw new ApiError(404, 'niet_gevonden', `${layer.label} ${id} bestaat niet.`);
      return f;
    };
    const naam = layer.label.toLowerCase();

    app.openapi(
      createRoute({
        method: 'post', path: `/${layer.path}/{id}/split`, tags: ['Editor'],
        summary: `Splits een ${naam} met een lijn: het record wordt het grootste deel, de andere delen worden nieuwe records met dezelfde eigenschappen`,
        request: {
          params: IdParamSchema,
          body: { required: true, ...json(z.object({
            version: Version,
            line: Geometry.openapi({ description: 'GeoJSON LineString in WGS84 die het vlak helemaal doorsnijdt' }),
          }).strict()) },
        },
        responses: {
          200: { description: 'Gesplitst', ...json(z.object({ ids: z.array(z.number()), features: z.array(FeatureSchema) })) },
          ...errors(400, 401, 403, 404, 409, 422),
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const { version, line } = c.req.valid('json');
        const { ids } = await splitRecord(ctx(c), layer, id, version, line);
        const features = [];
        for (const i of ids) features.push(await feature(c, i));
        return c.json({ ids, features }, 200);
      },
    );

    app.openapi(
      createRoute({
        method: 'post', path: `/${layer.path}/{id}/merge`, tags: ['Editor'],
        summary: `Voeg een andere ${naam} samen met deze` +
          (layer.softDeleteStatus ? ` (de andere krijgt status '${layer.softDeleteStatus}')` : ' (de andere wordt verwijderd)') +
          (layer.table === 'kavel' ? '; alleen kavels op hetzelfde terrein' : ''),
        request: {
          params: IdParamSchema,
          body: { required: true, ...json(z.object({
            version: Version, met_id: z.number().int().positive(), met_version: Version,
          }).strict()) },
        },
        responses: {
          200: { description: 'Samengevoegd', ...json(z.object({
            id: z.number(), met_id: z.number(), met_status: z.enum(['verwijderd', 'vervallen']), aaneengesloten: z.boolean(), feature: FeatureSchema,
          })) },
          ...errors(400, 401, 403, 404, 409, 422),
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const { version, met_id, met_version } = c.req.valid('json');
        const result = await mergeRecords(ctx(c), layer, id, version, met_id, met_version);
        return c.json({ ...result, feature: await feature(c, id) }, 200);
      },
    );

    app.openapi(
      createRoute({
        method: 'post', path: `/${layer.path}/{id}/hole`, tags: ['Editor'],
        summary: `Snijd een gat in een ${naam} (het gat moet helemaal binnen het vlak liggen)`,
        request: {
          params: IdParamSchema,
          body: { required: true, ...json(z.object({
            version: Version, geometry: Geometry.openapi({ description: 'GeoJSON Polygon in WGS84' }),
          }).strict()) },
        },
        responses: {
          200: { description: 'Gat uitgesneden', ...json(FeatureSchema.extend({ gat_ha: z.number() })) },
          ...errors(400, 401, 403, 404, 409, 422),
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const { version, geometry } = c.req.valid('json');
        const { gat_ha } = await cutHole(ctx(c), layer, id, version, geometry);
        return c.json({ ...(await feature(c, id)), gat_ha }, 200);
      },
    );

    app.openapi(
      createRoute({
        method: 'post', path: `/validatie/${layer.path}`, tags: ['Editor'],
        summary: `Controleer een getekend vlak voor een ${naam} zonder op te slaan (meldingen tijdens het tekenen)`,
        request: {
          body: { required: true, ...json(z.object({
            geometry: Geometry,
            /** The record being redrawn, so it does not overlap itself. */
            id: z.number().int().positive().optional(),
            properties: z.object({
              gemeente_id: z.number().int().positive().optional(),
              /** A kavel's terrein: the kavel must lie within it. */
              terrein_id: z.number().int().positive().optional(),
              nieuwe_functie: z.enum(['wonen', 'gemengd', 'overig']).optional(),
              /** For R-T1: the transformatie's dates (vaststelling counts first). */
              datum_vaststelling: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'gebruik een datum als JJJJ-MM-DD').nullable().optional(),
              datum_terinzagelegging: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'gebruik een datum als JJJJ-MM-DD').nullable().optional(),
            }).optional(),
          }).strict()) },
        },
        responses: {
          200: { description: 'Oordeel: fouten blokkeren opslaan, waarschuwingen niet', ...json(z.object({
            geldig: z.boolean(), oppervlakte_ha: z.number().nullable(),
            gemeente_id: z.number().nullable().openapi({ description: 'De gemeente waar het vlak bij hoort: de gekozen, anders de huidige, anders die met het grootste deel' }),
            gemeenten: z.array(VlakDeelSchema).optional().openapi({ description: 'Gemeenten onder het vlak, grootste deel eerst: de keuzes voor gemeente_id' }),
            terreinen: z.array(VlakDeelSchema).optional().openapi({ description: 'Transformatie: de terreinen onder het vlak' }),
            fouten: z.array(FoutSchema), waarschuwingen: z.array(WaarschuwingSchema), milieuruimte: MilieuruimteSchema.optional(),
          })) },
          ...errors(400, 401, 403),
        },
      }),
      async (c) => {
        const body = c.req.valid('json');
        const actor = actorOf(c);
        const result = await inTransaction(c.var.db.pool, async (client) => {
          const fouten: z.infer<typeof FoutSchema>[] = [];
          const asFout = (err: unknown) => {
            if (!(err instanceof ApiError)) throw err;
            fouten.push({ code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) });
          };
          let ewkt: string | null = null;
          let ha: number | null = null;
          let gemeenteId: number | null = null;
          try {
            ({ ewkt, ha } = await prepareGeometry(client, body.geometry));
          } catch (err) {
            asFout(err);
          }
          if (!ewkt) return { geldig: false, oppervlakte_ha: null, gemeente_id: null, fouten, waarschuwingen: [] };
          const gemeenten = await gemeentenInVlak(client, ewkt);
          const huidig = body.id !== undefined && layer.gemeente === 'column'
            ? (await client.query<{ gemeente_id: number }>(`SELECT gemeente_id FROM ${layer.table} WHERE id = $1`, [body.id])).rows[0]?.gemeente_id
            : undefined;
          const keuze = kiesGemeente(gemeenten, body.properties?.gemeente_id, huidig);
          // Where a werkgroep member may draw (the largest part in its own gemeente), then whose record it becomes.
          const recht = actor.rol === 'werkgroep' ? werkgroepMagTekenen(gemeenten, actor.gemeente_id ?? -1) : { ok: true as const };
          if (!recht.ok) fouten.push({ code: recht.code, message: recht.message, details: { gemeenten } });
          if (keuze.ok) {
            gemeenteId = keuze.gemeente_id;
            if (recht.ok && layer.gemeente === 'column' && !mayEditGemeente(actor, gemeenteId)) {
              fouten.push({ code: 'andere_gemeente', message: 'U mag alleen gegevens van uw eigen gemeente wijzigen.' });
            }
          } else fouten.push({ code: keuze.code, message: keuze.message });
          const terreinId = body.properties?.terrein_id;
          if (layer.table === 'kavel' && terreinId !== undefined) {
            try {
              await assertKavelInTerrein(client, ewkt, terreinId);
              if (recht.ok) assertMayEdit(actor, await gemeenteOfRecord(client, layer, { terrein_id: terreinId }));
            } catch (err) {
              asFout(err);
            }
          }
          const terreinen = layer.table === 'transformatie'
            ? (await client.query<{ t: { id: number; naam: string | null; ha: number }[] }>(`SELECT terreinen_onder(ST_GeomFromEWKT($1)) AS t`, [ewkt])).rows[0].t
            : undefined;
          const oordeel = await judge(client, layer.path, ewkt, { excludeId: body.id, datum: transformatieDatum(body.properties ?? {}) });
          fouten.push(...oordeel.fouten.map((f) => ({ code: f.code, message: f.message, ...(f.ids ? { details: { ids: f.ids } } : {}) })));
          const functie = body.properties?.nieuwe_functie;
          const mr = layer.table === 'transformatie' && (functie === 'wonen' || functie === 'gemengd')
            ? await milieuruimte(client, ewkt, functie) : undefined;
          return {
            geldig: fouten.length === 0, oppervlakte_ha: ha, gemeente_id: gemeenteId, gemeenten, ...(terreinen ? { terreinen } : {}), fouten,
            waarschuwingen: oordeel.waarschuwingen, ...(mr ? { milieuruimte: mr } : {}),
          };
        });
        return c.json(result, 200);
      },
    );
  }

  app.openapi(
    createRoute({
      method: 'post', path: '/milieuruimte/check', tags: ['Editor'],
      summary: 'Welke kavels verliezen milieuruimte als hier gewoond (of gemengd gebied) komt? VNG-richtafstanden uit de database, afstanden in RD New',
      request: {
        body: { required: true, ...json(z.object({
          geometry: Geometry.openapi({ description: 'Ontwerp-transformatie: GeoJSON Polygon of MultiPolygon in WGS84' }),
          nieuwe_functie: z.enum(['wonen', 'gemengd']),
        }).strict()) },
      },
      responses: {
        200: { description: 'Getroffen kavels (GeoJSON, WGS84) en hectares per milieucategorie', ...json(MilieuruimteSchema.extend({ oppervlakte_ha: z.number() })) },
        ...errors(400, 401, 403, 422),
      },
    }),
    async (c) => {
      const { geometry, nieuwe_functie } = c.req.valid('json');
      const result = await inTransaction(c.var.db.pool, async (client) => {
        const { ewkt, ha } = await prepareGeometry(client, geometry);
        return { ...(await milieuruimte(client, ewkt, nieuwe_functie)), oppervlakte_ha: ha };
      });
      return c.json(result, 200);
    },
  );

  return app;
}
