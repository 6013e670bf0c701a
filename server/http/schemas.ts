// Shared request/response schemas (zod), also the source of the OpenAPI document.
import { z } from '@hono/zod-openapi';

export const ErrorSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .openapi('Fout');

export const IdParamSchema = z.object({
  id: z.coerce
    .number({ message: 'id moet een geheel getal zijn' })
    .int('id moet een geheel getal zijn')
    .positive('id moet positief zijn')
    .max(2_147_483_647, 'id is te groot')
    .openapi({ param: { name: 'id', in: 'path' }, example: 12 }),
});

const BBOX_MESSAGE = 'bbox moet vier getallen zijn: minLon,minLat,maxLon,maxLat (WGS84), met min < max';

export const BBoxSchema = z
  .string()
  .transform((s, ctx) => {
    const parts = s.split(',').map((p) => (p.trim() === '' ? NaN : Number(p)));
    const [minLon, minLat, maxLon, maxLat] = parts;
    const ok =
      parts.length === 4 &&
      parts.every(Number.isFinite) &&
      minLon >= -180 && maxLon <= 180 && minLat >= -90 && maxLat <= 90 &&
      minLon < maxLon && minLat < maxLat;
    if (!ok) {
      ctx.addIssue({ code: 'custom', message: BBOX_MESSAGE });
      return z.NEVER;
    }
    return parts as [number, number, number, number];
  })
  .openapi({ param: { name: 'bbox', in: 'query' }, example: '4.45,52.13,4.52,52.18', type: 'string' });

/** Most ids one list request may name (a longer list is asked for in parts). */
export const MAX_IDS = 500;
const IDS_MESSAGE = `ids moet een lijst van hoogstens ${MAX_IDS} positieve gehele getallen zijn, gescheiden door komma's`;

/** A comma-separated list of record ids, e.g. `ids=12,15,40`. */
export const IdListSchema = z
  .string()
  .transform((s, ctx) => {
    const parts = s.split(',').map((p) => p.trim());
    const ids = parts.map((p) => (/^[1-9][0-9]{0,9}$/.test(p) ? Number(p) : NaN));
    if (ids.length > MAX_IDS || !ids.every((n) => Number.isInteger(n) && n <= 2_147_483_647)) {
      ctx.addIssue({ code: 'custom', message: IDS_MESSAGE });
      return z.NEVER;
    }
    return [...new Set(ids)];
  })
  .openapi({ param: { name: 'ids', in: 'query' }, example: '12,15,40', type: 'string' });

export const FeatureSchema = z
  .object({
    type: z.literal('Feature'),
    id: z.number().int(),
    geometry: z.unknown(),
    properties: z.record(z.string(), z.unknown()),
  })
  .openapi('Feature');

export const FeatureCollectionSchema = z
  .object({ type: z.literal('FeatureCollection'), features: z.array(FeatureSchema) })
  .openapi('FeatureCollection');
