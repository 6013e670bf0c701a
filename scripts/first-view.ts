// What the first regional view of the app transfers: every request of a visit in
// headless Chromium, with the bytes on the wire (compressed, headers included), the
// decoded body size and whether the browser's cache answered it. Used by
// `npm run bench` and by the browser test of caching (test/e2e/transfer-cache.test.ts).
import type { Browser, Page } from 'playwright-core';

export interface Transfer {
  url: string;
  /** Chromium's resource type: Document, Script, Stylesheet, Fetch, XHR, Other, … */
  type: string;
  status: number;
  /** Bytes received over the network (compressed body and headers); 0 from the cache. */
  bytes: number;
  /** Size of the decoded body. */
  body: number;
  encoding: string | null;
  fromCache: boolean;
  /**
   * Loaded by a web worker (the MapLibre worker script): Chromium reports its transfer
   * only to the worker, so its bytes are what the server sends for the same request.
   */
  inWorker?: boolean;
}

export interface Visit {
  requests: Transfer[];
  /** Sum of the bytes on the wire. */
  bytes: number;
  /** Sum of the decoded bodies: what the visit would transfer without compression. */
  body: number;
}

type CdpResponse = { url: string; status: number; headers: Record<string, string>; fromDiskCache?: boolean; fromPrefetchCache?: boolean };

/** Records every network request of the page while `action` runs (Chrome DevTools Protocol). */
export async function recordVisit(page: Page, action: () => Promise<void>): Promise<Visit> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const byId = new Map<string, Transfer>();
  const of = (id: string) => byId.get(id);
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string }; type?: string }) => {
    // A redirect reuses the id: the last request counts, the earlier one is kept under its own key.
    const earlier = byId.get(e.requestId);
    if (earlier) byId.set(`${e.requestId}#${byId.size}`, earlier);
    byId.set(e.requestId, { url: e.request.url, type: e.type ?? 'Other', status: 0, bytes: 0, body: 0, encoding: null, fromCache: false });
  });
  cdp.on('Network.requestServedFromCache', (e: { requestId: string }) => {
    const r = of(e.requestId);
    if (r) r.fromCache = true;
  });
  cdp.on('Network.responseReceived', (e: { requestId: string; type: string; response: CdpResponse }) => {
    const r = of(e.requestId);
    if (!r) return;
    r.status = e.response.status;
    r.type = e.type;
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    r.encoding = headers['content-encoding'] ?? null;
    if (e.response.fromDiskCache || e.response.fromPrefetchCache) r.fromCache = true;
  });
  cdp.on('Network.dataReceived', (e: { requestId: string; dataLength: number }) => {
    const r = of(e.requestId);
    if (r) r.body += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    const r = of(e.requestId);
    if (r) r.bytes = r.fromCache ? 0 : e.encodedDataLength;
  });
  try {
    await action();
  } finally {
    await cdp.detach().catch(() => undefined);
  }
  const requests = [...byId.values()].filter((r) => !r.url.startsWith('data:') && !r.url.startsWith('blob:'));
  for (const r of requests.filter((x) => x.status === 0)) {
    // Started by the page, finished in a worker: ask the server what it sends for it.
    // (Counted as transferred even when the browser had it cached: an upper bound.)
    const head = (accept: string) => fetch(r.url, { method: 'HEAD', headers: { 'accept-encoding': accept } }).catch(() => null);
    const [sent, plain] = await Promise.all([head('gzip, deflate, br, zstd'), head('identity')]);
    if (!sent?.ok || !plain?.ok) continue;
    Object.assign(r, { inWorker: true, status: sent.status, encoding: sent.headers.get('content-encoding') });
    r.bytes = Number(sent.headers.get('content-length') ?? 0);
    r.body = Number(plain.headers.get('content-length') ?? 0);
  }
  return { requests, bytes: sum(requests, 'bytes'), body: sum(requests, 'body') };
}

const sum = (rs: Transfer[], key: 'bytes' | 'body') => rs.reduce((s, r) => s + r[key], 0);

/** Waits until the map has loaded every data layer and come to rest (web/map/MapView.tsx). */
export async function waitForMap(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.mapReady === 'true', undefined, { timeout });
  // Tiles requested by the last render, then quiet.
  await page.waitForLoadState('networkidle', { timeout }).catch(() => undefined);
}

export interface Account {
  email: string;
  wachtwoord: string;
}

/**
 * The first regional view of a new visitor (empty cache): the sign-in page, signing in,
 * and the map of the region with all its layers; then a second visit of the same
 * browser (its cache and session kept).
 */
export async function firstAndSecondVisit(browser: Browser, baseUrl: string, account: Account, viewport = { width: 1600, height: 1000 }) {
  const context = await browser.newContext({ viewport, locale: 'nl-NL' });
  const page = await context.newPage();
  try {
    const first = await recordVisit(page, async () => {
      await page.goto(baseUrl, { waitUntil: 'domcontentloaded' });
      const form = page.getByTestId('login-form');
      await form.waitFor({ state: 'visible', timeout: 60_000 });
      await form.getByLabel('E-mailadres').fill(account.email);
      await form.getByLabel('Wachtwoord').fill(account.wachtwoord);
      await form.getByRole('button', { name: 'Inloggen' }).click();
      await waitForMap(page);
    });
    const second = await recordVisit(page, async () => {
      await page.goto(baseUrl, { waitUntil: 'domcontentloaded' });
      await waitForMap(page);
    });
    return { first, second };
  } finally {
    await context.close();
  }
}

/** Bytes as kB or MB, for people. */
export const formatBytes = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} MB` : `${(n / 1e3).toFixed(1)} kB`);

/** Per kind of request: count, bytes on the wire and decoded. */
export function byKind(visit: Visit): Record<string, { n: number; bytes: number; body: number }> {
  const kind = (r: Transfer) => {
    const u = new URL(r.url);
    if (u.pathname.startsWith('/assets/')) return 'app (js, css)';
    if (u.pathname.startsWith('/api/')) return 'API (data)';
    if (u.pathname.startsWith('/basemap/')) return 'achtergrondkaart';
    return 'pagina en overig';
  };
  const out: Record<string, { n: number; bytes: number; body: number }> = {};
  for (const r of visit.requests) {
    const k = (out[kind(r)] ??= { n: 0, bytes: 0, body: 0 });
    k.n += 1;
    k.bytes += r.bytes;
    k.body += r.body;
  }
  return out;
}
