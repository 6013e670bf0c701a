// What the editor snaps to (web/editor/snap-index.ts).
import { describe, expect, it } from 'vitest';
import { buildSnapIndex, snapCandidates } from '../../web/editor/snap-index.ts';
import type { LoadedLayers } from '../../web/api/hooks.ts';

const square = (id: number, x: number, y: number, d = 0.001) => ({
  type: 'Feature' as const, id,
  geometry: { type: 'Polygon' as const, coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] },
  properties: {},
});
const layers = {
  gemeenten: { type: 'FeatureCollection', features: [square(100, 4.4, 52.1, 1)] },
  kavels: { type: 'FeatureCollection', features: [square(1, 4.5, 52.15), square(2, 4.6, 52.15)] },
  terreinen: { type: 'FeatureCollection', features: [square(1, 4.5, 52.15, 0.01)] },
} as unknown as LoadedLayers;

describe('snap index', () => {
  it('holds the polygons of the drawn layers with their boxes, not the gemeenten', () => {
    const index = buildSnapIndex(layers);
    expect(index.map((e) => `${e.layer}:${e.id}`).sort()).toEqual(['kavels:1', 'kavels:2', 'terreinen:1']);
    const box = index.find((e) => e.layer === 'kavels' && e.id === 1)!.box;
    [4.5, 52.15, 4.501, 52.151].forEach((v, i) => expect(box[i]).toBeCloseTo(v, 9));
  });

  it('offers what is in view, without the old shape of the record being edited', () => {
    const index = buildSnapIndex(layers);
    const view: [number, number, number, number] = [4.49, 52.14, 4.52, 52.17];
    expect(snapCandidates(index, view, null)).toHaveLength(2); // kavel 1 and terrein 1; kavel 2 is out of view
    const editing = snapCandidates(index, view, { layer: 'kavels', id: 1 });
    expect(editing).toHaveLength(1);
    expect(editing[0].box[2]).toBeCloseTo(4.51, 9); // the terrein with the same id stays
  });
});
