// The monitor at a past peildatum in a real browser (issue #12): the figures of that
// date as the API computes them, the map as it was (with its banner), a figure that
// highlights the polygons of that date, and the series chart with its years. The test
// makes its own records with their dates (ingangsdatum), through the API as the regisseur.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { booleanIntersects } from '@turf/turf';
import { launchBrowser, openApp, reloadApp, waitForIdle } from './browser.ts';
import { api, centreOn, deepInteriorPoint, type Area } from './map-helpers.ts';

const baseUrl = inject('baseUrl');
const regisseur = (inject('accounts') ?? []).find((a) => a.rol === 'regisseur');
const SCREENSHOTS = 'test/e2e/screenshots';
const PEILDATUM = '2024-06-30';
const nl1 = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

type Collection = { features: Area[] };

describe.skipIf(!inject('chromiumPath'))('monitor at a past peildatum', () => {
  let browser: Browser;
  let page: Page;
  let toen: number;
  let vandaag: number;

  /** A small square deep inside a terrein that no plan touches yet. */
  async function vrijePlek(): Promise<{ vierkant: (dx: number) => unknown }> {
    const terreinen = (await api<Collection>(page, '/api/terreinen')).body.features;
    const plannen = [...(await api<Collection>(page, '/api/transformaties')).body.features, ...(await api<Collection>(page, '/api/compensaties')).body.features];
    const vrij = terreinen
      .filter((t) => !t.properties.niet_te_transformeren && t.properties.oppervlakte_ha > 5 && !plannen.some((p) => booleanIntersects(p, t)))
      .sort((a, b) => b.properties.oppervlakte_ha - a.properties.oppervlakte_ha)[0];
    expect(vrij, 'a terrein without plans').toBeDefined();
    const [x, y] = deepInteriorPoint(vrij);
    return {
      vierkant: (dx: number) => ({
        type: 'Polygon',
        coordinates: [[[x + dx, y], [x + dx + 0.0006, y], [x + dx + 0.0006, y + 0.0004], [x + dx, y + 0.0004], [x + dx, y]]],
      }),
    };
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
    ({ page } = await openApp(browser, baseUrl, { account: regisseur }));
    const plek = await vrijePlek();
    const maak = async (naam: string, dx: number, extra: Record<string, unknown>) => {
      const res = await api<Area>(page, '/api/transformaties', {
        method: 'POST', body: { type: 'Feature', geometry: plek.vierkant(dx), properties: { naam, nieuwe_functie: 'overig', status: 'studie', ...extra } },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };
    // In studie since March 2024, vastgesteld in May 2025; and one drawn today.
    const oud = await maak('E2E peildatum 2024', 0, { ingangsdatum: '2024-03-01' });
    toen = oud.id;
    const gewijzigd = await api<Area>(page, `/api/transformaties/${toen}`, {
      method: 'PATCH',
      body: { version: oud.properties.version, properties: { status: 'vastgesteld', datum_terinzagelegging: '2025-01-10', datum_vaststelling: '2025-05-01', ingangsdatum: '2025-05-01' } },
    });
    expect(gewijzigd.status, JSON.stringify(gewijzigd.body)).toBe(200);
    vandaag = (await maak('E2E peildatum vandaag', 0.001, {})).id;
    // Made outside the editor: load the app again so its live layers have them.
    await reloadApp(page);
  });
  afterAll(async () => browser?.close());

  // At a past peildatum the map draws these layers from that date's GeoJSON overlay instead of their tiles.
  const bronData = (laag: string) => page.evaluate(async (id) => (await (window as any).__map.getSource(id).getData()).features, `verleden-${laag}`);
  const zichtbaar = (layerId: string) => page.evaluate((id) => (window as any).__map.getLayoutProperty(id, 'visibility') ?? 'visible', layerId);

  it('shows the figures and the map of a date in 2024, and the series chart with its years', async () => {
    const balans = await page.evaluate(async (d) => (await fetch(`/api/balans?peildatum=${d}`)).json(), PEILDATUM);
    expect(balans.transformaties.find((t: any) => t.id === toen)?.fase).toBe('voorgenomen');
    expect(balans.transformaties.some((t: any) => t.id === vandaag)).toBe(false);

    await page.getByTestId('monitor-knop').click();
    await page.getByTestId('kpi-netto_verloren').waitFor({ state: 'visible', timeout: 60_000 });
    // The series chart leads, with the years from 2020 to 2040.
    const grafiek = page.getByTestId('voortgang-grafiek');
    await grafiek.waitFor({ state: 'visible', timeout: 60_000 });
    await expect.poll(() => grafiek.innerText()).toMatch(/2020[\s\S]*2040/);

    await page.getByTestId('peildatum').fill(PEILDATUM);
    const banner = page.getByTestId('kaart-peildatum');
    await banner.waitFor({ state: 'visible', timeout: 60_000 });
    expect(await banner.innerText()).toContain('30 juni 2024');
    expect(await page.getByTestId('monitor-verleden').innerText()).toContain('30 juni 2024');
    await expect.poll(() => page.getByTestId('kpi-netto_verloren').innerText()).toContain(`${nl1.format(balans.regio.netto_verloren.ha)} ha`);
    expect(await page.getByTestId('kpi-toegewezen').innerText()).toContain(`${nl1.format(balans.regio.toegewezen.ha)} ha`);
    expect(await page.getByTestId('tekort-publicatie').innerText()).toContain('tekort van 36 tot 91 ha');

    // The map as it was: the one drawn today is not there; the other has its status of then.
    await expect.poll(async () => (await bronData('transformaties')).some((f: any) => f.id === toen)).toBe(true);
    expect((await bronData('transformaties')).some((f: any) => f.id === vandaag)).toBe(false);
    expect(await zichtbaar('transformaties-fill-verleden')).toBe('visible');
    expect(await zichtbaar('transformaties-fill')).toBe('none');
    const then = (await bronData('transformaties')).find((f: any) => f.id === toen);
    expect(then.properties.status).toBe('studie');

    // A figure highlights the polygons of that date.
    await page.getByTestId('fase-voorgenomen').click();
    await waitForIdle(page);
    const selected = await page.evaluate((id) => (window as any).__map.getFeatureState({ source: 'verleden-transformaties', id }).selected === true, toen);
    expect(selected).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/21-monitor-peildatum-2024.png` });

    // Back to today: live layers, no banner.
    await banner.getByRole('button', { name: 'Terug naar vandaag' }).click();
    await banner.waitFor({ state: 'detached' });
    await expect.poll(async () => (await bronData('transformaties')).length).toBe(0);
    expect(await zichtbaar('transformaties-fill')).toBe('visible');
    expect(await zichtbaar('transformaties-fill-verleden')).toBe('none');
    // The live tiles have today's transformatie, with its status of today.
    const { body: nu } = await api<Area>(page, `/api/transformaties/${toen}`);
    await centreOn(page, deepInteriorPoint(nu), 15);
    await waitForIdle(page);
    const live = () => page.evaluate((ids) => (window as any).__map.querySourceFeatures('data-transformaties', { sourceLayer: 'transformaties' })
      .filter((f: any) => ids.includes(f.id)).map((f: any) => `${f.id}:${f.properties.status}`), [toen, vandaag]);
    await expect.poll(async () => new Set(await live())).toEqual(new Set([`${toen}:vastgesteld`, `${vandaag}:studie`]));
  });
});
