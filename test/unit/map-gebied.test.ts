// The map's area rules at national scale: the whole country can be seen and panned.
import { describe, expect, it } from 'vitest';
import { gebiedOf, minZoomFor, panningLimit, REGION_BOUNDS, REGION_PADDING, regionPaddingBelow, regionPaddingBeside } from '../../web/map/region.ts';

const NEDERLAND: [number, number, number, number] = [3.31, 50.75, 7.23, 53.56];

describe('the area the map opens on', () => {
  it('lets the whole country be seen: zooming out stops one step beyond it, not at region scale', () => {
    // Nederland fills a 1600 px screen at about zoom 6.4; the region at about 11.2.
    expect(minZoomFor(6.4)).toBe(5);
    expect(minZoomFor(11.2)).toBe(9);
    expect(minZoomFor(0.5)).toBe(0);
  });

  it('keeps panning near the area, within the world', () => {
    const [w, s, e, n] = panningLimit(NEDERLAND) as number[];
    expect(w).toBeCloseTo(-0.61, 6);
    expect(s).toBeCloseTo(47.94, 6);
    expect(e).toBeCloseTo(11.15, 6);
    expect(n).toBeCloseTo(56.37, 6);
    expect(panningLimit([-170, -80, 170, 80])).toEqual([-180, -85, 180, 85]);
  });

  it('falls back to the Economie071 region without gemeenten', () => {
    expect(gebiedOf(null)).toEqual(REGION_BOUNDS);
    expect(gebiedOf([1, 2, 3])).toEqual(REGION_BOUNDS);
    expect(gebiedOf(NEDERLAND)).toEqual(NEDERLAND);
  });
});

describe('the region beside an open workspace panel', () => {
  const projector = { clientWidth: 1920, clientHeight: 1016 };
  const phone = { clientWidth: 390, clientHeight: 780 };

  it('keeps clear of a panel on the right, beside the layer panel', () => {
    // The monitor: 560 px wide, 12 px from the map's right edge.
    const p = regionPaddingBeside(projector, [{ left: 1348, top: 12, right: 1908, bottom: 1004 }], true);
    expect(p).toEqual({ ...REGION_PADDING, right: 1920 - 1348 + 24 });
  });

  it('uses the room of the layer list where it steps aside beside the panel (a tablet)', () => {
    const tablet = { clientWidth: 820, clientHeight: 1116 };
    // The monitor takes the right 40 %.
    const panel = { left: 504, top: 12, right: 808, bottom: 1104 };
    expect(regionPaddingBeside(tablet, [panel], false)).toEqual({ ...REGION_PADDING, left: 24, right: 820 - 504 + 24 });
    // With the layer list still there, 120 px would be left: too little to fit into.
    expect(regionPaddingBeside(tablet, [panel], true)).toEqual(REGION_PADDING);
  });

  it('fits above a sheet at the bottom of a phone, where the layer list has stepped aside', () => {
    const sheet = { left: 0, top: 296, right: 390, bottom: 780 };
    expect(regionPaddingBeside(phone, [sheet], false)).toEqual({ top: 12, bottom: 780 - 296 + 12, left: 12, right: 12 });
    // With the layer list still at the top there is no room: the plain region padding.
    expect(regionPaddingBeside(phone, [sheet], true)).toEqual({ top: 312, bottom: 12, left: 12, right: 12 });
  });

  it('fits below the editing toolbar along the top, beside a panel too', () => {
    const laptop = { clientWidth: 1366, clientHeight: 704 };
    const toolbar = { left: 352, top: 16, right: 1112, bottom: 61 };
    expect(regionPaddingBelow(laptop, [toolbar])).toEqual({ ...REGION_PADDING, top: 61 + 12 });
    const monitor = { left: 806, top: 12, right: 1354, bottom: 692 };
    expect(regionPaddingBeside(laptop, [monitor], true, [toolbar])).toEqual({ ...REGION_PADDING, top: 73, right: 1366 - 806 + 24 });
    // A bar lower down (not along the top) and a phone's padding below its layer list stay as they are.
    expect(regionPaddingBelow(laptop, [{ ...toolbar, top: 400, bottom: 445 }])).toEqual(REGION_PADDING);
    expect(regionPaddingBelow(phone, [{ left: 8, top: 8, right: 382, bottom: 52 }])).toEqual({ top: 312, bottom: 12, left: 12, right: 12 });
  });

  it('falls back to the plain padding under a panel that covers the map, and without panels', () => {
    expect(regionPaddingBeside(phone, [{ left: 8, top: 8, right: 382, bottom: 772 }], false)).toEqual({ top: 312, bottom: 12, left: 12, right: 12 });
    expect(regionPaddingBeside(projector, [], true)).toEqual(REGION_PADDING);
  });
});
