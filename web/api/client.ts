// The API's error as the web app throws it (with the server's Dutch message, shown
// unchanged), and plain JSON fetches. API calls go through the typed client
// (web/api/http.ts); getJson serves static JSON (the basemap's style and sea), and
// postJson/sendJson remain for the screens not yet moved to the typed client.
import { t } from '../i18n/nl.ts';

interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The server's `error.details` (e.g. `locatie` of a self-intersection, `huidige_versie` of a conflict). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  return typeof body === 'object' && body !== null && 'error' in body
    && typeof (body as ApiErrorBody).error?.message === 'string';
}

export const CSRF_HEADER = 'x-csrf-token';

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  return requestJson<T>(url, { signal });
}

/** POST with a JSON body; state-changing calls of a signed-in user carry the CSRF token. */
export async function postJson<T>(url: string, body: unknown, csrfToken?: string): Promise<T> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (csrfToken) headers[CSRF_HEADER] = csrfToken;
  return requestJson<T>(url, { method: 'POST', body: JSON.stringify(body ?? {}), headers });
}

/** PATCH/DELETE (and POST) with an optional JSON body and the CSRF token. */
export async function sendJson<T>(method: 'POST' | 'PATCH' | 'DELETE', url: string, body: unknown, csrfToken: string): Promise<T> {
  const headers: Record<string, string> = { [CSRF_HEADER]: csrfToken };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return requestJson<T>(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function requestJson<T>(url: string, init: RequestInit): Promise<T> {
  const signal = init.signal ?? undefined;
  let response: Response;
  try {
    // Same-origin fetches send the session cookie by default.
    response = await fetch(url, { ...init, headers: { Accept: 'application/json', ...init.headers } });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, 'netwerk', t.fouten.netwerk);
  }
  // Static files (style, sea) may come as application/octet-stream: parse the text ourselves.
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError(response.status, 'geen_json', t.fouten.onleesbaar(url));
  }
  if (!response.ok) {
    if (isErrorBody(body)) {
      const details = typeof body.error.details === 'object' && body.error.details !== null
        ? body.error.details as Record<string, unknown> : undefined;
      throw new ApiError(response.status, body.error.code, body.error.message, details);
    }
    throw new ApiError(response.status, 'http', t.fouten.http(response.status, url));
  }
  return body as T;
}
