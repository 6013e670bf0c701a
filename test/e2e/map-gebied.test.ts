// The map opens on the gemeenten in the database (GET /api/config `gebied`): a region or
// the whole country, not a region written into the app. It stays near that area, and
// the "hele gebied" button returns to it.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { waitForIdle } from './browser.ts';
import { Api, demoAccount } from './fixtures.ts';
import { appSession } from './session.ts';

const baseUrl = inject('baseUrl');

describe.skipIf(!baseUrl)('the area the map opens on', () => {
  let page: Page;
  let errors: string[];
  let gebied: [number, number, number, number];

  appSession(() => demoAccount('stuurgroep'), async (session) => {
    ({ page, errors } = session);
    gebied = (await (await Api.as('stuurgroep')).get<{ gebied: [number, number, number, number] }>('/api/config')).gebied;
  });

  /** How much of the view's padded part (beside the layer panel) the area fills, per axis, on screen. */
  const fill = () => page.evaluate(([w, s, e, n]) => {
    const map = window.__map!;
    const sw = map.project([w, s]);
    const ne = map.project([e, n]);
    const c = map.getContainer();
    // The padding the app fits with on this screen size (web/map/region.ts REGION_PADDING).
    const across = c.clientWidth - 360 - 24;
    const down = c.clientHeight - 24 - 40;
    const bounds = map.getBounds();
    return {
      inside: bounds.contains([w, s]) && bounds.contains([e, n]),
      x: (ne.x - sw.x) / across,
      y: (sw.y - ne.y) / down,
      minZoom: map.getMinZoom(),
      zoom: map.getZoom(),
      limit: map.getMaxBounds()?.toArray().flat() ?? null,
    };
  }, gebied);

  it('fits the gemeenten to the screen beside the layer panel', async () => {
    const first = await fill();
    expect(first.inside).toBe(true);
    // Fitted: the area fills the padded view along one axis (within a few per cent).
    expect(Math.max(first.x, first.y)).toBeGreaterThan(0.95);
    expect(Math.max(first.x, first.y)).toBeLessThanOrEqual(1.01);
    // Zooming out stops beyond the whole area, and panning stays near it (at most its size around it).
    expect(first.minZoom).toBeLessThan(first.zoom);
    const [lw, ls, le, ln] = first.limit!;
    const [w, s, e, n] = gebied;
    expect(lw).toBeLessThanOrEqual(w);
    expect(ls).toBeLessThanOrEqual(s);
    expect(le).toBeGreaterThanOrEqual(e);
    expect(ln).toBeGreaterThanOrEqual(n);
    expect(le - lw).toBeLessThanOrEqual(3 * (e - w) + 1e-9);
    expect(ln - ls).toBeLessThanOrEqual(3 * (n - s) + 1e-9);
    expect(errors.splice(0)).toEqual([]);
  });

  it('returns to the whole area with the map button', async () => {
    await page.evaluate(() => window.__map!.jumpTo({ zoom: 15 }));
    await waitForIdle(page);
    expect((await fill()).inside).toBe(false);
    const moved = page.evaluate(() => new Promise<void>((resolve) => window.__map!.once('moveend', () => resolve())));
    await page.locator('.region-control').click();
    await moved;
    const back = await fill();
    expect(back.inside).toBe(true);
    expect(Math.max(back.x, back.y)).toBeGreaterThan(0.95);
    expect(errors.splice(0)).toEqual([]);
  });
});
