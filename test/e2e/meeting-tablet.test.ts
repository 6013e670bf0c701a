// On a tablet, landscape (1024×768) and portrait (820×1180), the map, the monitor and a
// meeting are usable read-only (issue #13, item 7): the page never scrolls sideways,
// nothing in the panel is wider than the panel, the panel stays on the screen and clear
// of the zoom buttons, and "Toon op kaart" brings an advies's records into the part of
// the map the panel leaves free.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bbox } from '@turf/turf';
import { openApp, reloadApp, waitForIdle } from './browser.ts';
import { Api, createKavel, createTerrein, createVergadering, demoAccount, inside, takeSnapshot, unique } from './fixtures.ts';
import { blockBrowser, SCREENSHOTS } from './session.ts';
import { toScreen, type Area } from './map-helpers.ts';

const baseUrl = inject('baseUrl');

const overloop = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Whether the element is the topmost thing at its centre (not covered by a panel). */
const vrij = (page: Page, selector: string) => page.evaluate((sel) => {
  const el = document.querySelector<HTMLElement>(sel);
  if (!el) return false;
  const r = el.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return hit === el || el.contains(hit);
}, selector);

/** The element lies wholly on the screen. */
const opScherm = (page: Page, testId: string) => page.getByTestId(testId).evaluate((el) => {
  const r = el.getBoundingClientRect();
  return r.left >= 0 && r.top >= 0 && r.right <= window.innerWidth && r.bottom <= window.innerHeight;
});

describe.skipIf(!inject('chromiumPath'))('a tablet', () => {
  const browser = blockBrowser();
  let vergadering: { id: number };
  let kavel: Area;
  let advies: { id: number };

  beforeAll(async () => {
    const regisseur = await Api.as('regisseur');
    vergadering = await createVergadering(regisseur, 'E2E tablet');
    const { terrein, spot } = await createTerrein(regisseur, 'Leiderdorp');
    kavel = await createKavel(regisseur, terrein, inside(spot, 40, 40, 200, 150));
    advies = await regisseur.ok('POST', '/api/adviezen', {
      soort: 'advies', type: 'zacht_naar_hard', gevraagd: false, titel: unique('E2E tablet advies'), tekst: 'Maak deze kavel hard.',
      vergadering_id: vergadering.id, objecten: [{ tabel: 'kavel', id: kavel.id }],
    });
    await takeSnapshot(regisseur, vergadering);
  });

  async function werkruimte(page: Page, knop: string) {
    // On tablets the workspaces sit in the top bar's menu, as on phones.
    await page.getByTestId('menu-knop').click();
    await page.getByTestId(knop).click();
  }

  for (const [breed, hoog, naam] of [[1024, 768, 'liggend'], [820, 1180, 'staand']] as const) {
    it(`shows the map, the monitor and a meeting ${naam} (${breed}×${hoog}) without sideways scrolling`, async () => {
      const { page, errors } = await openApp(browser(), baseUrl, { account: demoAccount('stuurgroep') });
      await page.setViewportSize({ width: breed, height: hoog });
      await reloadApp(page);
      expect(await overloop(page)).toBe(0);
      expect(await page.getByTestId('menu-knop').isVisible()).toBe(true);
      await page.screenshot({ path: `${SCREENSHOTS}/50-tablet-${breed}-kaart.png` });

      await werkruimte(page, 'monitor-knop');
      await page.getByTestId('kpi-netto_verloren').waitFor({ state: 'visible' });
      expect(await overloop(page)).toBe(0);
      expect(await page.getByTestId('monitor').evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
      expect(await opScherm(page, 'monitor')).toBe(true);
      expect(await vrij(page, '.maplibregl-ctrl-zoom-in')).toBe(true);
      await page.screenshot({ path: `${SCREENSHOTS}/51-tablet-${breed}-monitor.png` });

      await werkruimte(page, 'vergaderingen-knop');
      await page.getByTestId(`vg-item-${vergadering.id}`).click();
      await page.getByTestId('vg-kpis').waitFor({ state: 'visible' });
      expect(await overloop(page)).toBe(0);
      expect(await page.getByTestId('vergaderingen').evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
      expect(await opScherm(page, 'vergaderingen')).toBe(true);
      expect(await vrij(page, '.maplibregl-ctrl-zoom-in')).toBe(true);

      // The advies's kavel comes into view beside the panel, not under it.
      const toon = page.getByTestId(`toon-op-kaart-${advies.id}`);
      await toon.scrollIntoViewIfNeeded();
      // The fit waits for the server's box of the records: wait for the map to have moved.
      const moved = page.evaluate(() => new Promise<void>((resolve) => (window as any).__map.once('moveend', () => resolve())));
      await toon.click();
      await moved;
      await waitForIdle(page);
      const paneel = (await page.getByTestId('vergaderingen').boundingBox())!;
      const [w, s, e, n] = bbox(kavel);
      for (const hoek of [[w, s], [e, n]] as [number, number][]) {
        const p = await toScreen(page, hoek);
        expect(p.x).toBeGreaterThan(0);
        expect(p.x).toBeLessThan(paneel.x);
      }
      expect(await overloop(page)).toBe(0);
      await page.screenshot({ path: `${SCREENSHOTS}/52-tablet-${breed}-vergadering.png` });
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
