// The hectare monitor in a real browser: the region's balance as the API computes
// it, and a click on a figure marks its polygons on the map, among them a
// transformatie this test makes itself.
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { reloadApp, waitForIdle } from './browser.ts';
import { appSession, SCREENSHOTS } from './session.ts';
import { Api, createTerrein, createTransformatie, demoAccount, inside, rdPolygon } from './fixtures.ts';

const baseUrl = inject('baseUrl');
const nl1 = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

describe.skipIf(!baseUrl)('hectare monitor', () => {
  let page: Page;
  let errors: string[];

  appSession(() => demoAccount('stuurgroep'), (session) => {
    ({ page, errors } = session);
  });
  afterEach(() => {
    expect(errors.splice(0)).toEqual([]);
  });

  it('shows the region balance as the API computes it, and highlights the polygons behind a figure', async () => {
    // A transformatie of 2 ha on a terrein of its own: it is lost business land.
    const regisseur = await Api.as('regisseur');
    const { spot } = await createTerrein(regisseur, 'Leiden');
    const transformatie = await createTransformatie(regisseur, rdPolygon(inside(spot, 100, 100, 200, 100)));
    await reloadApp(page);

    const balans = await (await Api.as('stuurgroep')).get('/api/balans');
    const ids: number[] = balans.regio.netto_verloren.ids.transformatie;
    expect(ids).toContain(transformatie.id);
    await page.getByTestId('monitor-knop').click();
    const tile = page.getByTestId('kpi-netto_verloren');
    await tile.waitFor({ state: 'visible' });
    await expect.poll(() => tile.innerText()).toContain(`${nl1.format(balans.regio.netto_verloren.ha)} ha`);
    await expect.poll(() => page.getByTestId('monitor').innerText()).toContain('Gepubliceerd aanbod');

    const selected = (list: number[]) => page.evaluate((l) => l.map((id) =>
      window.__map!.getFeatureState({ source: 'data-transformaties', sourceLayer: 'transformaties', id }).selected === true), list);
    expect(await selected([transformatie.id])).toEqual([false]);
    await tile.click();
    await waitForIdle(page);
    await expect.poll(() => selected(ids)).toEqual(ids.map(() => true));
    await page.screenshot({ path: `${SCREENSHOTS}/20-monitor.png` });
  });
});
