// React Query hooks over the typed API client. Reference data and layers change
// rarely during a session, so they are cached without refetching on focus; writes
// put what they saved into these caches (edits.ts) instead of refetching a layer.
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, http } from './http.ts';
import { LAYER_NAMES, type LayerCollection, type LayerFeature, type LayerName } from './layers.ts';

const STATIC = { staleTime: Infinity, refetchOnWindowFocus: false } as const;

export const queryKeys = {
  config: ['config'] as const,
  milieucategorieen: ['milieucategorieen'] as const,
  layer: (layer: LayerName) => ['layer', layer] as const,
  feature: (layer: LayerName, id: number) => ['layer', layer, id] as const,
};

/** The path of a layer; the one place a layer name becomes a URL of the contract. */
export const layerPath = <L extends LayerName>(layer: L) => `/api/${layer}` as `/api/${LayerName}`;

export async function fetchLayer<L extends LayerName>(layer: L, signal?: AbortSignal): Promise<LayerCollection<L>> {
  return call(http.GET(layerPath(layer), { signal })) as Promise<LayerCollection<L>>;
}

export async function fetchFeature<L extends LayerName>(layer: L, id: number, signal?: AbortSignal): Promise<LayerFeature<L>> {
  return call(http.GET(`${layerPath(layer)}/{id}`, { params: { path: { id } }, signal })) as Promise<LayerFeature<L>>;
}

export function useConfig() {
  return useQuery({ queryKey: queryKeys.config, queryFn: ({ signal }) => call(http.GET('/api/config', { signal })), ...STATIC });
}

export function useMilieucategorieen() {
  return useQuery({
    queryKey: queryKeys.milieucategorieen,
    queryFn: ({ signal }) => call(http.GET('/api/milieucategorieen', { signal })),
    ...STATIC,
  });
}

export function useLayer<L extends LayerName>(layer: L) {
  return useQuery({ queryKey: queryKeys.layer(layer), queryFn: ({ signal }) => fetchLayer(layer, signal), ...STATIC });
}

/**
 * One feature by id. Shows the copy from the already loaded layer at once
 * (placeholder), then the authoritative answer of GET /api/<layer>/<id>.
 */
export function useFeature<L extends LayerName>(layer: L, id: number) {
  const client = useQueryClient();
  const fromLayer = (): LayerFeature<L> | undefined =>
    client.getQueryData<LayerCollection<L>>(queryKeys.layer(layer))?.features.find((f) => f.id === id);
  return useQuery<LayerFeature<L>>({
    queryKey: queryKeys.feature(layer, id),
    queryFn: ({ signal }) => fetchFeature(layer, id, signal),
    // (TanStack's placeholder type does not resolve for a generic layer; the value is the layer's feature.)
    placeholderData: fromLayer as () => undefined,
    ...STATIC,
  });
}

export type LoadedLayers = { [L in LayerName]?: LayerCollection<L> };

/** All map layers at once; `data` holds each layer as soon as it has arrived. */
export function useAllLayers() {
  return useQueries({
    queries: LAYER_NAMES.map((layer) => ({
      queryKey: queryKeys.layer(layer),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchLayer(layer, signal),
      ...STATIC,
    })),
    combine: (results) => {
      const data: LoadedLayers = {};
      const errors: { layer: LayerName; error: Error }[] = [];
      results.forEach((r, i) => {
        // Each query i fetched LAYER_NAMES[i], so the pairing is sound.
        if (r.data) (data as Record<LayerName, LayerCollection>)[LAYER_NAMES[i]] = r.data;
        if (r.error) errors.push({ layer: LAYER_NAMES[i], error: r.error });
      });
      return { data, errors, allLoaded: results.every((r) => r.isSuccess) };
    },
  });
}
