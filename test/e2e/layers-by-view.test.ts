// The web app never downloads a big layer whole (issue 15): the map draws from vector
// tiles, the first view asks for no list of kavels (or terreinen, kanszones,
// transformaties, compensaties) and stays under a byte budget; the monitor fits the map
// to records the page has never downloaded (the server's box of their ids); the editor
// fetches the records around the view once a session opens and snaps to a neighbour
// kavel made after the page loaded.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bbox } from '@turf/turf';
import { openApp, waitForIdle } from './browser.ts';
import { blockBrowser } from './session.ts';
import { api, centreOn, clickAt, toScreen, vertexCount, type Area } from './map-helpers.ts';
import { Api, createKavel, createTerrein, createTransformatie, demoAccount, inside, rdPolygon } from './fixtures.ts';
import { firstAndSecondVisit } from '../../scripts/first-view.ts';
import { rdFromWgs84, wgs84FromRd } from '../support/rd.ts';

const baseUrl = inject('baseUrl');
/** The big layers: never asked for without `bbox` or `ids`. */
const BIG = ['terreinen', 'kavels', 'kanszones', 'transformaties', 'compensaties'];
/** The first regional view's budget: the target at national scale (the region needed 1.23 MB before). */
const FIRST_VIEW_BUDGET = 1_500_000;

/** A request for a whole big layer: its list route without a bbox or ids. */
function wholeLayer(url: string): string | null {
  const u = new URL(url);
  const m = /^\/api\/([a-z]+)$/.exec(u.pathname);
  if (!m || !BIG.includes(m[1])) return null;
  return u.searchParams.has('bbox') || u.searchParams.has('ids') ? null : u.pathname;
}

/** Every read (GET) the page makes from now on; its writes (POST /api/kavels) are not downloads. */
function watchRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'GET') urls.push(r.url());
  });
  return urls;
}

