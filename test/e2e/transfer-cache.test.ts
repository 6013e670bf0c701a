// Small transfers in a real browser on the built app: the first visit gets every
// asset and every data answer compressed and only the code of the map; a second
// visit takes the hashed assets from the browser's cache; the editor, monitor,
// matching and exchange load when first opened, and still open.
import { describe, expect, inject, it } from 'vitest';
import { openApp } from './browser.ts';
import { blockBrowser } from './session.ts';
import { firstAndSecondVisit, recordVisit, type Transfer, type Visit } from '../../scripts/first-view.ts';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts') ?? [];
const stuurgroep = accounts.find((a) => a.rol === 'stuurgroep');
const regisseur = accounts.find((a) => a.rol === 'regisseur');

const pathOf = (r: Transfer) => new URL(r.url).pathname;
const assets = (v: Visit) => v.requests.filter((r) => pathOf(r).startsWith('/assets/') && !r.inWorker);
/** Code that must not come with the map: the chunks split off by dynamic imports. */
const LAZY = /\/assets\/(EditPanel|MonitorPanel|MatchingPanel|ExchangePanel|validation|rdArea|drawing)-[\w-]+\.(js|css)$/;

describe.skipIf(!inject('chromiumPath'))('transfers and caching', () => {
  const browser = blockBrowser();

  it('compresses the first visit, loads only the map, and serves a second visit from the cache', async () => {
    const { first, second } = await firstAndSecondVisit(browser(), baseUrl, stuurgroep!);

    // First visit: every asset and data answer of some size comes compressed.
    const code = assets(first);
    expect(code.length).toBeGreaterThan(2);
    for (const r of code.filter((x) => x.body >= 1024)) {
      expect(r.encoding, pathOf(r)).toBe('br');
      expect(r.fromCache, pathOf(r)).toBe(false);
    }
    const data = first.requests.filter((r) => pathOf(r).startsWith('/api/') && r.body >= 1024);
    expect(data.map(pathOf)).toContain('/api/gemeenten');
    // Brotli, or gzip for a small answer made whole (server/http/compression.ts).
    for (const r of data) expect(r.encoding, pathOf(r)).toMatch(/^(br|gzip)$/);
    const tiles = first.requests.filter((r) => pathOf(r).endsWith('.pmtiles'));
    expect(tiles.length).toBeGreaterThan(0);
    for (const r of tiles) {
      expect(r.status).toBe(206);
      expect(r.encoding).toBeNull();
    }
    expect(first.bytes, 'compression at least halves the first visit').toBeLessThan(first.body / 2);
    // Only the map's code: no editor, monitor (charts), matching or exchange.
    expect(first.requests.map(pathOf).filter((p) => LAZY.test(p))).toEqual([]);

    // Second visit: the same hashed assets, all from the cache; index.html revalidated.
    const again = assets(second);
    expect(again.map(pathOf).sort()).toEqual(code.map(pathOf).sort());
    for (const r of again) {
      expect(r.fromCache, `${pathOf(r)} from the cache`).toBe(true);
      expect(r.bytes).toBe(0);
    }
    const page = second.requests.find((r) => r.type === 'Document')!;
    // Revalidated (304 Not Modified): headers only, so fewer bytes than the page with its body.
    const firstPage = first.requests.find((r) => r.type === 'Document')!;
    expect(page.bytes, `index.html: ${page.bytes} B on the wire against ${firstPage.bytes} B the first time`).toBeLessThan(firstPage.bytes);
    // The basemap's range answers (206) are left out: Chromium keeps ranges in its cache
    // at its own discretion (measured: from 7 kB to 500 kB re-fetched on the same build).
    const network = (v: Visit) => v.requests.filter((r) => !r.inWorker && r.status !== 206).reduce((s, r) => s + r.bytes, 0);
    expect(network(second), `second visit ${network(second)} B against ${network(first)} B`).toBeLessThan(network(first) / 4);
  });

  it('loads the editor, the monitor, matching and the exchange when first opened, and they work', async () => {
    const { page, errors } = await openApp(browser(), baseUrl, { account: regisseur });
    try {
      const open = async (button: string, panel: string, chunk: RegExp) => {
        const visit = await recordVisit(page, async () => {
          await page.getByTestId(button).click();
          await page.getByTestId(panel).waitFor({ state: 'visible', timeout: 60_000 });
        });
        const loaded = visit.requests.map(pathOf);
        return { loaded, chunk: loaded.some((p) => chunk.test(p)) };
      };
      // The monitor's charts (recharts) arrive with the monitor.
      const monitor = await open('monitor-knop', 'monitor', /\/assets\/MonitorPanel-[\w-]+\.js$/);
      expect(monitor.chunk, monitor.loaded.join(', ')).toBe(true);
      await page.getByTestId('monitor').locator('svg.recharts-surface').first().waitFor({ state: 'visible', timeout: 60_000 });
      const matching = await open('ruimtevragen-knop', 'matching', /\/assets\/MatchingPanel-[\w-]+\.js$/);
      expect(matching.chunk, matching.loaded.join(', ')).toBe(true);
      const exchange = await open('uitwisseling-knop', 'uitwisseling', /\/assets\/ExchangePanel-[\w-]+\.js$/);
      expect(exchange.chunk, exchange.loaded.join(', ')).toBe(true);
      await page.getByTestId('uitwisseling-tab-qgis').click();
      await page.getByTestId('tokens-scherm').waitFor({ state: 'visible', timeout: 30_000 });
      await page.getByTestId('uitwisseling-knop').click(); // closes the workspace

      // The editor: its panel on the first drawing, the drawing engine (terra-draw, proj4) by then.
      const editor = await recordVisit(page, async () => {
        await page.getByTestId('tool-tekenen').click();
        await page.getByTestId('edit-panel').waitFor({ state: 'visible', timeout: 60_000 });
      });
      const seen = new Set([...monitor.loaded, ...matching.loaded, ...exchange.loaded, ...editor.requests.map(pathOf)]);
      expect([...seen].some((p) => /\/assets\/EditPanel-[\w-]+\.js$/.test(p)), [...seen].join(', ')).toBe(true);
      const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
      const c = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      for (const [dx, dy] of [[-40, -40], [40, -40], [40, 40]]) await page.mouse.click(c.x + dx, c.y + dy);
      await expect.poll(() => page.getByTestId('editor-area-label').count(), { timeout: 30_000 }).toBeGreaterThan(0);
      await page.getByTestId('tool-annuleren').click();
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
