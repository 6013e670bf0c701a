// What the editor tells a werkgroep member (issue 10 #18), in a real browser: a split names
// its parts and puts the cursor in the name; a too small hole is refused as a hole, with the
// limit; a transformatie drawn over an older one names it on saving and in the side panel;
// counts take singular or plural; dates are Dutch, never ISO. Each test makes its own data.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { bbox, booleanContains, polygon as turfPolygon } from '@turf/turf';
import { launchBrowser, openApp, reloadApp } from './browser.ts';
import { api, centreOn, clickAt, deepInteriorPoint, selectOnMap, toScreen, type Area } from './map-helpers.ts';

const baseUrl = inject('baseUrl');
const account = (inject('accounts') ?? []).find((a) => a.rol === 'werkgroep' && a.gemeente === 'Leiden');
const SHOTS = 'test/e2e/screenshots';
const ISO = /\b\d{4}-\d{2}-\d{2}\b/;

describe.skipIf(!baseUrl || !account)('editor messages, names, counts and dates', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  /** Squares already handed out by this file: each test draws in its own. */
  const taken: [number, number, number, number][] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
    ({ page, errors } = await openApp(browser, baseUrl, { account }));
  });
  afterAll(async () => browser?.close());

  /**
   * An empty spot in Leiden (no terrein, kavel, transformatie, compensatie or kanszone within
   * reach, not taken by another test here) with a new terrein of ±`half` m on it, made through
   * the API.
   */
  async function ownTerrein(naam: string, half: number) {
    const layers = ['terreinen', 'kavels', 'transformaties', 'compensaties', 'kanszones'];
    const occupied = (await Promise.all(layers.map(async (l) => (await api<{ features: Area[] }>(page, `/api/${l}`)).body.features)))
      .flat().map((f) => bbox(f));
    const leiden = (await api<{ features: Area[] }>(page, '/api/gemeenten')).body.features.find((g) => g.properties.naam === 'Leiden')!;
    const dLon = (half + 30) / 68_000;
    const dLat = (half + 30) / 111_000;
    const [w, s, e, n] = bbox(leiden);
    for (let i = 1; i < 40; i++) {
      for (let j = 1; j < 40; j++) {
        const c: [number, number] = [w + ((e - w) * i) / 40, s + ((n - s) * j) / 40];
        const box: [number, number, number, number] = [c[0] - dLon, c[1] - dLat, c[0] + dLon, c[1] + dLat];
        const overlaps = (b: number[]) => b[0] <= box[2] && b[2] >= box[0] && b[1] <= box[3] && b[3] >= box[1];
        if (occupied.some(overlaps) || taken.some(overlaps)) continue;
        const ring = square(c, half);
        if (!booleanContains(leiden, turfPolygon([ring]))) continue;
        taken.push(box);
        const created = await api<Area>(page, '/api/terreinen', {
          method: 'POST', body: { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { naam } },
        });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        return { terrein: created.body, centre: c };
      }
    }
    throw new Error('no empty spot in Leiden');
  }

  /** A square ring of ±`half` m around a point (WGS84, roughly: 1° lon ≈ 68 km here). */
  function square(c: [number, number], half: number): [number, number][] {
    const dLon = half / 68_000;
    const dLat = half / 111_000;
    return [[c[0] - dLon, c[1] - dLat], [c[0] + dLon, c[1] - dLat], [c[0] + dLon, c[1] + dLat], [c[0] - dLon, c[1] + dLat], [c[0] - dLon, c[1] - dLat]];
  }

  /** Shows what was made through the API: the map loads its layers again. */
  async function reloadMap(centre: [number, number]) {
    await reloadApp(page);
    await centreOn(page, centre, 17);
  }

  /** A named kavel of our own on a terrein of our own. */
  async function ownKavel(naam: string): Promise<Area> {
    const { terrein, centre } = await ownTerrein(`${naam} terrein`, 100);
    const created = await api<Area>(page, '/api/kavels', {
      method: 'POST', body: { type: 'Feature', geometry: { type: 'Polygon', coordinates: [square(centre, 40)] }, properties: { naam, terrein_id: terrein.id, milieucategorie_max: '3.1' } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await reloadMap(centre);
    return created.body;
  }

  it('names the parts of a split "(deel 1)", "(deel 2)" and puts the cursor in the name of part 1', async () => {
    const kavel = await ownKavel('E2E splitskavel');
    await selectOnMap(page, 'kavels-fill', kavel);
    await page.getByTestId('actie-splitsen').click();
    const [w, s, e, n] = bbox(kavel);
    const west = await toScreen(page, [w, (s + n) / 2]);
    const east = await toScreen(page, [e, (s + n) / 2]);
    await clickAt(page, { x: west.x - 25, y: west.y });
    await clickAt(page, { x: east.x + 25, y: east.y });
    await clickAt(page, { x: east.x + 25, y: east.y });

    const melding = page.getByTestId('gesplitst');
    await melding.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await melding.innerText()).toContain('Gesplitst in 2 delen: E2E splitskavel (deel 1) en E2E splitskavel (deel 2).');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.id)).toBe('veld-naam');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('E2E splitskavel (deel 1)');
    // Typing replaces the selected name.
    await page.keyboard.type('Noordelijk deel');
    await page.getByTestId('editor-opslaan').click();
    await page.getByTestId('feature-panel').waitFor({ state: 'visible' });
    expect((await api<Area>(page, `/api/kavels/${kavel.id}`)).body.properties.naam).toBe('Noordelijk deel');
    await page.keyboard.press('Escape');
  });

  it('refuses a 2 × 2 m hole as a hole that is too small, with the limit', async () => {
    const kavel = await ownKavel('E2E gatkavel');
    await selectOnMap(page, 'kavels-fill', kavel);
    await page.getByTestId('actie-gat').click();
    await centreOn(page, deepInteriorPoint(kavel), 20);
    const c = await toScreen(page, deepInteriorPoint(kavel));
    // At zoom 20 a pixel is about 9 cm here: 22 px is about 2 m.
    const pts = [{ x: c.x - 11, y: c.y - 11 }, { x: c.x + 11, y: c.y - 11 }, { x: c.x + 11, y: c.y + 11 }, { x: c.x - 11, y: c.y + 11 }];
    for (const p of pts) await clickAt(page, p);
    await clickAt(page, pts[0]);
    const melding = page.getByTestId('editor-melding');
    await melding.waitFor({ state: 'visible' });
    const text = await melding.innerText();
    expect(text).toMatch(/^Het gat is te klein: \d+(,\d)? m²\. Een gat moet minstens 100 m² \(0,01 ha\) zijn/);
    expect(text).not.toContain('vlak');
    await page.screenshot({ path: `${SHOTS}/review-gat-te-klein.png` });
    await page.keyboard.press('Escape');
  });

  it('names the older transformatie that holds the ground, on saving and in the side panel; dates Dutch, counts singular or plural', async () => {
    const { centre } = await ownTerrein('E2E terrein met twee plannen', 150);
    const oud = await api<Area>(page, '/api/transformaties', {
      method: 'POST', body: { type: 'Feature', geometry: { type: 'Polygon', coordinates: [square(centre, 60)] }, properties: { naam: 'E2E Havenkwartier', nieuwe_functie: 'overig' } },
    });
    expect(oud.status, JSON.stringify(oud.body)).toBe(201);
    await reloadMap(centre);
    const corners = await Promise.all(square(centre, 45).slice(0, 4).map((p) => toScreen(page, p)));

    await page.getByTestId('editor-layer').selectOption('transformaties');
    await page.getByTestId('tool-tekenen').click();
    await clickAt(page, corners[0]);
    await clickAt(page, corners[1]);
    // One click further the rubber band follows the mouse: the count is singular or plural as it should be.
    await expect.poll(() => page.getByTestId('editor-hoekpunten').innerText()).toMatch(/^(1 hoekpunt|[02-9] hoekpunten)$/);
    await clickAt(page, corners[2]);
    await clickAt(page, corners[3]);
    await clickAt(page, corners[0]);
    await expect.poll(() => page.getByTestId('editor-hoekpunten').innerText()).toBe('4 hoekpunten');
    // The draft check already says it.
    await expect.poll(() => page.getByTestId('editor-controle').innerText(), { timeout: 30_000 }).toContain('E2E Havenkwartier');
    await page.getByTestId('attribute-form').getByLabel('Naam').fill('E2E Kadewonen');
    await page.getByTestId('editor-opslaan').click();

    const panel = page.getByTestId('feature-panel');
    await panel.waitFor({ state: 'visible' });
    const saved = page.getByTestId('opslaan-waarschuwingen');
    await saved.waitFor({ state: 'visible' });
    expect(await saved.locator('[data-code=overlapt_transformatie]').innerText()).toMatch(new RegExp(`overlapt transformatie E2E Havenkwartier \\(#${oud.body.id}\\) over \\d+,\\d\\d ha`));
    const row = page.getByTestId('feature-overlap-transformaties');
    await row.waitFor({ state: 'visible' });
    expect(await row.innerText()).toMatch(/E2E Havenkwartier \(\d+,\d\d ha\)\. Die grond telt daar als verloren/);
    expect(await page.getByTestId('feature-netto-verloren').innerText()).toMatch(/0,00 ha/);

    // Dates in the side panel (the history) are Dutch: "15-09-2025 14:03", never ISO.
    const history = page.getByTestId('geschiedenis');
    await history.waitFor({ state: 'visible' });
    await expect.poll(() => history.innerText()).toMatch(/\d{2}-\d{2}-\d{4} \d{2}:\d{2}/);
    expect(await panel.innerText()).not.toMatch(ISO);
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.screenshot({ path: `${SHOTS}/review-overlap-transformatie.png` });
    await page.keyboard.press('Escape');
  });

  it('shows the monitor without ISO dates', async () => {
    await page.getByTestId('monitor-knop').click();
    const monitor = page.getByTestId('monitor');
    await monitor.waitFor({ state: 'visible', timeout: 60_000 });
    await expect.poll(() => monitor.innerText(), { timeout: 60_000 }).toContain('Bestuursovereenkomsten');
    expect(await monitor.innerText()).not.toMatch(ISO);
    await page.getByTestId('monitor-knop').click();
  });

  it('logged no unexpected errors in the browser', () => {
    // Refused saves (422) are answers the UI shows; Chromium logs them as failed loads.
    expect(errors.filter((e) => !/status of (409|422)/.test(e))).toEqual([]);
  });
});
