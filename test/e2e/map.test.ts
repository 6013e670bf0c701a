// The regional map in a real browser against the real server and a fresh
// embedded PostGIS database (see test/support/app-setup.ts).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { bbox, booleanPointInPolygon, pointToPolygonDistance, point } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { launchBrowser, openApp, waitForIdle } from './browser.ts';

const baseUrl = inject('baseUrl');
// Reading the map needs a signed-in account; the least privileged role is enough.
const accounts = inject('accounts') ?? [];
const account = accounts.find((a) => a.rol === 'stuurgroep') ?? accounts[0];
const SCREENSHOTS = 'test/e2e/screenshots';

type Kavel = Feature<Polygon | MultiPolygon, { id: number; oppervlakte_ha: number; bron: string }> & { id: number };

let sessionCookie = '';

/** The API as the test account sees it (same session as the browser). */
async function api<T>(path: string): Promise<T> {
  const res = await fetch(new URL(path, baseUrl), { headers: sessionCookie ? { cookie: sessionCookie } : {} });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

/** Dutch hectares as the UI must show them: two decimals, decimal comma. */
const hectare = (ha: number) =>
  `${new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(ha)} ha`;

/** The grid point deepest inside the polygon: far from its edges, so a click cannot hit a neighbour. */
function deepInteriorPoint(feature: Kavel): [number, number] {
  const [w, s, e, n] = bbox(feature);
  let best: [number, number] = [(w + e) / 2, (s + n) / 2];
  let bestDepth = -Infinity;
  const steps = 24;
  for (let i = 1; i < steps; i++) {
    for (let j = 1; j < steps; j++) {
      const p = point([w + ((e - w) * i) / steps, s + ((n - s) * j) / steps]);
      if (!booleanPointInPolygon(p, feature)) continue;
      const depth = -pointToPolygonDistance(p, feature); // negative inside
      if (depth > bestDepth) {
        bestDepth = depth;
        best = p.geometry.coordinates as [number, number];
      }
    }
  }
  return best;
}

async function renderedCount(page: Page, layers: string[]): Promise<number> {
  return page.evaluate((ids) => window.__map!.queryRenderedFeatures({ layers: ids }).length, layers);
}

describe.skipIf(!baseUrl)('regional map', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
    ({ page, errors } = await openApp(browser, baseUrl, { account }));
    const cookies = await page.context().cookies(baseUrl);
    sessionCookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('renders the basemap, the sea, terreinen and kavels in the initial regional view', async () => {
    await page.screenshot({ path: `${SCREENSHOTS}/01-regio.png` });
    const view = await page.evaluate(() => {
      const map = window.__map!;
      const b = map.getBounds();
      return {
        west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth(),
        basemap: map.queryRenderedFeatures().filter((f) => f.source === 'basemap').length,
      };
    });
    // The whole region (lon 4.35–4.60, lat 52.08–52.25) is in view.
    expect(view.west).toBeLessThanOrEqual(4.35);
    expect(view.east).toBeGreaterThanOrEqual(4.6);
    expect(view.south).toBeLessThanOrEqual(52.08);
    expect(view.north).toBeGreaterThanOrEqual(52.25);
    expect(view.basemap).toBeGreaterThan(0);
    expect(await renderedCount(page, ['sea'])).toBeGreaterThan(0);
    expect(await renderedCount(page, ['terreinen-fill'])).toBeGreaterThan(0);
    expect(await renderedCount(page, ['kavels-fill'])).toBeGreaterThan(0);
    expect(await renderedCount(page, ['gemeenten-line'])).toBeGreaterThan(0);
    // Gemeente names are HTML labels (the basemap has no glyphs).
    await expect.poll(() => page.locator('.map-label--gemeente:not(.map-label--hidden)').count()).toBeGreaterThan(0);
    expect(await page.locator('.maplibregl-ctrl-attrib').innerText()).toMatch(/OpenStreetMap/);
    expect(await page.locator('.maplibregl-ctrl-attrib').innerText()).toMatch(/Kadaster \/ CBS/);
  });

  it('lists every milieucategorie in the legend', async () => {
    const categories = await api<{ code: string; omschrijving: string }[]>('/api/milieucategorieen');
    expect(categories.length).toBeGreaterThanOrEqual(6);
    const legend = page.getByTestId('legend');
    await expect.poll(() => legend.locator('li[data-code]').count()).toBe(categories.length);
    const text = await legend.innerText();
    for (const c of categories) expect(text).toContain(c.omschrijving);
  });

  it('shows the signed-in account in the top bar', async () => {
    if (!account) return;
    const me = await api<{ naam: string }>('/api/auth/me');
    expect(await page.getByTestId('account').innerText()).toContain(me.naam);
  });

  it('offers no editing tools to the stuurgroep (read-only role)', async () => {
    if (account?.rol !== 'stuurgroep') return;
    expect(await page.getByTestId('editor-toolbar').count()).toBe(0);
  });

  it('shows the voorbeelddata badge with its explanation', async () => {
    const badge = page.getByTestId('voorbeeld-badge');
    expect(await badge.isVisible()).toBe(true);
    expect(await badge.innerText()).toMatch(/voorbeelddata/i);
    expect(await page.getByTestId('voorbeeld-notice').innerText()).toMatch(/kavels.*kanszones.*transformaties.*compensaties/is);
  });

  it('opens the side panel with the kavel’s hectares on click, and closes it with Escape', async () => {
    const kavels = await api<{ features: Kavel[] }>('/api/kavels');
    // Large kavels first: easiest to hit. Take the first whose deepest point is
    // not covered by another interactive layer (transformatie, kanszone, …).
    const candidates = [...kavels.features].sort((a, b) => b.properties.oppervlakte_ha - a.properties.oppervlakte_ha);
    let clicked: Kavel | undefined;
    let screen: { x: number; y: number } | undefined;
    for (const kavel of candidates.slice(0, 15)) {
      const [w, s, e, n] = bbox(kavel);
      await page.evaluate((b) => {
        window.__map!.fitBounds([[b[0], b[1]], [b[2], b[3]]], {
          padding: { top: 120, bottom: 120, left: 420, right: 460 }, animate: false, maxZoom: 17,
        });
      }, [w, s, e, n]);
      await waitForIdle(page);
      const lngLat = deepInteriorPoint(kavel);
      const hit = await page.evaluate((ll) => {
        const map = window.__map!;
        const p = map.project(ll);
        const layers = ['compensaties-fill', 'transformaties-fill', 'kanszones-fill', 'kavels-fill', 'terreinen-fill'];
        const [top] = map.queryRenderedFeatures([p.x, p.y], { layers });
        const rect = map.getCanvas().getBoundingClientRect();
        return { x: rect.left + p.x, y: rect.top + p.y, layer: top?.layer.id, id: top?.id };
      }, lngLat);
      if (hit.layer === 'kavels-fill' && hit.id === kavel.id) {
        clicked = kavel;
        screen = hit;
        break;
      }
    }
    expect(clicked, 'no kavel could be hit without other layers on top').toBeDefined();

    await page.mouse.move(screen!.x, screen!.y);
    await page.mouse.click(screen!.x, screen!.y);
    const panel = page.getByTestId('feature-panel');
    await panel.waitFor({ state: 'visible' });
    expect(await panel.getAttribute('data-layer')).toBe('kavels');
    expect(Number(await panel.getAttribute('data-feature-id'))).toBe(clicked!.id);

    // The detail endpoint is the authority; it must agree with the layer.
    const detail = await api<Kavel>(`/api/kavels/${clicked!.id}`);
    expect(detail.properties.oppervlakte_ha).toBe(clicked!.properties.oppervlakte_ha);
    const area = page.getByTestId('feature-oppervlakte');
    await expect.poll(() => area.innerText()).toBe(hectare(detail.properties.oppervlakte_ha));
    const panelText = await panel.innerText();
    expect(panelText).toContain('Oppervlakte');
    expect(panelText).toContain('Milieucategorie');
    expect(panelText).toMatch(/PostGIS in RD New/);
    if (detail.properties.bron === 'voorbeeld') {
      expect(await panel.locator('.sample-badge').isVisible()).toBe(true);
    }
    // The selected kavel is highlighted through feature-state.
    const state = await page.evaluate((id) => window.__map!.getFeatureState({ source: 'data-kavels', id }), clicked!.id);
    expect(state.selected).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/02-kavel-paneel.png` });

    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    const after = await page.evaluate((id) => window.__map!.getFeatureState({ source: 'data-kavels', id }), clicked!.id);
    expect(after.selected).toBe(false);
  });

  it('shows terrein names as labels from zoom 12 and hides layers with the toggles', async () => {
    await page.evaluate(() => window.__map!.jumpTo({ center: [4.4775, 52.1685], zoom: 14 }));
    await waitForIdle(page);
    await expect.poll(() => page.locator('.map-label--terrein:not(.map-label--hidden)').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENSHOTS}/03-zoom14-labels.png` });

    expect(await renderedCount(page, ['kavels-fill'])).toBeGreaterThan(0);
    await page.getByTestId('toggle-kavels').uncheck();
    await waitForIdle(page);
    expect(await renderedCount(page, ['kavels-fill'])).toBe(0);
    await page.getByTestId('toggle-kavels').check();
    await waitForIdle(page);
    expect(await renderedCount(page, ['kavels-fill'])).toBeGreaterThan(0);
  });

  it('asks a visitor without a session to sign in, in Dutch', async () => {
    if (!account) return;
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'nl-NL' });
    try {
      const visitor = await context.newPage();
      await visitor.goto(baseUrl);
      const form = visitor.getByTestId('login-form');
      await form.waitFor({ state: 'visible' });
      expect(await visitor.evaluate(() => window.__map)).toBeUndefined();
      await form.getByLabel('E-mailadres').fill(account.email);
      await form.getByLabel('Wachtwoord').fill(`${account.wachtwoord}-fout`);
      await form.getByRole('button', { name: 'Inloggen' }).click();
      await expect.poll(() => form.getByRole('alert').innerText()).toMatch(/klopt niet/);
      await visitor.screenshot({ path: `${SCREENSHOTS}/00-inloggen.png` });
    } finally {
      await context.close();
    }
  });

  it('logged no errors in the browser', () => {
    expect(errors).toEqual([]);
  });
});
