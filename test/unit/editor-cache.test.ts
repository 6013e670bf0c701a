// Saved features go into the TanStack caches (web/api/edits.ts putFeatures) instead of
// the whole layer being fetched again.
import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { putFeatures } from '../../web/api/edits.ts';
import { queryKeys } from '../../web/api/hooks.ts';
import type { LayerCollection, LayerFeature } from '../../web/api/layers.ts';

const feature = (id: number, naam: string, extra: Record<string, unknown> = {}) => ({
  type: 'Feature', id, geometry: { type: 'Polygon', coordinates: [[[4.5, 52.1], [4.51, 52.1], [4.51, 52.11], [4.5, 52.1]]] },
  properties: { id, naam, version: 1, ...extra },
}) as unknown as LayerFeature<'transformaties'>;

describe('editor cache', () => {
  it('replaces a saved feature in the loaded layer, adds a new one, and keeps the others', () => {
    const client = new QueryClient();
    const layer: LayerCollection<'transformaties'> = { type: 'FeatureCollection', features: [feature(1, 'A'), feature(2, 'B')] };
    client.setQueryData(queryKeys.layer('transformaties'), layer);
    putFeatures(client, 'transformaties', [feature(2, 'B2'), feature(3, 'C')]);
    const after = client.getQueryData<LayerCollection<'transformaties'>>(queryKeys.layer('transformaties'))!;
    expect(after.features.map((f) => [f.id, f.properties.naam])).toEqual([[1, 'A'], [2, 'B2'], [3, 'C']]);
    expect(after.features[0]).toBe(layer.features[0]);
    expect(client.getQueryData<LayerFeature>(queryKeys.feature('transformaties', 3))?.properties.naam).toBe('C');
  });

  it('keeps confidential properties and write findings out of the layer list, but in the record', () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.layer('transformaties'), { type: 'FeatureCollection', features: [] });
    const saved = { ...feature(5, 'E', { zittende_bedrijven: [{ naam: 'Smid', gebruikspositie: 'huurder' }] }), waarschuwingen: [] };
    putFeatures(client, 'transformaties', [saved]);
    const listed = client.getQueryData<LayerCollection<'transformaties'>>(queryKeys.layer('transformaties'))!.features[0];
    expect(listed.properties).not.toHaveProperty('zittende_bedrijven');
    expect(listed).not.toHaveProperty('waarschuwingen');
    expect(client.getQueryData<LayerFeature<'transformaties'>>(queryKeys.feature('transformaties', 5))?.properties.zittende_bedrijven).toHaveLength(1);
  });

  it('leaves a layer that was never loaded alone', () => {
    const client = new QueryClient();
    putFeatures(client, 'transformaties', [feature(1, 'A')]);
    expect(client.getQueryData(queryKeys.layer('transformaties'))).toBeUndefined();
  });
});
