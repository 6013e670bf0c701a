// A meeting presented on a 720p beamer (1280×720, common in meeting rooms): the same
// picture as at 1920×1080, scaled; on an XGA beamer or a tablet (1024×768) at a tablet's
// reading size. The region lies in the part of the map that the figures, the date banner
// and the chapter bar leave free, and fills it; no chapter's figures are cut off at the
// side, the region's key figures are all in view without scrolling, and no text is
// smaller than 24 px at 1080p, scaled (16 px at 720p). On a large screen alike, larger.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, waitForIdle } from './browser.ts';
import { Api, demoAccount, unique } from './fixtures.ts';
import { today } from '../../server/domain/dates.ts';
import { SCREENSHOTS } from './session.ts';

const baseUrl = inject('baseUrl');
type Bereik = [[number, number], [number, number]] | [number, number, number, number];

/** The region's box on screen and the free part of the map (left of the figures, above the chapter bar). */
const kaartOpScherm = (page: Page, bereik: Bereik) => page.evaluate((b) => {
  const map = window.__map!;
  const [w, s, e, n] = b.length === 4 ? b : [b[0][0], b[0][1], b[1][0], b[1][1]];
  const box = map.getContainer().getBoundingClientRect();
  const sw = map.project([w, s]);
  const ne = map.project([e, n]);
  const paneel = document.querySelector('.presentatie-paneel')!.getBoundingClientRect();
  const nav = document.querySelector('.presentatie-nav')!.getBoundingClientRect();
  // The banner naming the map's date sits above the chapter bar: nothing of the region under it.
  const banner = document.querySelector('.map-peildatum')?.getBoundingClientRect();
  return {
    region: { left: box.left + sw.x, right: box.left + ne.x, top: box.top + ne.y, bottom: box.top + sw.y },
    vrij: { left: box.left, right: paneel.left, top: box.top, bottom: Math.min(nav.top, banner?.height ? banner.top : Infinity) },
    banner: !!banner?.height,
  };
}, bereik);

describe.skipIf(!inject('chromiumPath'))('a meeting on a smaller beamer', () => {
  let browser: Browser;
  let id: number;
  let bereik: Bereik;
  beforeAll(async () => {
    browser = await launchBrowser();
    const regisseur = await Api.as('regisseur');
    const v = await regisseur.ok<{ id: number }>('POST', '/api/vergaderingen', { datum: today(), gremium: 'stuurgroep', titel: unique('Beamer') });
    await regisseur.ok('POST', `/api/vergaderingen/${v.id}/snapshot`, {});
    id = v.id;
    const detail = await regisseur.ok<{ snapshot: { inhoud: { kaartbereik: Bereik } } }>('GET', `/api/vergaderingen/${id}`);
    bereik = detail.snapshot.inhoud.kaartbereik;
  });
  afterAll(async () => browser?.close());

  it.each([
    // 720p: 24 px at 1080p is 16 px here; the names of terreinen never below screen size.
    { naam: '720p', width: 1280, height: 720, namen: [16, 12.5], tekst: 16 },
    // An XGA beamer or a tablet (1024×768): the reading sizes of a tablet.
    { naam: 'XGA', width: 1024, height: 768, namen: [18, 13.5], tekst: 16 },
    // A large screen (a 4K screen at 150 %): larger alike, 32 px for 24.
    { naam: 'QHD', width: 2560, height: 1440, namen: [32, 24], tekst: 32 },
  ])('shows the whole region beside the figures, and every chapter\'s figures in full ($naam)', async ({ naam, width, height, namen, tekst }) => {
    const { page, errors } = await openApp(browser, baseUrl, { account: demoAccount('stuurgroep') });
    await page.setViewportSize({ width, height });
    if (await page.getByTestId('menu-knop').isVisible()) await page.getByTestId('menu-knop').click();
    await page.getByTestId('vergaderingen-knop').click();
    await page.getByTestId(`vg-item-${id}`).click();
    await page.getByTestId('vg-presenteer').click();
    const presentatie = page.getByTestId('presentatie');
    await page.getByTestId('presentatie-titel').waitFor({ state: 'visible' });
    await waitForIdle(page);

    // The map's names scaled as the text.
    expect(await page.evaluate(() => [window.__map!.getLayoutProperty('gemeenten-label', 'text-size'), window.__map!.getLayoutProperty('terreinen-label', 'text-size')]))
      .toEqual(namen);
    const kaart = await kaartOpScherm(page, bereik);
    expect(kaart.banner, 'the banner with the snapshot\'s date').toBe(true);
    for (const kant of ['left', 'top'] as const) expect(kaart.region[kant], `region ${kant}`).toBeGreaterThanOrEqual(kaart.vrij[kant] - 1);
    expect(kaart.region.right, 'the region\'s east edge (Leiderdorp) left of the figures').toBeLessThanOrEqual(kaart.vrij.right + 1);
    expect(kaart.region.bottom, 'the region\'s south edge (Zoeterwoude) above the banner and the chapter bar').toBeLessThanOrEqual(kaart.vrij.bottom + 1);
    const vult = Math.max((kaart.region.right - kaart.region.left) / (kaart.vrij.right - kaart.vrij.left),
      (kaart.region.bottom - kaart.region.top) / (kaart.vrij.bottom - kaart.vrij.top));
    expect(vult, 'share of the free part the region fills').toBeGreaterThan(0.75);

    for (let i = 0; i < 8; i++) {
      const code = await presentatie.getAttribute('data-hoofdstuk');
      const paneel = await page.locator('.presentatie-paneel').evaluate((el, min) => ({
        breed: el.scrollWidth - el.clientWidth,
        hoog: el.scrollHeight - el.clientHeight,
        // Text smaller than 24 px at 1080p, scaled (a tablet's reading size), the chart's axis labels aside.
        klein: [...el.querySelectorAll('p, li, td, th, dt, dd, h2, h3, span')]
          .filter((e) => !e.closest('svg') && e.textContent?.trim() && e.getClientRects().length)
          .map((e) => ({ tekst: e.textContent!.trim().slice(0, 40), px: parseFloat(getComputedStyle(e).fontSize) }))
          .filter((x) => x.px < min - 0.1),
      }), tekst);
      expect(paneel.breed, `chapter ${code}: figures cut off at the side (px)`).toBeLessThanOrEqual(0);
      expect(paneel.klein, `chapter ${code}`).toEqual([]);
      if (code === 'regio') expect(paneel.hoog, 'the region\'s key figures in view without scrolling (px)').toBeLessThanOrEqual(0);
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${SCREENSHOTS}/67-beamer-${naam}-${i + 1}-${code}.png` });
      await page.keyboard.press('PageDown');
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