describe.skipIf(!inject('chromiumPath'))('layers by view', () => {
  const browser = blockBrowser();

  it('opens the first regional view without any whole big layer and under the byte budget', async () => {
    const { first } = await firstAndSecondVisit(browser(), baseUrl, demoAccount('stuurgroep'));
    const paths = first.requests.map((r) => new URL(r.url).pathname);
    expect(paths.some((p) => p.startsWith('/tiles/kavels/')), 'the kavels come as tiles').toBe(true);
    expect(first.requests.map((r) => wholeLayer(r.url)).filter(Boolean)).toEqual([]);
    expect(first.bytes, `first view ${first.bytes} B`).toBeLessThan(FIRST_VIEW_BUDGET);
  });

  it('shows the layer counts from the tiles, as many as the API has', async () => {
    const { page, errors } = await openApp(browser(), baseUrl, { account: demoAccount('stuurgroep') });
    try {
      const stuurgroep = await Api.as('stuurgroep');
      const kavels = await stuurgroep.get<{ features: unknown[] }>('/api/kavels');
      const count = page.getByTestId('toggle-kavels').locator('xpath=..').locator('.layer-count');
      await expect.poll(() => count.innerText()).toBe(kavels.features.length.toLocaleString('nl-NL'));
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('highlights and fits the map to monitor records the page never downloaded', async () => {
    const regisseur = await Api.as('regisseur');
    const { spot } = await createTerrein(regisseur, 'Katwijk');
    const transformatie = await createTransformatie(regisseur, rdPolygon(inside(spot, 100, 100, 200, 100)));
    const { page, errors } = await openApp(browser(), baseUrl, { account: demoAccount('stuurgroep') });
    try {
      const urls = watchRequests(page);
      const stuurgroep = await Api.as('stuurgroep');
      const balans = await stuurgroep.get<{ regio: { netto_verloren: { ids: { transformatie: number[] } } } }>('/api/balans');
      const ids = balans.regio.netto_verloren.ids.transformatie;
      expect(ids).toContain(transformatie.id);
      // Far from the records: the map must move to them.
      await centreOn(page, [4.58, 52.09], 15);
      await page.getByTestId('monitor-knop').click();
      const tile = page.getByTestId('kpi-netto_verloren');
      await tile.waitFor({ state: 'visible' });
      await tile.click();
      const selected = (list: number[]) => page.evaluate((l) => l.map((id) =>
        window.__map!.getFeatureState({ source: 'data-transformaties', sourceLayer: 'transformaties', id }).selected === true), list);
      await expect.poll(() => selected(ids)).toEqual(ids.map(() => true));
      // The view now holds every record behind the figure (their box from the server).
      const records = await stuurgroep.get<{ features: Area[] }>(`/api/transformaties?ids=${ids.join(',')}`);
      const [w, s, e, n] = bbox({ type: 'FeatureCollection', features: records.features });
      await expect.poll(async () => {
        await waitForIdle(page);
        const b = await page.evaluate(() => window.__map!.getBounds().toArray());
        return b[0][0] <= w && b[0][1] <= s && b[1][0] >= e && b[1][1] >= n;
      }, { timeout: 30_000 }).toBe(true);
      const asked = urls.filter((u) => u.includes('/api/lagen/omvang'));
      expect(asked.length, 'the box came from the server').toBeGreaterThan(0);
      expect(urls.filter((u) => new URL(u).pathname === '/api/transformaties'), 'no shapes were needed').toEqual([]);
      expect(urls.map(wholeLayer).filter(Boolean)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('snaps a new kavel to a neighbour made after the page loaded, and finds the terrein under it', async () => {
    const werkgroep = await Api.as('werkgroep', 'Leiden');
    const { page, errors } = await openApp(browser(), baseUrl, { account: demoAccount('werkgroep', 'Leiden') });
    try {
      const urls = watchRequests(page);
      const { terrein, spot } = await createTerrein(werkgroep, 'Leiden');
      const neighbour = await createKavel(werkgroep, terrein, inside(spot, 20, 20, 120, 90));
      // The neighbour's north-east corner, as the API gives it.
      const ring = (neighbour.geometry.type === 'Polygon' ? neighbour.geometry.coordinates[0] : neighbour.geometry.coordinates[0][0]) as [number, number][];
      const corner = ring.reduce((best, p) => {
        const [x, y] = rdFromWgs84(p);
        const [bx, by] = rdFromWgs84(best);
        return x + y > bx + by ? p : best;
      });
      const [cx, cy] = rdFromWgs84(corner);
      await centreOn(page, corner, 17);

      await page.getByTestId('editor-layer').selectOption('kavels');
      const records = page.waitForResponse((r) => r.url().includes('/api/kavels?bbox=') && r.ok(), { timeout: 60_000 });
      await page.getByTestId('tool-tekenen').click();
      await records;
      await waitForIdle(page);
      // A few pixels off the corner: the vertex snaps onto it. The other two points lie east of it, clear of the kavel.
      const at = await toScreen(page, corner);
      await clickAt(page, { x: at.x + 5, y: at.y - 4 });
      await clickAt(page, await toScreen(page, wgs84FromRd([cx + 60, cy])));
      await clickAt(page, await toScreen(page, wgs84FromRd([cx + 60, cy - 60])));
      await clickAt(page, await toScreen(page, corner)); // closing click on the first point
      await expect.poll(() => vertexCount(page)).toBe(3);

      // The terrein under the drawing is preselected (from the terreinen around the view).
      const form = page.getByTestId('attribute-form');
      await expect.poll(() => form.getByLabel('Bedrijventerrein').inputValue()).toBe(String(terrein.id));
      await form.getByLabel('Milieucategorie tot en met').selectOption('4.2');
      await page.getByTestId('editor-opslaan').click();
      const panel = page.getByTestId('feature-panel');
      await panel.waitFor({ state: 'visible' });
      const id = Number(await panel.getAttribute('data-feature-id'));
      expect(id).not.toBe(neighbour.id);
      const { body: saved } = await api<Area>(page, `/api/kavels/${id}`);
      const savedRing = (saved.geometry.type === 'Polygon' ? saved.geometry.coordinates[0] : saved.geometry.coordinates[0][0]) as [number, number][];
      // Snapped: a vertex on the corner to within the API's rounding (1e-7°), where the click was about 2 m off.
      const off = Math.min(...savedRing.map(([x, y]) => Math.hypot(x - corner[0], y - corner[1])));
      expect(off, 'distance of the nearest vertex to the corner, in degrees').toBeLessThan(5e-7);
      expect(urls.map(wholeLayer).filter(Boolean)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
