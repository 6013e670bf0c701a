// Which area the editor fetches records for (web/editor/view-records.ts): the view with
// a margin, kept while the view stays inside it, none when zoomed out too far.
import { describe, expect, it } from 'vitest';
import { areaAround, nextArea, VIEW_RECORDS_MIN_ZOOM } from '../../web/editor/view-records.ts';

type Box = [number, number, number, number];
const view: Box = [4.48, 52.15, 4.5, 52.16];

describe('editor view records area', () => {
  it('widens the view by a quarter of its size on each side, rounded outward', () => {
    const a = areaAround(view);
    expect(a[0]).toBeCloseTo(4.475, 9);
    expect(a[1]).toBeCloseTo(52.1475, 9);
    expect(a[2]).toBeCloseTo(4.505, 9);
    expect(a[3]).toBeCloseTo(52.1625, 9);
    const odd = areaAround([4.123456, 52.123456, 4.123457, 52.123457], 0);
    expect(odd).toEqual([4.1234, 52.1234, 4.1235, 52.1235]);
  });

  it('keeps the last area while the view stays inside it, and takes a new one when it leaves', () => {
    const first = nextArea(null, view, 14)!;
    const panned: Box = [view[0] + 0.004, view[1], view[2] + 0.004, view[3]];
    expect(nextArea(first, panned, 14)).toBe(first);
    const far: Box = [view[0] + 0.05, view[1], view[2] + 0.05, view[3]];
    const second = nextArea(first, far, 14)!;
    expect(second).not.toBe(first);
    expect(second[0]).toBeLessThanOrEqual(far[0]);
    expect(second[2]).toBeGreaterThanOrEqual(far[2]);
  });

  it('fetches nothing below the zoom where snapping makes sense', () => {
    expect(nextArea(null, view, VIEW_RECORDS_MIN_ZOOM - 0.5)).toBeNull();
    expect(nextArea(null, view, VIEW_RECORDS_MIN_ZOOM)).not.toBeNull();
  });
});
