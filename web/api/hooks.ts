// React Query hooks over the API client. Reference data and layers change
// rarely during a session, so they are cached without refetching on focus.
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { LAYER_NAMES, type LayerCollection, type LayerFeature, type LayerName } from './types.ts';

const STATIC = { staleTime: Infinity, refetchOnWindowFocus: false } as const;

export const queryKeys = {
  config: ['config'] as const,
  milieucategorieen: ['milieucategorieen'] as const,
  layer: (layer: LayerName) => ['layer', layer] as const,
  feature: (layer: LayerName, id: number) => ['layer', layer, id] as const,
};

export function useConfig() {
  return useQuery({ queryKey: queryKeys.config, queryFn: ({ signal }) => api.config(signal), ...STATIC });
}

export function useMilieucategorieen() {
  return useQuery({
    queryKey: queryKeys.milieucategorieen,
    queryFn: ({ signal }) => api.milieucategorieen(signal),
    ...STATIC,
  });
}

export function useLayer<L extends LayerName>(layer: L) {
  return useQuery({
    queryKey: queryKeys.layer(layer),
    queryFn: ({ signal }) => api.layer(layer, signal),
    ...STATIC,
  });
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
    queryFn: ({ signal }) => api.feature(layer, id, signal),
    placeholderData: fromLayer,
    ...STATIC,
  });
}

export type LoadedLayers = { [L in LayerName]?: LayerCollection<L> };

/** All map layers at once; `data` holds each layer as soon as it has arrived. */
export function useAllLayers() {
  return useQueries({
    queries: LAYER_NAMES.map((layer) => ({
      queryKey: queryKeys.layer(layer),
      queryFn: ({ signal }: { signal: AbortSignal }) => api.layer(layer, signal),
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
