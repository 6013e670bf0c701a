// The typed API client: every path, parameter, body and answer is typed from
// web/api/schema.gen.ts, which is generated from the server's route schemas
// (npm run gen:api). No API type is written by hand in the web app.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema.gen.ts';
import { ApiError, CSRF_HEADER } from './client.ts';
import { t } from '../i18n/nl.ts';

/** The named schemas of the API (Feature, Balans, Ruimtevraag, …). */
export type Schemas = components['schemas'];

let csrfToken: string | null = null;

/** The one place the CSRF token is kept: set on sign-in and by "who am I", cleared on sign-out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The token for a request made outside this client (the import's upload with progress, an XMLHttpRequest). */
export function csrfTokenNow(): string | null {
  return csrfToken;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const csrf: Middleware = {
  onRequest({ request }) {
    if (STATE_CHANGING.has(request.method) && csrfToken) request.headers.set(CSRF_HEADER, csrfToken);
    return request;
  },
};

export const http = createClient<paths>({ baseUrl: '', headers: { Accept: 'application/json' } });
http.use(csrf);

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Awaits a typed call and returns its data, or throws an ApiError with the
 * server's Dutch message (or a Dutch network message).
 */
export async function call<T>(request: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await request;
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'netwerk', t.fouten.netwerk);
  }
  const { data, error, response } = answer;
  if (response.ok) return data as T;
  const body = error as { error?: { code?: string; message?: string; details?: unknown } } | undefined;
  if (body?.error?.message) {
    const details = typeof body.error.details === 'object' && body.error.details !== null
      ? body.error.details as Record<string, unknown> : undefined;
    throw new ApiError(response.status, body.error.code ?? 'http', body.error.message, details);
  }
  throw new ApiError(response.status, 'http', t.fouten.http(response.status, response.url));
}
