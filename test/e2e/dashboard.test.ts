// The hectare monitor in a real browser: the region's balance as the API computes
// it, and a click on a figure marks its polygons on the map.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, waitForIdle } from './browser.ts';

const baseUrl = inject('baseUrl');
const account = (inject('accounts') ?? []).find((a) => a.rol === 'stuurgroep');
const SCREENSHOTS = 'test/e2e/screenshots';

describe.skipIf(!inject('chromiumPath'))('hectare monitor', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
    ({ page } = await openApp(browser, baseUrl, { account }));
  });
  afterAll(async () => browser?.close());

  it('shows the region balance as the API computes it, and highlights the polygons behind a figure', async () => {
    const balans = await page.evaluate(async () => (await fetch('/api/balans')).json());
    await page.getByTestId('monitor-knop').click();
    const tile = page.getByTestId('kpi-netto_verloren');
    await tile.waitFor({ state: 'visible', timeout: 60_000 });
    const expected = `${new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(balans.regio.netto_verloren.ha)} ha`;
    expect(await tile.innerText()).toContain(expected);
    await expect.poll(() => page.getByTestId('monitor').innerText()).toContain('Gepubliceerd aanbod');

    const ids: number[] = balans.regio.netto_verloren.ids.transformatie;
    expect(ids.length).toBeGreaterThan(0);
    const before = await page.evaluate((id) => (window as any).__map.getFeatureState({ source: 'data-transformaties', id }), ids[0]);
    expect(before.selected ?? false).toBe(false);
    await tile.click();
    await waitForIdle(page);
    const states = await page.evaluate((list) => list.map((id: number) =>
      (window as any).__map.getFeatureState({ source: 'data-transformaties', id }).selected === true), ids);
    expect(states.every(Boolean)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/20-monitor.png` });
  });
});
