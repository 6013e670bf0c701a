// One error shape for the whole API: {"error":{"code","message","details?"}},
// with a Dutch message the UI can show as it is.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import { apiErrorFromDatabase } from './db-errors.ts';

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: string | number) =>
  new ApiError(404, 'niet_gevonden', `${what} met id ${id} bestaat niet.`);

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export function handleError(err: Error, c: Context) {
  const api = err instanceof ApiError ? err : apiErrorFromDatabase(err);
  if (api) {
    const wait = (api.details as { wacht_seconden?: unknown } | undefined)?.wacht_seconden;
    if (api.status === 429 && typeof wait === 'number') c.header('Retry-After', String(wait));
    return c.json(errorBody(api.code, api.message, api.details), api.status);
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    if (status === 413) return c.json(errorBody('te_groot', 'Het verzoek is te groot.'), 413);
    // Hono's own refusals are in English: the request body the validator could not read.
    if (/^Malformed JSON/.test(err.message)) return c.json(errorBody('ongeldige_json', 'De inhoud van het verzoek is geen geldige JSON.'), status);
    if (/^Malformed FormData/.test(err.message)) return c.json(errorBody('ongeldig_formulier', 'De inhoud van het verzoek is geen geldig formulier.'), status);
    return c.json(errorBody('http_fout', err.message || 'Ongeldig verzoek.'), status);
  }
  console.error(err);
  return c.json(errorBody('serverfout', 'Er ging iets mis op de server. Probeer het later opnieuw.'), 500);
}
