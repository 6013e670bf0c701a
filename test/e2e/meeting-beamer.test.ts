// A meeting presented on a 720p beamer (1280×720, common in meeting rooms): the same
// picture as at 1920×1080, scaled; on an XGA beamer or a tablet (1024×768) at a tablet's
// reading size. The region lies in the part of the map that the figures, the date banner
// and the chapter bar leave free, and fills it; no chapter's figures are cut off at the
// side, the region's key figures are all in view without scrolling, and no text is
// smaller than 24 px at 1080p, scaled (16 px at 720p). On a large screen alike, larger.
// On a phone held upright (to follow a meeting) the map lies above the figures.
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
  // The figures beside the map, or (a phone held upright) below it.
  const naast = paneel.left > box.left + 1;
  return {
    region: { left: box.left + sw.x, right: box.left + ne.x, top: box.top + ne.y, bottom: box.top + sw.y },
    vrij: {
      left: box.left, right: naast ? paneel.left : box.right, top: box.top,
      bottom: Math.min(nav.top, banner?.height ? banner.top : Infinity, naast ? Infinity : paneel.top),
    },
    banner: !!banner?.height,
    naast,
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
    // A phone held upright, to follow the meeting: the map above the figures, at reading size.
    { naam: 'telefoon', width: 390, height: 844, namen: [18, 13.5], tekst: 16 },
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
    const telefoon = width <= 640;
    // On a phone the figures' heading names the date; the banner would cover the small map.
    expect(kaart.banner, 'the banner with the snapshot\'s date').toBe(!telefoon);
    expect(kaart.naast, 'the figures beside the map, below it on a phone').toBe(!telefoon);
    if (telefoon) expect(kaart.vrij.bottom - kaart.vrij.top, 'height of the map above the figures').toBeGreaterThan(height * 0.33);
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
        tabellen: [...el.querySelectorAll('.hs-tabel-rol')].map((rol) => ({
          over: rol.scrollWidth - rol.clientWidth,
          scrollt: getComputedStyle(rol).overflowX === 'auto',
          eersteKolom: getComputedStyle(rol.querySelector('td, th')!).position,
        })),
      }), tekst);
      expect(paneel.breed, `chapter ${code}: figures cut off at the side (px)`).toBeLessThanOrEqual(0);
      // A table fits a beamer; on a phone it may scroll sideways, its first column staying.
      for (const t of paneel.tabellen) {
        if (telefoon) expect(t.scrollt || t.over <= 0, `chapter ${code}: a table cut off`).toBe(true);
        else expect(t.over, `chapter ${code}: a table wider than the figures (px)`).toBeLessThanOrEqual(0);
        if (t.over > 0) expect(t.eersteKolom, `chapter ${code}: the first column stays while the table scrolls`).toBe('sticky');
      }
      // The current chapter is in view in the chapter bar (a phone has no room for the names: its heading says it).
      const balk = await page.locator('.presentatie-nav ol').evaluate((ol) => {
        const knop = ol.querySelector('button.actief')!.getBoundingClientRect();
        const box = ol.getBoundingClientRect();
        return { links: knop.left - box.left, rechts: box.right - knop.right, zichtbaar: box.width > 0 };
      });
      expect(balk.zichtbaar, 'the chapter names in the bar').toBe(!telefoon);
      if (balk.zichtbaar) expect(Math.min(balk.links, balk.rechts), `chapter ${code}: its name in the chapter bar in view (px)`).toBeGreaterThanOrEqual(-1);
      expect(paneel.klein, `chapter ${code}`).toEqual([]);
      // (A phone scrolls its figures; a beamer has nobody to scroll.)
      if (code === 'regio' && !telefoon) expect(paneel.hoog, 'the region\'s key figures in view without scrolling (px)').toBeLessThanOrEqual(0);
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${SCREENSHOTS}/67-beamer-${naam}-${i + 1}-${code}.png` });
      await page.keyboard.press('PageDown');
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
