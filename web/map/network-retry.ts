// The map's own network requests (data tiles, the PMTiles basemap) are tried again when
// they fail on the network: one lost connection on a venue's wifi must not leave part of
// the meeting's map blank until someone pans. HTTP answers (404, 500…) and aborts (the
// map no longer needs the tile) are final and pass straight through.
import { AJAXError, type AddProtocolAction, type GetResourceResponse, type RequestParameters } from 'maplibre-gl';
import { FetchSource, PMTiles, type Protocol, type RangeResponse, type Source } from 'pmtiles';

/** Waits before the second and third try; a lasting outage still ends in an error. */
export const RETRY_DELAYS_MS = [250, 1000];

/** What fetch says in Chromium, Firefox and Safari when the connection fails. */
const FETCH_NETWORK_MESSAGES = ['Failed to fetch', 'NetworkError when attempting to fetch resource.', 'Load failed'];

/**
 * A failure of the connection itself: fetch's TypeError, MapLibre's AJAXError with status 0,
 * or either after MapLibre passed it on from its worker as a plain Error (only the message
 * tells then).
 */
export function isNetworkFailure(error: unknown): boolean {
  if (error instanceof AJAXError) return error.status === 0;
  return error instanceof TypeError || (error instanceof Error && FETCH_NETWORK_MESSAGES.includes(error.message));
}

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason as Error); }, { once: true });
  });

/**
 * What the map aborted ends as an abort, whatever fetch threw: Chromium sometimes rejects a
 * cancelled request with "Failed to fetch", which MapLibre would report as an error.
 */
export const asAbort = (error: unknown, signal: AbortSignal): unknown =>
  signal.aborted ? new DOMException('De kaart heeft dit verzoek afgebroken.', 'AbortError') : error;

export async function withNetworkRetry<T>(load: () => Promise<T>, signal: AbortSignal, delays = RETRY_DELAYS_MS): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await load();
    } catch (error) {
      if (signal.aborted) throw asAbort(error, signal);
      if (attempt >= delays.length || !isNetworkFailure(error)) throw error;
      await pause(delays[attempt]!, signal);
    }
  }
}

/** A MapLibre protocol action that retries another one on network failures. */
export const retrying = (action: AddProtocolAction): AddProtocolAction =>
  (params, abortController) => withNetworkRetry(() => action(params, abortController), abortController.signal);

/**
 * A PMTiles archive read over HTTP whose range requests are retried. Retrying at this
 * level matters: the archive caches its header's promise, so a failed first read would
 * otherwise leave the basemap blank for the rest of the session.
 */
class RetryingSource implements Source {
  private readonly inner: FetchSource;
  constructor(url: string) { this.inner = new FetchSource(url); }
  getKey() { return this.inner.getKey(); }
  getBytes(offset: number, length: number, signal?: AbortSignal, etag?: string): Promise<RangeResponse> {
    return withNetworkRetry(() => this.inner.getBytes(offset, length, signal, etag), signal ?? new AbortController().signal);
  }
}

/** The pmtiles:// action, with every archive it opens read through a RetryingSource. */
export function retryingPmtiles(protocol: Protocol): AddProtocolAction {
  return async (params, abortController) => {
    // pmtiles://<archive url> (its TileJSON) or pmtiles://<archive url>/z/x/y (a tile).
    const archive = params.url.slice('pmtiles://'.length).replace(/\/\d+\/\d+\/\d+$/, '');
    if (!protocol.get(archive)) protocol.add(new PMTiles(new RetryingSource(archive)));
    try {
      return await protocol.tile(params, abortController);
    } catch (error) {
      throw asAbort(error, abortController.signal);
    }
  };
}

/**
 * The scheme of our own data tiles: `tegel://host/tiles/…` is fetched as
 * `<page protocol>//host/tiles/…`, with retries.
 */
export const TILE_SCHEME = 'tegel';

export const toTileScheme = (url: string) => url.replace(/^https?:\/\//, `${TILE_SCHEME}://`);

/** Loads one data tile the way MapLibre's own loader does (the browser cache revalidates by ETag). */
export async function loadTile(params: RequestParameters, abortController: AbortController): Promise<GetResourceResponse<ArrayBuffer>> {
  const url = params.url.replace(new RegExp(`^${TILE_SCHEME}://`), `${window.location.protocol}//`);
  let response: Response;
  try {
    response = await fetch(url, { headers: params.headers, credentials: params.credentials, signal: abortController.signal });
  } catch (error) {
    if (abortController.signal.aborted) throw error;
    throw new AJAXError(0, (error as Error).message, url, new Blob());
  }
  if (!response.ok) throw new AJAXError(response.status, response.statusText, url, await response.blob());
  return {
    data: await response.arrayBuffer(),
    cacheControl: response.headers.get('Cache-Control'),
    expires: response.headers.get('Expires'),
  };
}
