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

// ---------------------------------------------------------------------------------
// The parts of a route's OpenAPI declaration, the same in every feature's routes.

/** A JSON body or answer with this schema. */
export const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

/** A JSON answer with its description: `200: answer('Gewijzigd', AdviesSchema)`. */
export const answer = <T extends z.ZodType>(description: string, schema: T) => ({ description, ...json(schema) });

/** A required JSON request body: `request: { params: IdParamSchema, body: jsonBody(PatchSchema) }`. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ required: true as const, ...json(schema) });

type ErrorResponse = ReturnType<typeof answer<typeof ErrorSchema>>;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Ongeldige invoer',
  401: 'Niet ingelogd',
  403: 'Geen toegang',
  404: 'Niet gevonden',
  409: 'Conflict (bijvoorbeeld een verouderde versie: met wie en wanneer)',
  413: 'Verzoek te groot',
  422: 'Voldoet niet aan de regels',
  428: 'Versienummer ontbreekt',
};

/**
 * The error responses of a route, each with the one error shape: `...errors(400, 404)`
 * with the standard descriptions, or `...errors({ 404: 'Onbekend account' })` in the
 * route's own words.
 */
export function errors<const C extends number>(...codes: C[]): Record<C, ErrorResponse>;
export function errors<const R extends Record<number, string>>(reasons: R): Record<keyof R, ErrorResponse>;
export function errors(...args: (number | Record<number, string>)[]): Record<number, ErrorResponse> {
  const reasons = typeof args[0] === 'object' ? args[0]
    : Object.fromEntries((args as number[]).map((code) => [code, ERROR_DESCRIPTIONS[code] ?? 'Fout']));
  return Object.fromEntries(Object.entries(reasons).map(([code, description]) => [code, answer(description, ErrorSchema)]));
}

/** Error responses described only as 'Fout' (the wording of the older features' routes). */
export const plainErrors = <const C extends number>(...codes: C[]) =>
  errors(Object.fromEntries(codes.map((code) => [code, 'Fout'])) as Record<C, string>);

// ---------------------------------------------------------------------------------
// GeoJSON in WGS84, as the API answers it.

const Position = z.array(z.number()).min(2).max(3).openapi('Positie', { description: '[lengtegraad, breedtegraad] in WGS84' });

export const PolygonSchema = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(Position)),
}).openapi('Polygon');

export const MultiPolygonSchema = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(z.array(Position))),
}).openapi('MultiPolygon');

/** A stored area: every layer keeps MultiPolygons; GeoJSON answers may carry either. */
export const AreaSchema = z.discriminatedUnion('type', [PolygonSchema, MultiPolygonSchema]).openapi('Vlak');

/**
 * A drawn shape as a request sends it. Checked by the server's own rules (not by this
 * schema) so that a wrong shape gets its Dutch reason and the spot where it goes wrong.
 */
export const AreaInputSchema = z.object({ type: z.string(), coordinates: z.array(z.unknown()) })
  .openapi('VlakInvoer', { description: 'GeoJSON Polygon of MultiPolygon in WGS84' });

export const LineInputSchema = z.object({ type: z.string(), coordinates: z.array(z.unknown()) })
  .openapi('LijnInvoer', { description: 'GeoJSON LineString in WGS84 die het vlak helemaal doorsnijdt' });

/** The version a change is based on (optimistic locking). */
export const VersionSchema = z.number({ message: 'version (het versienummer dat u bewerkt) is verplicht' }).int().positive();

/** `?version=` for a DELETE (If-Match works too). */
export const VersionQuerySchema = z.object({
  version: z.string().optional().openapi({ description: 'Het versienummer dat u verwijdert (of stuur If-Match)' }),
});

/**
 * The declaration of a DELETE of a versioned record, the same for every feature: the client
 * sends the version it last read (?version= or If-Match); 409 (with who and when) when
 * someone changed the record since, 428 without a version.
 */
export const versionedDelete = <const P extends string, Q extends z.ZodObject, S extends z.ZodType>(
  spec: { path: P; tags: string[]; summary: string; params: Q; gedaan: string; answer: S },
) => ({
  method: 'delete' as const, path: spec.path, tags: spec.tags, summary: spec.summary,
  request: { params: spec.params, query: VersionQuerySchema },
  responses: { 200: answer(spec.gedaan, spec.answer), ...errors(400, 401, 403, 404, 409, 428) },
});

/**
 * Where a change of a versioned record carries the version it is based on: in the body,
 * required (a missing one is invalid input, 400), or in the body or If-Match (428 without).
 */
export type VersieIn = 'body' | 'body_of_if_match';

/**
 * The declaration of a change (PATCH or PUT) of a versioned record, the same for every
 * feature: 409 (with who and when) when someone changed the record since the version sent,
 * 422 when the rules refuse the change.
 */
export const versionedChange = <const M extends 'patch' | 'put', const P extends string, Q extends z.ZodObject, B extends z.ZodType, S extends z.ZodType>(
  spec: { method: M; path: P; tags: string[]; summary: string; params: Q; body: B; versie: VersieIn; gedaan: string; answer: S },
) => ({
  method: spec.method, path: spec.path, tags: spec.tags, summary: spec.summary,
  request: { params: spec.params, body: jsonBody(spec.body) },
  responses: {
    200: answer(spec.gedaan, spec.answer),
    ...(spec.versie === 'body' ? errors(400, 401, 403, 404, 409, 422) : errors(400, 401, 403, 404, 409, 422, 428)),
  },
});
