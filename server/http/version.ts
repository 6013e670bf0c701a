// The version a change is based on, for optimistic locking.
import type { Context } from 'hono';
import { ApiError } from './errors.ts';

/** From the `If-Match` header, or `version` in the body (passed in) or the query string. */
export function baseVersion(c: Context, fromBody?: number): number {
  const header = c.req.header('if-match')?.replace(/^W\//, '').replace(/"/g, '').trim();
  const v = fromBody ?? (header ? Number(header) : c.req.query('version') ? Number(c.req.query('version')) : undefined);
  if (v === undefined || !Number.isInteger(v) || v < 1) {
    throw new ApiError(428, 'versie_vereist', 'Stuur het versienummer mee dat u bewerkt (If-Match of version).');
  }
  return v;
}

/** A change's body with the version it is based on: the body's own, or If-Match (428 without either). */
export const metVersie = <B extends { version?: number }>(c: Context, body: B): B & { version: number } =>
  ({ ...body, version: baseVersion(c, body.version) });
