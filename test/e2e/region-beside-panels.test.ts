// The region stays in view beside an open workspace panel: while the map shows the whole
// region, opening the monitor fits it into the part of the map the panel leaves free (on
// a projector left of the panel, on a phone above the sheet), closing the panel fits it
// to the whole map again, and so does a new window size. Once the user has moved the
// map, a panel leaves the view alone.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, reloadApp, waitForIdle } from './browser.ts';
import { Api, demoAccount } from './fixtures.ts';
import { blockBrowser, SCREENSHOTS } from './session.ts';

const baseUrl = inject('baseUrl');
type Gebied = [number, number, number, number];

/** The region's box on screen, and the open monitor's box (null when closed). */
const onScreen = (page: Page, gebied: Gebied) => page.evaluate(([w, s, e, n]) => {
  const map = window.__map!;
  const box = map.getContainer().getBoundingClientRect();
  const sw = map.project([w, s]);
  const ne = map.project([e, n]);
  const panel = document.querySelector('[data-testid=monitor]')?.getBoundingClientRect() ?? null;
  return {
    region: { left: box.left + sw.x, right: box.left + ne.x, top: box.top + ne.y, bottom: box.top + sw.y },
    map: { left: box.left, right: box.right, top: box.top, bottom: box.bottom },
    panel: panel && { left: panel.left, top: panel.top },
    center: map.getCenter().toArray(),
    zoom: map.getZoom(),
  };
}, gebied);

async function toggleMonitor(page: Page, viaMenu: boolean, open: boolean) {
  if (viaMenu) await page.getByTestId('menu-knop').click();
  await page.getByTestId('monitor-knop').click();
  await page.getByTestId('monitor').waitFor({ state: open ? 'visible' : 'detached' });
  await waitForIdle(page);
}

