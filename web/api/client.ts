// Typed fetch client for the Schuifruimte071 API. Errors carry the server's
// Dutch message so the UI can show it unchanged.
import type {
  ApiErrorBody, AppConfig, LayerCollection, LayerFeature, LayerName, Milieucategorie,
} from './types.ts';
import { t } from '../i18n/nl.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  return typeof body === 'object' && body !== null && 'error' in body
    && typeof (body as ApiErrorBody).error?.message === 'string';
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, 'netwerk', t.fouten.netwerk);
  }
  // Static files (style, sea) may come as application/octet-stream: parse the text ourselves.
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError(response.status, 'geen_json', t.fouten.onleesbaar(url));
  }
  if (!response.ok) {
    if (isErrorBody(body)) throw new ApiError(response.status, body.error.code, body.error.message);
    throw new ApiError(response.status, 'http', t.fouten.http(response.status, url));
  }
  return body as T;
}

export const api = {
  config: (signal?: AbortSignal) => getJson<AppConfig>('/api/config', signal),
  milieucategorieen: (signal?: AbortSignal) => getJson<Milieucategorie[]>('/api/milieucategorieen', signal),
  layer: <L extends LayerName>(layer: L, signal?: AbortSignal) =>
    getJson<LayerCollection<L>>(`/api/${layer}`, signal),
  feature: <L extends LayerName>(layer: L, id: number, signal?: AbortSignal) =>
    getJson<LayerFeature<L>>(`/api/${layer}/${id}`, signal),
};
