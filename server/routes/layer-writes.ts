// POST/PATCH/DELETE, history and restore for the editable map layers.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../app.ts';
import { writableLayers } from '../layers/writable.ts';
import { createRecord, deleteRecord, history, restoreVersion, updateRecord } from '../layers/writes.ts';
import { getFeature } from '../layers/queries.ts';
import { layers } from '../layers/definitions.ts';
import { actorOf } from '../auth/middleware.ts';
import { ApiError } from '../http/errors.ts';
import { ErrorSchema, FeatureSchema, IdParamSchema } from '../http/schemas.ts';
import { milieuruimteVanTransformatie, SavedFeatureSchema } from './editor.ts';
import type { Waarschuwing } from '../domain/editor-rules.ts';
import { validationHook } from '../http/validation.ts';
import { baseVersion } from '../http/version.ts';

const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [code, { description: 'Fout', content: { 'application/json': { schema: ErrorSchema } } }]));

const GeometrySchema = z.object({ type: z.string(), coordinates: z.array(z.unknown()) }).passthrough()
  .openapi({ description: 'GeoJSON Polygon of MultiPolygon in WGS84' });

const VersionSchema = z.number({ message: 'version (het versienummer dat u bewerkt) is verplicht' }).int().positive();



export function layerWriteRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  for (const layer of writableLayers) {
    const read = layers.find((l) => l.path === layer.path)!;
    const featureAfterWrite = async (c: Context<AppEnv>, id: number) => {
      const feature = await getFeature(c.var.db.pool, read, id, actorOf(c).rol);
      if (!feature) throw new ApiError(404, 'niet_gevonden', `${layer.label} ${id} bestaat niet.`);
      c.header('ETag', `"${String(feature.properties.version)}"`);
      return feature;
    };
    const ctx = (c: Context<AppEnv>) => ({ pool: c.var.db.pool, actor: actorOf(c) });
    /** The saved feature plus the editor's findings: waarschuwingen, and for housing the milieuruimte check. */
    const savedFeature = async (c: Context<AppEnv>, id: number, waarschuwingen: Waarschuwing[]) => {
      const feature = await featureAfterWrite(c, id);
      const milieuruimte = layer.table === 'transformatie' ? await milieuruimteVanTransformatie(c.var.db.pool, id) : undefined;
      return { ...feature, waarschuwingen, ...(milieuruimte ? { milieuruimte } : {}) };
    };

    app.openapi(
      createRoute({
        method: 'post', path: `/${layer.path}`, tags: ['Bewerken'],
        summary: `Nieuwe ${layer.label.toLowerCase()} (GeoJSON Feature in WGS84)`,
        request: {
          body: {
            required: true,
            content: { 'application/json': { schema: z.object({
              type: z.literal('Feature', { message: "type moet 'Feature' zijn" }),
              geometry: GeometrySchema,
              properties: layer.schema.partial(),
            }) } },
          },
        },
        responses: { 201: { description: 'Aangemaakt; met waarschuwingen (en voor wonen/gemengd de milieuruimtecheck)', content: { 'application/json': { schema: SavedFeatureSchema } } }, ...errors(400, 401, 403, 413, 422) },
      }),
      async (c) => {
        const body = c.req.valid('json');
        const missing = layer.required.filter((k) => (body.properties as Record<string, unknown>)[k] === undefined);
        if (missing.length) throw new ApiError(400, 'ongeldige_invoer', `Verplicht veld ontbreekt: ${missing.join(', ')}.`, missing.map((m) => ({ pad: `properties.${m}`, melding: 'verplicht' })));
        const { id, waarschuwingen } = await createRecord(ctx(c), layer, body.geometry, body.properties as Record<string, unknown>);
        return c.json(await savedFeature(c, id, waarschuwingen), 201);
      },
    );

    app.openapi(
      createRoute({
        method: 'patch', path: `/${layer.path}/{id}`, tags: ['Bewerken'],
        summary: `Wijzig ${layer.label.toLowerCase()}; stuur de versie mee (If-Match of version)`,
        request: {
          params: IdParamSchema,
          body: { required: true, content: { 'application/json': { schema: z.object({
            version: VersionSchema.optional(),
            geometry: GeometrySchema.optional(),
            properties: layer.schema.partial().optional(),
          }).strict() } } },
        },
        responses: { 200: { description: 'Gewijzigd; met waarschuwingen (en voor wonen/gemengd de milieuruimtecheck)', content: { 'application/json': { schema: SavedFeatureSchema } } }, ...errors(400, 401, 403, 404, 409, 413, 422, 428) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        const waarschuwingen = await updateRecord(ctx(c), layer, id, {
          version: baseVersion(c, body.version), geometry: body.geometry, properties: body.properties as Record<string, unknown>,
        });
        return c.json(await savedFeature(c, id, waarschuwingen), 200);
      },
    );

    app.openapi(
      createRoute({
        method: 'delete', path: `/${layer.path}/{id}`, tags: ['Bewerken'],
        summary: layer.softDeleteStatus
          ? `Laat ${layer.label.toLowerCase()} vervallen (status '${layer.softDeleteStatus}'; het record blijft bestaan)`
          : `Verwijder ${layer.label.toLowerCase()}`,
        request: { params: IdParamSchema, query: z.object({ version: z.string().optional() }) },
        responses: { 200: { description: 'Verwerkt', content: { 'application/json': { schema: z.object({ id: z.number(), verwijderd: z.boolean(), status: z.string().optional() }) } } }, ...errors(401, 403, 404, 409, 428) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        await deleteRecord(ctx(c), layer, id, baseVersion(c));
        return c.json(layer.softDeleteStatus ? { id, verwijderd: false, status: layer.softDeleteStatus } : { id, verwijderd: true }, 200);
      },
    );

    app.openapi(
      createRoute({
        method: 'get', path: `/${layer.path}/{id}/history`, tags: ['Bewerken'],
        summary: `Alle versies van een ${layer.label.toLowerCase()}: wie, wanneer, wat (geometrie in WGS84)`,
        request: { params: IdParamSchema },
        responses: { 200: { description: 'Versies, oudste eerst', content: { 'application/json': { schema: z.array(z.object({
          versie: z.number().nullable(), actie: z.string(), tijdstip: z.string(), door: z.string(), reden: z.string().nullable(),
          eigenschappen: z.record(z.string(), z.unknown()).nullable(), geometry: z.unknown(),
        })) } } }, ...errors(401, 404) },
      }),
      async (c) => {
        const geheim = read.vertrouwelijk && !read.vertrouwelijk.mayRead(actorOf(c).rol) ? Object.keys(read.vertrouwelijk.properties) : [];
        return c.json(await history(c.var.db.pool, layer, c.req.valid('param').id, geheim), 200);
      },
    );

    app.openapi(
      createRoute({
        method: 'post', path: `/${layer.path}/{id}/restore`, tags: ['Bewerken'],
        summary: `Zet een eerdere versie terug (als nieuwe, gelogde wijziging)`,
        request: {
          params: IdParamSchema,
          body: { required: true, content: { 'application/json': { schema: z.object({
            version: VersionSchema, naar_versie: z.number().int().positive(),
          }).strict() } } },
        },
        responses: { 200: { description: 'Hersteld', content: { 'application/json': { schema: FeatureSchema } } }, ...errors(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const { version, naar_versie } = c.req.valid('json');
        await restoreVersion(ctx(c), layer, id, version, naar_versie);
        return c.json(await featureAfterWrite(c, id), 200);
      },
    );
  }
  return app;
}
