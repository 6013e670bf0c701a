// The rest of the werkgroep editor in a real browser: toewijzingen of a
// compensatie (and over-allocation refused), a bestuursovereenkomst with its
// computed contribution, cutting a hole, and editing a record of several parts.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { bbox, booleanContains, polygon as turfPolygon } from '@turf/turf';
import type { MultiPolygon } from 'geojson';
import { launchBrowser, openApp, waitForIdle } from './browser.ts';
import { api, clickAt, deepInteriorPoint, hectare, liveHa, selectOnMap, toLngLat, toScreen, type Area } from './map-helpers.ts';

const baseUrl = inject('baseUrl');
const account = (inject('accounts') ?? []).find((a) => a.rol === 'regisseur');
const SCREENSHOTS = 'test/e2e/screenshots';
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

interface Overzicht { oppervlakte_ha: number; toegewezen_ha: number; beschikbaar_ha: number; toewijzingen: { id: number; transformatie_id: number; hectares: number }[] }

describe.skipIf(!baseUrl || !account)('werkgroep editor: toewijzingen, bestuursovereenkomsten, gaten, meerdelige vlakken', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
    ({ page, errors } = await openApp(browser, baseUrl, { account }));
  });
  afterAll(async () => browser?.close());

  it('assigns compensatie hectares to a transformatie, and refuses more than the compensatie has', async () => {
    const { body: comps } = await api<{ features: Area[] }>(page, '/api/compensaties');
    const live = comps.features.filter((c) => c.properties.status !== 'vervallen');
    const overzichten = await Promise.all(live.map(async (c) => ({ c, o: (await api<Overzicht>(page, `/api/compensaties/${c.id}/toewijzingen`)).body })));
    const { c: comp, o: before } = overzichten.sort((a, b) => b.o.beschikbaar_ha - a.o.beschikbaar_ha)[0];
    expect(before.beschikbaar_ha).toBeGreaterThan(0.5);
    const { body: trans } = await api<{ features: Area[] }>(page, '/api/transformaties');
    const target = trans.features.find((t) => t.properties.status !== 'vervallen' && !before.toewijzingen.some((x) => x.transformatie_id === t.id))!;
    expect(target).toBeDefined();

    const panel = await selectOnMap(page, 'compensaties-fill', comp);
    const section = panel.getByTestId('toewijzingen');
    await section.waitFor({ state: 'visible' });
    await expect.poll(() => section.getByTestId('toegewezen-ha').innerText()).toBe(hectare(before.toegewezen_ha));

    await section.getByLabel('Transformatie').selectOption(String(target.id));
    await section.getByLabel('Hectares').fill('0,5');
    await section.getByRole('button', { name: 'Toewijzen' }).click();
    await expect.poll(() => section.getByTestId('toegewezen-ha').innerText()).toBe(hectare(before.toegewezen_ha + 0.5));
    const { body: after } = await api<Overzicht>(page, `/api/compensaties/${comp.id}/toewijzingen`);
    expect(after.toewijzingen.find((x) => x.transformatie_id === target.id)?.hectares).toBe(0.5);
    expect(after.beschikbaar_ha).toBeCloseTo(before.beschikbaar_ha - 0.5, 6);

    // More than what is left: the server's Dutch refusal, nothing stored.
    const other = trans.features.find((t) => t.properties.status !== 'vervallen' && t.id !== target.id && !before.toewijzingen.some((x) => x.transformatie_id === t.id))!;
    await section.getByLabel('Transformatie').selectOption(String(other.id));
    await section.getByLabel('Hectares').fill('99');
    await section.getByRole('button', { name: 'Toewijzen' }).click();
    await expect.poll(() => section.getByRole('alert').innerText()).toMatch(/heeft nog .* beschikbaar; 99,00 ha toewijzen kan niet/);
    expect((await api<Overzicht>(page, `/api/compensaties/${comp.id}/toewijzingen`)).body.toewijzingen).toHaveLength(after.toewijzingen.length);
    await page.screenshot({ path: `${SCREENSHOTS}/40-toewijzingen.png` });

    // Remove the new toewijzing again.
    await section.locator(`li[data-transformatie="${target.id}"]`).getByRole('button', { name: 'Verwijderen' }).click();
    await expect.poll(() => section.getByTestId('toegewezen-ha').innerText()).toBe(hectare(before.toegewezen_ha));
    await page.keyboard.press('Escape');
  });

  it('records a bestuursovereenkomst with partijen and kostenposten, and shows the computed contribution', async () => {
    await page.getByTestId('monitor-knop').click();
    const beheer = page.getByTestId('bo-beheer');
    await beheer.waitFor({ state: 'visible', timeout: 60_000 });
    await beheer.getByRole('button', { name: 'Nieuwe bestuursovereenkomst' }).click();
    const form = page.getByTestId('bo-form');
    await form.getByLabel('Naam', { exact: true }).fill('BO browsertest Leiden – Oegstgeest');
    await form.getByLabel('Datum ondertekening').fill('2026-10-01');
    const partijen = form.getByTestId('bo-partij');
    await partijen.nth(0).getByLabel('Gemeente').selectOption({ label: 'Leiden' });
    await partijen.nth(1).getByLabel('Gemeente').selectOption({ label: 'Oegstgeest' });
    await form.getByRole('button', { name: 'Kostenpost toevoegen' }).click();
    await form.getByRole('button', { name: 'Kostenpost toevoegen' }).click();
    const kosten = form.getByTestId('bo-kostenpost');
    await kosten.nth(0).getByLabel('Categorie').selectOption('onderzoek');
    await kosten.nth(0).getByLabel('Bedrag (€)').fill('10.000');
    await kosten.nth(1).getByLabel('Categorie').selectOption('realisatie');
    await kosten.nth(1).getByLabel('Bedrag (€)').fill('50000');
    await form.getByRole('button', { name: 'Opslaan' }).click();

    const item = beheer.locator('li', { hasText: 'BO browsertest Leiden – Oegstgeest' });
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    // 50 % of the eligible costs (onderzoek), realisatie does not count.
    expect(await item.getByTestId('bo-bijdrage').innerText()).toContain(`${euro.format(5000)} (50 % van ${euro.format(10000)})`);
    const { body: list } = await api<{ naam: string; bijdrage: { bijdrage: number; subsidiabel: number }; partijen: { gemeente: string; rol: string }[] }[]>(page, '/api/bestuursovereenkomsten');
    const stored = list.find((b) => b.naam === 'BO browsertest Leiden – Oegstgeest')!;
    expect(stored.bijdrage).toMatchObject({ bijdrage: 5000, subsidiabel: 10000 });
    expect(stored.partijen.map((p) => `${p.gemeente}:${p.rol}`).sort()).toEqual(['Leiden:transformerend', 'Oegstgeest:compenserend']);
    await item.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/41-bestuursovereenkomst.png` });
    await page.getByTestId('monitor-knop').click();
  });

  it('cuts a hole in a kavel: its hectares drop by the hole', async () => {
    const { body } = await api<{ features: Area[] }>(page, '/api/kavels');
    const kavels = body.features
      .filter((f) => f.geometry.type === 'Polygon' || f.geometry.coordinates.length === 1)
      .sort((a, b) => b.properties.oppervlakte_ha - a.properties.oppervlakte_ha);
    let kavel: Area | undefined;
    for (const k of kavels.slice(0, 20)) {
      try {
        await selectOnMap(page, 'kavels-fill', k);
        kavel = k;
        break;
      } catch {
        await page.keyboard.press('Escape');
      }
    }
    expect(kavel, 'no kavel could be selected on the map').toBeDefined();
    await page.getByTestId('actie-gat').click();

    // A square around the kavel's deepest point, checked to lie inside it.
    const c = await toScreen(page, deepInteriorPoint(kavel!));
    let corners: { x: number; y: number }[] = [];
    for (const half of [40, 25, 12]) {
      corners = [{ x: c.x - half, y: c.y - half }, { x: c.x + half, y: c.y - half }, { x: c.x + half, y: c.y + half }, { x: c.x - half, y: c.y + half }];
      const ring = await Promise.all(corners.map((p) => toLngLat(page, p)));
      if (booleanContains(kavel!, turfPolygon([[...ring, ring[0]]]))) break;
    }
    for (const p of corners) await clickAt(page, p);
    await clickAt(page, corners[0]);
    await expect.poll(() => liveHa(page)).toBeGreaterThan(0);
    const gat = await liveHa(page);
    await page.getByTestId('gat-bevestig').click();

    const panel = page.getByTestId('feature-panel');
    await expect.poll(() => panel.getAttribute('data-feature-id')).toBe(String(kavel!.id));
    const { body: after } = await api<Area>(page, `/api/kavels/${kavel!.id}`);
    expect(Math.abs(kavel!.properties.oppervlakte_ha - after.properties.oppervlakte_ha - gat) / gat).toBeLessThan(0.01);
    const rings = after.geometry.type === 'Polygon' ? after.geometry.coordinates : after.geometry.coordinates[0];
    expect(rings).toHaveLength(2); // outer ring + the hole
    await expect.poll(() => page.getByTestId('feature-oppervlakte').innerText()).toBe(hectare(after.properties.oppervlakte_ha));
    await waitForIdle(page);
    await page.screenshot({ path: `${SCREENSHOTS}/42-gat.png` });
    await page.keyboard.press('Escape');
  });

  it('edits the shape of a record of two separate parts, and saves it as one MultiPolygon', async () => {
    // A kanszone of two separate squares on the largest terrein.
    const { body: terreinen } = await api<{ features: Area[] }>(page, '/api/terreinen');
    const terrein = terreinen.features.sort((a, b) => b.properties.oppervlakte_ha - a.properties.oppervlakte_ha)[0];
    const [x, y] = deepInteriorPoint(terrein);
    const sq = (dx: number) => [[[x + dx, y], [x + dx + 0.0009, y], [x + dx + 0.0009, y + 0.0006], [x + dx, y + 0.0006], [x + dx, y]]];
    const geometry: MultiPolygon = { type: 'MultiPolygon', coordinates: [sq(-0.0015), sq(0.0006)] };
    const made = await api<Area>(page, '/api/kanszones', { method: 'POST', body: { type: 'Feature', geometry, properties: { naam: 'E2E tweedelig' } } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    // Made behind the app's back: reload so the map has it.
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.mapReady === 'true', undefined, { timeout: 90_000 });

    const panel = await selectOnMap(page, 'kanszones-fill', made.body);
    await panel.getByTestId('actie-bewerken').click();
    // Both parts are in the editor: the live hectares are their sum.
    await expect.poll(() => liveHa(page)).toBeGreaterThan(0);
    expect(Math.abs(await liveHa(page) - made.body.properties.oppervlakte_ha) / made.body.properties.oppervlakte_ha).toBeLessThan(0.005);

    // Drag the north-east corner of the first (selected) part outwards.
    const ne = await toScreen(page, [x - 0.0015 + 0.0009, y + 0.0006]);
    await page.mouse.move(ne.x, ne.y);
    await page.mouse.down();
    await page.mouse.move(ne.x + 15, ne.y - 15, { steps: 5 });
    await page.mouse.move(ne.x + 30, ne.y - 30, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => liveHa(page)).toBeGreaterThan(made.body.properties.oppervlakte_ha * 1.02);
    const preview = await liveHa(page);
    await page.screenshot({ path: `${SCREENSHOTS}/43-meerdelig-bewerken.png` });
    await page.getByTestId('editor-opslaan').click();
    await page.getByTestId('feature-panel').waitFor({ state: 'visible' });
    const { body: saved } = await api<Area>(page, `/api/kanszones/${made.body.id}`);
    expect(saved.geometry.type).toBe('MultiPolygon');
    expect((saved.geometry as MultiPolygon).coordinates).toHaveLength(2);
    expect(Math.abs(saved.properties.oppervlakte_ha - preview) / preview).toBeLessThan(0.005);
    // The second part did not move.
    const second = (saved.geometry as MultiPolygon).coordinates[1][0];
    const [w2, s2] = bbox({ type: 'Polygon', coordinates: [second] });
    expect(w2).toBeCloseTo(x + 0.0006, 6);
    expect(s2).toBeCloseTo(y, 6);
    await page.keyboard.press('Escape');
  });

  it('logged no unexpected errors in the browser', () => {
    // Refused writes (409/422) are answers the UI shows; Chromium logs them as failed loads.
    expect(errors.filter((e) => !/status of (409|422)/.test(e))).toEqual([]);
  });
});
