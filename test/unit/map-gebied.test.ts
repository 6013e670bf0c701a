// The map's area rules at national scale: the whole country can be seen and panned.
import { describe, expect, it } from 'vitest';
import { gebiedOf, minZoomFor, panningLimit, REGION_BOUNDS } from '../../web/map/region.ts';

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