describe.skipIf(!inject('chromiumPath'))('the region beside an open workspace panel', () => {
  const browser = blockBrowser();
  let gebied: Gebied;
  beforeAll(async () => {
    gebied = (await (await Api.as('stuurgroep')).get<{ gebied: Gebied }>('/api/config')).gebied;
  });
  const openAsStuurgroep = () => openApp(browser(), baseUrl, { account: demoAccount('stuurgroep') });

  it.each([
    { naam: 'projector', width: 1920, height: 1080 },
    { naam: 'tablet', width: 820, height: 1180 },
    { naam: 'telefoon', width: 390, height: 844 },
  ])('fits the region into the part of the map the monitor leaves free, and back when it closes ($naam)', async ({ naam, width, height }) => {
    const menu = width < 900;
    const phone = width <= 700;
    const { page, errors } = await openAsStuurgroep();
    await page.setViewportSize({ width, height });
    await reloadApp(page);

    const initial = await onScreen(page, gebied);
    await toggleMonitor(page, menu, true);
    const open = await onScreen(page, gebied);
    const free = phone
      ? { width: open.map.right - open.map.left, height: open.panel!.top - open.map.top }
      : { width: open.panel!.left - open.map.left, height: open.map.bottom - open.map.top };
    if (phone) {
      expect(open.region.bottom, 'the region\'s south edge above the sheet').toBeLessThanOrEqual(open.panel!.top + 1);
      expect(open.region.top, 'the region\'s north edge below the top bar').toBeGreaterThanOrEqual(open.map.top - 1);
    } else {
      expect(open.region.right, 'the region\'s east edge left of the monitor').toBeLessThanOrEqual(open.panel!.left + 1);
      expect(open.region.left).toBeGreaterThanOrEqual(open.map.left - 1);
    }
    // Fitted, not merely inside: the region fills most of the free part along one axis.
    const fills = Math.max((open.region.right - open.region.left) / free.width, (open.region.bottom - open.region.top) / free.height);
    expect(fills, 'share of the free part the region fills').toBeGreaterThan(0.6);
    await page.screenshot({ path: `${SCREENSHOTS}/62-regio-naast-monitor-${naam}.png` });

    await toggleMonitor(page, menu, false);
    const closed = await onScreen(page, gebied);
    // The view the app opened on, again.
    for (const kant of ['left', 'right', 'top', 'bottom'] as const) expect(closed.region[kant]).toBeCloseTo(initial.region[kant], 0);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('fits the region again when the window changes size (a projector going full screen)', async () => {
    const { page, errors } = await openAsStuurgroep();
    const resized = page.evaluate(() => new Promise<void>((resolve) => window.__map!.once('resize', () => resolve())));
    await page.setViewportSize({ width: 1920, height: 1080 });
    await resized;
    await waitForIdle(page);
    const view = await onScreen(page, gebied);
    // Fitted beside the layer panel (web/map/region.ts REGION_PADDING): the region fills the
    // padded view along one axis, as when the app opens at this size.
    const across = (view.region.right - view.region.left) / (view.map.right - view.map.left - 360 - 24);
    const down = (view.region.bottom - view.region.top) / (view.map.bottom - view.map.top - 24 - 40);
    expect(Math.max(across, down)).toBeGreaterThan(0.95);
    expect(Math.max(across, down)).toBeLessThanOrEqual(1.01);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('fits the region below the editing toolbar on a laptop (1366×768), also after a panel, and selecting a kavel keeps the view', async () => {
    const { page, errors } = await openApp(browser(), baseUrl, { account: demoAccount('werkgroep', 'Leiden'), viewport: { width: 1366, height: 768 } });
    await page.getByTestId('editor-toolbar').waitFor();
    await waitForIdle(page);
    const toolbarBottom = async () => { const b = (await page.getByTestId('editor-toolbar').boundingBox())!; return b.y + b.height; };
    const below = async (wanneer: string) => {
      const view = await onScreen(page, gebied);
      expect(view.region.top, `the region's north edge below the toolbar (${wanneer})`).toBeGreaterThanOrEqual(await toolbarBottom());
      // Fitted, not shrunk: it fills the height between the toolbar and the bottom padding.
      expect((view.region.bottom - view.region.top) / (view.map.bottom - 40 - (await toolbarBottom())), wanneer).toBeGreaterThan(0.9);
      return view;
    };
    const opened = await below('as the app opens');
    await page.screenshot({ path: `${SCREENSHOTS}/66-regio-onder-werkbalk-laptop.png` });
    await toggleMonitor(page, false, true);
    await toggleMonitor(page, false, false);
    await below('after the monitor closed');

    // A kavel selected in the region view: its panel may give the toolbar a second row,
    // but the map does not jump under the user's pointer.
    const before = await onScreen(page, gebied);
    const kavel = await page.evaluate(() => {
      // A point where a kavel is drawn, away from the panels (the map's middle third).
      const map = window.__map!;
      const { clientWidth: w, clientHeight: h } = map.getContainer();
      for (let y = Math.round(h / 3); y < (2 * h) / 3; y += 4) {
        for (let x = Math.round(w / 3); x < (2 * w) / 3; x += 4) {
          if (map.queryRenderedFeatures([x, y], { layers: ['kavels-fill'] }).length) return { x, y };
        }
      }
      return null;
    });
    expect(kavel, 'a kavel on screen').not.toBeNull();
    expect(opened.zoom).toBeCloseTo(before.zoom, 6);
    await page.getByTestId('map').click({ position: kavel! });
    await page.getByTestId('feature-panel').waitFor().catch(() => undefined);
    await waitForIdle(page);
    const after = await onScreen(page, gebied);
    expect(after.zoom).toBeCloseTo(before.zoom, 6);
    expect(after.center[0]).toBeCloseTo(before.center[0], 6);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('keeps the editing toolbar in one row beside the monitor on a 1280×800 laptop, at rest and while drawing', async () => {
    const { page, errors } = await openApp(browser(), baseUrl, { account: demoAccount('werkgroep', 'Leiden'), viewport: { width: 1280, height: 800 } });
    await page.getByTestId('editor-toolbar').waitFor();
    await toggleMonitor(page, false, true);
    const rows = async () => {
      const bar = (await page.getByTestId('editor-toolbar').boundingBox())!;
      const tool = (await page.getByTestId('tool-verwijderen').boundingBox())!;
      return Math.floor(bar.height / tool.height);
    };
    // At rest: the layer choice and the tools; undo and redo (disabled until drawing) give way.
    expect(await rows()).toBe(1);
    expect(await page.getByTestId('editor-layer').isVisible()).toBe(true);
    expect(await page.getByTestId('tool-ongedaan').isVisible()).toBe(false);
    // Drawing: undo, redo and cancel; the fixed layer choice gives way.
    await page.getByTestId('tool-tekenen').click();
    await page.getByTestId('tool-annuleren').waitFor();
    expect(await rows()).toBe(1);
    expect(await page.getByTestId('tool-ongedaan').isVisible()).toBe(true);
    expect(await page.getByTestId('editor-layer').isVisible()).toBe(false);
    await page.screenshot({ path: `${SCREENSHOTS}/68-werkbalk-naast-monitor-1280.png` });
    await page.getByTestId('tool-annuleren').click();
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('leaves the view alone when the user has moved the map', async () => {
    const { page, errors } = await openAsStuurgroep();
    // Zoomed in with the mouse wheel over the map, as a user does.
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
    const startZoom = await page.evaluate(() => window.__map!.getZoom());
    await page.mouse.wheel(0, -600);
    // The wheel zooms with an easing that starts a moment later: wait until it has ended.
    await page.waitForFunction((z) => window.__map!.getZoom() > z + 0.3 && !window.__map!.isMoving(), startZoom);
    await waitForIdle(page);
    const before = await onScreen(page, gebied);
    await toggleMonitor(page, false, true);
    const after = await onScreen(page, gebied);
    expect(after.zoom).toBeCloseTo(before.zoom, 6);
    expect(after.center[0]).toBeCloseTo(before.center[0], 6);
    expect(after.center[1]).toBeCloseTo(before.center[1], 6);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
