// The app under its Content-Security-Policy (issue 10 #16): the map with its worker and
// the offline basemap, the monitor, the ruimtevragen workspace with all its tabs, the side
// panel and the editor all work, and the browser reports no CSP violation on the way.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, reloadApp, waitForIdle } from './browser.ts';
import { api, selectOnMap, type Area } from './map-helpers.ts';

const baseUrl = inject('baseUrl');
const account = (inject('accounts') ?? []).find((a) => a.rol === 'regisseur');

describe.skipIf(!inject('chromiumPath'))('the app under its Content-Security-Policy', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const violations: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, errors } = await openApp(browser, baseUrl, { account }));
    page.on('console', (msg) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(msg.text())) violations.push(msg.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const w = window as unknown as { __csp?: string[] };
        (w.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    // Reload so the listener is there from the first byte; the session cookie stays. (Through
    // reloadApp: what the old document reports about the requests the reload cancels is not
    // this page's error — CI once failed here on '[kaart] Failed to fetch'.)
    await reloadApp(page);
  });
  afterAll(async () => browser?.close());

  it('sends the policy with the page', async () => {
    const res = await page.request.get(baseUrl);
    const policy = res.headers()['content-security-policy'];
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("worker-src 'self'");
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
  });

  it('renders the map, its worker-fed data layers and the offline basemap', async () => {
    await waitForIdle(page);
    const drawn = await page.evaluate(() => {
      const map = window.__map!;
      const basemap = map.queryRenderedFeatures({ layers: ['water', 'landuse-business', 'road-major'] }).length;
      const data = map.queryRenderedFeatures({ layers: ['terreinen-fill'] }).length;
      return { basemap, data };
    });
    expect(drawn.basemap, 'basemap features on screen').toBeGreaterThan(0);
    expect(drawn.data, 'terreinen on screen').toBeGreaterThan(0);
  });

  it('opens every screen without a CSP violation', async () => {
    // Side panel of a kavel.
    const kavels = (await api<{ features: Area[] }>(page, '/api/kavels')).body.features;
    const largest = [...kavels].sort((a, b) => b.properties.oppervlakte_ha - a.properties.oppervlakte_ha)[0];
    await selectOnMap(page, 'kavels-fill', largest);
    await page.keyboard.press('Escape');

    // The editor: start drawing a new transformatie, then cancel.
    await page.getByTestId('tool-tekenen').click();
    await page.getByTestId('edit-panel').waitFor({ state: 'visible' });
    await page.getByTestId('tool-annuleren').click();

    // The monitor with its charts.
    await page.getByTestId('monitor-knop').click();
    await page.getByTestId('kpi-netto_verloren').waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.recharts-surface').first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.getByTestId('monitor-knop').click();

    // The ruimtevragen workspace, every tab.
    await page.getByTestId('ruimtevragen-knop').click();
    const matching = page.getByTestId('matching');
    await matching.waitFor({ state: 'visible' });
    for (const tab of ['Matches', 'Regionaal optimum', 'Scheefwerken', 'Register']) {
      await matching.getByRole('tab', { name: tab }).click();
      await page.waitForTimeout(300);
    }
    await waitForIdle(page);

    const reported = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
    expect(reported, 'securitypolicyviolation events').toEqual([]);
    expect(violations, 'CSP messages in the console').toEqual([]);
    expect(errors, 'browser errors').toEqual([]);
  });
});
