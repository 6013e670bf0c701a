// On a phone (390×844) the map, the monitor and a meeting are usable read-only (issue #13,
// item 7): the page never scrolls sideways, the region fits below the layer list, and the
// meeting with its figures and the ruimtevragen aggregate open as a sheet.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, reloadApp } from './browser.ts';
import { Api, createVergadering, demoAccount, takeSnapshot } from './fixtures.ts';
import { blockBrowser, SCREENSHOTS } from './session.ts';

const baseUrl = inject('baseUrl');

const overloop = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe.skipIf(!inject('chromiumPath'))('a phone', () => {
  const browser = blockBrowser();

  it('shows the region, the monitor and a meeting without sideways scrolling', async () => {
    const regisseur = await Api.as('regisseur');
    const vergadering = await createVergadering(regisseur, 'E2E telefoon');
    await takeSnapshot(regisseur, vergadering);
    const { page, errors } = await openApp(browser(), baseUrl, { account: demoAccount('stuurgroep') });
    await page.setViewportSize({ width: 390, height: 844 });
    await reloadApp(page);
    expect(await overloop(page)).toBe(0);
    // The whole region (every gemeente outline, the config's gebied) is in view: the first
    // view is fitted to this screen, not to a desktop's panel.
    const { gebied } = await (await Api.as('stuurgroep')).get<{ gebied: [number, number, number, number] }>('/api/config');
    const inBeeld = await page.evaluate(([w, s, e, n]) => {
      const b = (window as any).__map.getBounds();
      return b.getWest() <= w && b.getEast() >= e && b.getSouth() <= s && b.getNorth() >= n;
    }, gebied);
    expect(inBeeld).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/44-telefoon-kaart.png` });

    // On a phone the workspaces sit in the top bar's menu.
    await page.getByTestId('menu-knop').click();
    await page.getByTestId('monitor-knop').click();
    await page.getByTestId('kpi-netto_verloren').waitFor({ state: 'visible' });
    expect(await overloop(page)).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/45-telefoon-monitor.png` });
    await page.getByTestId('menu-knop').click();
    await page.getByTestId('vergaderingen-knop').click();
    await page.getByTestId(`vg-item-${vergadering.id}`).click();
    await page.getByTestId('vg-kpis').waitFor({ state: 'visible' });
    expect(await overloop(page)).toBe(0);
    // Nothing in the sheet is wider than the screen.
    const breed = await page.getByTestId('vergaderingen').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(breed).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/46-telefoon-vergadering.png` });
    await page.getByTestId('vg-tab-ruimtevragen').click();
    await page.getByTestId('ruimtevragen-totaal').waitFor({ state: 'visible' });
    expect(await overloop(page)).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/47-telefoon-ruimtevragen.png` });
    expect(errors).toEqual([]);
    await page.close();
  });
});
