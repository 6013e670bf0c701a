// The map layers as vector tiles (server/tiles): each layer's TileJSON names the tile
// URL of its current version, so a write (after which the web app invalidates the
// layer's TileJSON, web/api/edits.ts, or all the layer's queries, keys ['layer', <layer>, …])
// brings a new URL and MapLibre loads the new tiles; unchanged layers keep theirs.
import { useQueries } from '@tanstack/react-query';
import type { VectorSourceSpecification } from 'maplibre-gl';
import { getJson } from '../api/client.ts';
import { LAYER_NAMES, type LayerName } from '../api/layers.ts';
import { toTileScheme } from './network-retry.ts';

/** TileJSON 3.0 of a layer (GET /tiles/<layer>.json) with its version and feature count (the layer panel shows it). */
export interface TileLayerInfo {
  tilejson: string;
  name: LayerName;
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  vector_layers: { id: string }[];
  versie: number;
  aantal: number;
}

/** Under the layer's own keys, so every invalidation of a layer refreshes its tiles too. */
export const tileInfoKey = (layer: LayerName) => ['layer', layer, 'tegels'] as const;

/** The source layer of a layer's labels in its tiles (gemeenten and terreinen). */
export const labelSourceLayer = (layer: LayerName) => `${layer}_label`;

/** Every layer's TileJSON; `data` holds each as soon as it has arrived. */
export function useTileLayers() {
  return useQueries({
    queries: LAYER_NAMES.map((layer) => ({
      queryKey: tileInfoKey(layer),
      queryFn: ({ signal }: { signal: AbortSignal }) => getJson<TileLayerInfo>(`/tiles/${layer}.json`, signal),
      staleTime: Infinity,
      refetchOnWindowFocus: false,
    })),
    combine: (results) => {
      const data: Partial<Record<LayerName, TileLayerInfo>> = {};
      const errors: { layer: LayerName; error: Error }[] = [];
      results.forEach((r, i) => {
        if (r.data) data[LAYER_NAMES[i]] = r.data;
        if (r.error) errors.push({ layer: LAYER_NAMES[i], error: r.error });
      });
      return { data, errors, allLoaded: results.every((r) => r.isSuccess) };
    },
  });
}

/** The tile URLs of a layer, absolute, in the tegel:// scheme (loaded with retries, see network-retry.ts). */
export const tileUrls = (info: TileLayerInfo, origin = window.location.origin) =>
  info.tiles.map((t) => toTileScheme(t.startsWith('/') ? `${origin}${t}` : t));

export function tileSource(info: TileLayerInfo): VectorSourceSpecification {
  return { type: 'vector', tiles: tileUrls(info), minzoom: info.minzoom, maxzoom: info.maxzoom };
}
