// The werkgroep editor in a real browser against the real server and a fresh
// embedded PostGIS database: drawing with live hectares, undo/redo, draw-time
// refusal of self-intersections, splitting a kavel, and the 409 conflict dialog.
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bbox, booleanContains, polygon as turfPolygon } from '@turf/turf';
import { reloadApp, waitForIdle } from './browser.ts';
import { appSession, SCREENSHOTS } from './session.ts';
import {
  api, centreOn, clickAt, deepInteriorPoint, hectare, liveHa, selectOnMap, toLngLat, toScreen, vertexCount, type Area,
} from './map-helpers.ts';
import { Api, createKavel, createTerrein, createTransformatie, demoAccount, inside, rdPolygon, unique } from './fixtures.ts';

const baseUrl = inject('baseUrl');

// A werkgroep member edits only their own gemeente: the strictest editing role.
describe.skipIf(!baseUrl)('werkgroep editor', () => {
  let page: Page;
  let errors: string[];
  let werkgroep: Api;

  appSession(() => demoAccount('werkgroep', 'Leiden'), async (session) => {
    ({ page, errors } = session);
    werkgroep = await Api.as('werkgroep', 'Leiden');
  });

  // Refused saves (409/422) are answers the UI shows; Chromium logs them as failed loads.
  afterEach(() => {
    expect(errors.splice(0).filter((e) => !/status of (409|422)/.test(e))).toEqual([]);
  });

  /** A terrein of this test in Leiden, made by the werkgroep itself; the page reloaded to show it. */
  async function ownTerrein() {
    const made = await createTerrein(werkgroep, 'Leiden');
    await reloadApp(page);
    return made;
  }

  /** The test's own terrein centred in view, with a square of `half` px around its middle that lies inside it. */
  async function squareOnTerrein(half: number) {
    const { terrein } = await ownTerrein();
    await centreOn(page, deepInteriorPoint(terrein), 17);
    const c = await toScreen(page, deepInteriorPoint(terrein));
    const corners = [
      { x: c.x - half, y: c.y - half }, { x: c.x + half, y: c.y - half },
      { x: c.x + half, y: c.y + half }, { x: c.x - half, y: c.y + half },
    ];
    const ring = await Promise.all(corners.map((p) => toLngLat(page, p)));
    expect(booleanContains(terrein, turfPolygon([[...ring, ring[0]]])), 'the drawing lies inside the terrein').toBe(true);
    return { terrein, corners, centre: c };
  }

  it('shows the Dutch editing toolbar to a werkgroep member', async () => {
    const toolbar = page.getByTestId('editor-toolbar');
    await toolbar.waitFor({ state: 'visible' });
    const text = await toolbar.innerText();
    for (const label of ['Tekenen', 'Selecteren/bewerken', 'Verwijderen']) expect(text).toContain(label);
    // Undo and redo are icons, named in Dutch.
    for (const name of ['Ongedaan maken', 'Opnieuw']) expect(await toolbar.getByRole('button', { name, exact: true }).count(), name).toBe(1);
  });

  it('draws a transformatie by clicks with live hectares, saves it and shows the PostGIS hectares', async () => {
    const { corners } = await squareOnTerrein(70);
    await page.getByTestId('editor-layer').selectOption('transformaties');
    await page.getByTestId('tool-tekenen').click();
    for (const p of corners.slice(0, 3)) await clickAt(page, p);
    // Live area while drawing: at the polygon and in the panel, marked voorlopig.
    await expect.poll(() => liveHa(page)).toBeGreaterThan(0);
    expect(await page.getByTestId('editor-area-label').innerText()).toMatch(/^\d+,\d\d ha \(voorlopig\)$/);
    await clickAt(page, corners[3]);
    await clickAt(page, corners[0]); // closing click on the first point
    await expect.poll(() => vertexCount(page)).toBe(4);
    const preview = await liveHa(page);
    expect(preview).toBeGreaterThan(0.05);
    expect(await page.getByTestId('editor-oppervlakte').innerText()).toBe(hectare(preview));
    await page.screenshot({ path: `${SCREENSHOTS}/10-tekenen-voorlopig.png` });

    // Live balance while drawing: what saving would change (POST /api/balans/preview; nothing is stored).
    const balans = page.getByTestId('balans-preview');
    await balans.waitFor({ state: 'visible' });
    expect(await balans.innerText()).toMatch(/Leiden: verloren \+\d+,\d ha/);

    const form = page.getByTestId('attribute-form');
    const naam = unique('E2E herontwikkeling wonen');
    await form.getByLabel('Naam').fill(naam);
    await form.getByLabel('Nieuwe functie').selectOption('wonen');
    await page.getByTestId('editor-opslaan').click();

    // After saving, the side panel shows the record with the area from PostGIS.
    const panel = page.getByTestId('feature-panel');
    await panel.waitFor({ state: 'visible' });
    expect(await panel.getAttribute('data-layer')).toBe('transformaties');
    const id = Number(await panel.getAttribute('data-feature-id'));
    const { body: saved } = await api<Area>(page, `/api/transformaties/${id}`);
    expect(saved.properties.naam).toBe(naam);
    await expect.poll(() => page.getByTestId('feature-oppervlakte').innerText()).toBe(hectare(saved.properties.oppervlakte_ha));
    // The RD New preview matches PostGIS (same plane, same coordinates).
    expect(Math.abs(preview - saved.properties.oppervlakte_ha) / saved.properties.oppervlakte_ha).toBeLessThan(0.005);
    expect(await page.getByTestId('edit-panel').count()).toBe(0);

    // The new record is on the map.
    await waitForIdle(page);
    await expect.poll(() => page.evaluate((fid) =>
      window.__map!.queryRenderedFeatures({ layers: ['transformaties-fill'] }).some((f) => f.id === fid), id)).toBe(true);
    // Wonen: the milieuruimte check of the server is shown with the record.
    await page.getByTestId('milieuruimte').waitFor({ state: 'visible' });
    await page.screenshot({ path: `${SCREENSHOTS}/11-opgeslagen-postgis.png` });
  });

  it('undoes and redoes points while drawing (Ctrl+Z, button), and Escape cancels', async () => {
    const { corners } = await squareOnTerrein(60);
    await page.getByTestId('editor-layer').selectOption('transformaties');
    await page.getByTestId('tool-tekenen').click();
    for (const p of corners) await clickAt(page, p);
    await expect.poll(() => vertexCount(page)).toBe(4);
    const before = { n: await vertexCount(page), ha: await liveHa(page) };

    await page.keyboard.press('Control+z');
    await expect.poll(() => vertexCount(page)).toBe(before.n - 1);
    const undone = await liveHa(page);
    expect(undone).not.toBeCloseTo(before.ha, 4);
    await page.screenshot({ path: `${SCREENSHOTS}/12-ongedaan.png` });

    await page.getByTestId('tool-opnieuw').click();
    await expect.poll(() => vertexCount(page)).toBe(before.n);
    expect(await liveHa(page)).toBeCloseTo(before.ha, 6);

    await page.keyboard.press('Control+Shift+Z'); // nothing left to redo: no change
    expect(await vertexCount(page)).toBe(before.n);

    await page.keyboard.press('Escape');
    await page.getByTestId('edit-panel').waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid=editor-area-label]').count()).toBe(0);
  });

  it('refuses a self-intersecting drawing with a Dutch message', async () => {
    const { centre: c } = await squareOnTerrein(60);
    await page.getByTestId('editor-layer').selectOption('transformaties');
    await page.getByTestId('tool-tekenen').click();
    // A bow tie: the fourth point makes the edges cross.
    const bow = [
      { x: c.x - 60, y: c.y - 60 }, { x: c.x + 60, y: c.y + 60 }, { x: c.x + 60, y: c.y - 60 }, { x: c.x - 60, y: c.y + 60 },
    ];
    for (const p of bow) await clickAt(page, p);
    const melding = page.getByTestId('editor-melding');
    await melding.waitFor({ state: 'visible' });
    expect(await melding.innerText()).toMatch(/mogen elkaar niet kruisen/);
    // The crossing point was not added.
    expect(await vertexCount(page)).toBe(3);
    await page.screenshot({ path: `${SCREENSHOTS}/13-zelfdoorsnijding.png` });
    await page.keyboard.press('Escape');
    await page.getByTestId('edit-panel').waitFor({ state: 'detached' });
  });

  it('splits a kavel with a line into parts whose areas add up to the original', async () => {
    const { terrein, spot } = await createTerrein(werkgroep, 'Leiden');
    const kavel = await createKavel(werkgroep, terrein, inside(spot, 60, 50, 240, 160));
    await reloadApp(page);
    const { body } = await api<{ features: Area[] }>(page, '/api/kavels');
    const before = new Set(body.features.map((f) => f.id));
    await selectOnMap(page, 'kavels-fill', kavel);
    const splitButton = page.getByTestId('actie-splitsen');
    await splitButton.waitFor({ state: 'visible' });
    await splitButton.click();

    // A horizontal line through the kavel's deepest point, from outside to outside.
    const mid = await toScreen(page, deepInteriorPoint(kavel));
    const [w, , e] = bbox(kavel);
    const west = await toScreen(page, [w, deepInteriorPoint(kavel)[1]]);
    const east = await toScreen(page, [e, deepInteriorPoint(kavel)[1]]);
    const start = { x: west.x - 25, y: mid.y };
    const end = { x: east.x + 25, y: mid.y };
    await clickAt(page, start);
    await clickAt(page, end);
    await clickAt(page, end); // clicking the last point again finishes the line

    // After the split the form of part 1 opens, its name selected: the parts are told apart by name.
    await page.getByTestId('gesplitst').waitFor({ state: 'visible' });
    const { body: after } = await api<{ features: Area[] }>(page, '/api/kavels');
    const parts = after.features.filter((f) => f.id === kavel.id || !before.has(f.id));
    expect(parts).toHaveLength(2);
    const sum = parts.reduce((s, f) => s + f.properties.oppervlakte_ha, 0);
    expect(sum).toBeCloseTo(kavel.properties.oppervlakte_ha, 3);
    // A line through the middle: two parts of about half each.
    for (const part of parts) expect(part.properties.oppervlakte_ha / kavel.properties.oppervlakte_ha).toBeGreaterThan(0.3);
    await waitForIdle(page);
    await page.screenshot({ path: `${SCREENSHOTS}/14-gesplitst.png` });
    await page.keyboard.press('Escape');
  });

  it('shows "Gewijzigd door …" in a dialog on a 409 and loads the newest version', async () => {
    const { spot } = await createTerrein(werkgroep, 'Leiden');
    const created = await createTransformatie(werkgroep, rdPolygon(inside(spot, 80, 60, 200, 150)));
    await reloadApp(page);
    const panel = await selectOnMap(page, 'transformaties-fill', created);
    await panel.getByTestId('actie-bewerken').click();
    const form = page.getByTestId('attribute-form');
    await form.getByLabel('Naam').fill('Naam uit de browser');

    // Someone changes the record behind the UI's back.
    const { body: current } = await api<Area>(page, `/api/transformaties/${created.id}`);
    const change = await api<Area>(page, `/api/transformaties/${created.id}`, {
      method: 'PATCH', body: { version: current.properties.version, properties: { naam: 'Gewijzigd via de API', status: 'studie' } },
    });
    expect(change.status).toBe(200);

    await page.getByTestId('editor-opslaan').click();
    const dialog = page.getByTestId('conflict-dialog');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.innerText()).toMatch(/Gewijzigd door .+ om \d\d:\d\d/);
    await page.screenshot({ path: `${SCREENSHOTS}/15-versieconflict.png` });

    // Nothing was overwritten; loading the newest version reopens the form with it.
    const { body: still } = await api<Area>(page, `/api/transformaties/${created.id}`);
    expect(still.properties.naam).toBe('Gewijzigd via de API');
    await page.getByTestId('conflict-laden').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => form.getByLabel('Naam').inputValue()).toBe('Gewijzigd via de API');
    expect(await form.getByLabel('Status').inputValue()).toBe('studie');

    // Saving now works on the newest version.
    await form.getByLabel('Naam').fill('Naam uit de browser');
    await page.getByTestId('editor-opslaan').click();
    await page.getByTestId('feature-panel').waitFor({ state: 'visible' });
    const { body: final } = await api<Area>(page, `/api/transformaties/${created.id}`);
    expect(final.properties.naam).toBe('Naam uit de browser');
    expect(final.properties.status).toBe('studie');

    // The history lists all versions.
    const history = page.getByTestId('geschiedenis');
    await expect.poll(() => history.locator('li').count()).toBeGreaterThanOrEqual(3);
    expect(await history.innerText()).toContain('Deze versie terugzetten');
    await page.screenshot({ path: `${SCREENSHOTS}/16-geschiedenis.png` });
  });
});
