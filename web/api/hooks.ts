// React Query hooks over the typed API client. Reference data and layers change
// rarely during a session, so they are cached without refetching on focus; writes
// put what they saved into these caches (edits.ts) instead of refetching a layer.
// The big layers are never downloaded whole (the map draws them from vector tiles):
// the app asks for records by id, within a box, or for the box around records.
import { keepPreviousData, useQueries, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { call, http } from './http.ts';
import { LAYER_NAMES, type LayerCollection, type LayerFeature, type LayerName } from './layers.ts';

const STATIC = { staleTime: Infinity, refetchOnWindowFocus: false } as const;

/** [west, south, east, north] in WGS84. */
export type Box = [number, number, number, number];

/** Most ids one request may name (server/http/schemas.ts MAX_IDS): longer lists go in parts. */
export const MAX_IDS = 500;

/**
 * Everything about a layer lives under ['layer', <layer>, …], so invalidating a layer
 * (after an import or a match) refreshes its records, its lists and its tiles at once.
 */
export const queryKeys = {
  config: ['config'] as const,
  milieucategorieen: ['milieucategorieen'] as const,
  layer: (layer: LayerName) => ['layer', layer] as const,
  feature: (layer: LayerName, id: number) => ['layer', layer, id] as const,
  /** The records with these ids (sorted, without doubles). */
  ids: (layer: LayerName, ids: readonly number[]) => ['layer', layer, 'ids', ids.join(',')] as const,
  /** The records meeting a box (the editor's view). */
  box: (layer: LayerName, box: Box) => ['layer', layer, 'box', box.join(',')] as const,
};

/** The path of a layer; the one place a layer name becomes a URL of the contract. */
export const layerPath = <L extends LayerName>(layer: L) => `/api/${layer}` as `/api/${LayerName}`;

/** A whole layer: only for the small ones (gemeenten) and lists that need every record. */
export async function fetchLayer<L extends LayerName>(layer: L, signal?: AbortSignal): Promise<LayerCollection<L>> {
  return call(http.GET(layerPath(layer), { signal })) as Promise<LayerCollection<L>>;
}

export async function fetchFeature<L extends LayerName>(layer: L, id: number, signal?: AbortSignal): Promise<LayerFeature<L>> {
  return call(http.GET(`${layerPath(layer)}/{id}`, { params: { path: { id } }, signal })) as Promise<LayerFeature<L>>;
}

/** Splits a list of ids into the parts one request may name. */
export function inParts(ids: readonly number[], size = MAX_IDS): number[][] {
  const parts: number[][] = [];
  for (let i = 0; i < ids.length; i += size) parts.push(ids.slice(i, i + size));
  return parts;
}

/** Sorted and without doubles: one cache entry per set of ids. */
export const idSet = (ids: Iterable<number>) => [...new Set(ids)].sort((a, b) => a - b);

/** The records of a layer with the given ids (the list route's `ids`, in parts). */
export async function fetchByIds<L extends LayerName>(layer: L, ids: readonly number[], signal?: AbortSignal): Promise<LayerCollection<L>> {
  const parts = await Promise.all(inParts(ids).map((part) =>
    call(http.GET(layerPath(layer), { params: { query: { ids: part.join(',') } }, signal })) as Promise<LayerCollection<L>>));
  return { type: 'FeatureCollection', features: parts.flatMap((p) => p.features) };
}

/** The records of a layer meeting a box (the list route's `bbox`). */
export async function fetchInBox<L extends LayerName>(layer: L, box: Box, signal?: AbortSignal): Promise<LayerCollection<L>> {
  return call(http.GET(layerPath(layer), { params: { query: { bbox: box.join(',') } }, signal })) as Promise<LayerCollection<L>>;
}

/** The records with these ids, from the cache when it has them (invalidated with their layer). */
export function loadByIds<L extends LayerName>(client: QueryClient, layer: L, ids: Iterable<number>): Promise<LayerCollection<L>> {
  const set = idSet(ids);
  if (!set.length) return Promise.resolve({ type: 'FeatureCollection', features: [] });
  return client.fetchQuery({ queryKey: queryKeys.ids(layer, set), queryFn: ({ signal }) => fetchByIds(layer, set, signal), staleTime: Infinity });
}

/** The box around records of several layers (GET /api/lagen/omvang, in parts), or null when none exists. */
export async function fetchExtent(ids: { [L in LayerName]?: readonly number[] }, signal?: AbortSignal): Promise<Box | null> {
  const lists = LAYER_NAMES.map((layer) => [layer, idSet(ids[layer] ?? [])] as const).filter(([, list]) => list.length);
  const requests: Partial<Record<LayerName, string>>[] = [];
  for (const [layer, list] of lists) {
    inParts(list).forEach((part, i) => {
      (requests[i] ??= {})[layer] = part.join(',');
    });
  }
  const answers = await Promise.all(requests.map((query) => call(http.GET('/api/lagen/omvang', { params: { query }, signal }))));
  const boxes = answers.map((a) => a.bbox).filter((b): b is Box => !!b);
  if (!boxes.length) return null;
  return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
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

/** A whole layer: for the small ones (gemeenten) and lists that need every record. */
export function useLayer<L extends LayerName>(layer: L, enabled = true) {
  return useQuery({ queryKey: queryKeys.layer(layer), queryFn: ({ signal }) => fetchLayer(layer, signal), enabled, ...STATIC });
}

const isCollection = (data: unknown): data is LayerCollection =>
  typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'FeatureCollection';

/** Every list of a layer the cache holds (the whole layer, by ids, in a box). */
export function cachedCollections<L extends LayerName>(client: QueryClient, layer: L): [readonly unknown[], LayerCollection<L>][] {
  return client.getQueriesData<unknown>({ queryKey: queryKeys.layer(layer) })
    .filter((entry): entry is [readonly unknown[], LayerCollection<L>] => isCollection(entry[1]));
}

/** A record as the cache has it: its own answer, else a copy in one of the layer's lists. */
export function cachedFeature<L extends LayerName>(client: QueryClient, layer: L, id: number): LayerFeature<L> | undefined {
  const own = client.getQueryData<LayerFeature<L>>(queryKeys.feature(layer, id));
  if (own) return own;
  for (const [, list] of cachedCollections(client, layer)) {
    const found = list.features.find((f) => f.id === id);
    if (found) return found;
  }
  return undefined;
}

/**
 * One feature by id. Shows a copy from a list the cache already holds at once
 * (placeholder), then the authoritative answer of GET /api/<layer>/<id>.
 */
export function useFeature<L extends LayerName>(layer: L, id: number | null | undefined) {
  const client = useQueryClient();
  const known = id ?? 0;
  const fromLists = (): LayerFeature<L> | undefined => {
    if (id == null) return undefined;
    for (const [, list] of cachedCollections(client, layer)) {
      const found = list.features.find((f) => f.id === id);
      if (found) return found;
    }
    return undefined;
  };
  return useQuery<LayerFeature<L>>({
    queryKey: queryKeys.feature(layer, known),
    queryFn: ({ signal }) => fetchFeature(layer, known, signal),
    enabled: id != null,
    // (TanStack's placeholder type does not resolve for a generic layer; the value is the layer's feature.)
    placeholderData: fromLists as () => undefined,
    ...STATIC,
  });
}

export type LoadedLayers = { [L in LayerName]?: LayerCollection<L> };

/**
 * The records of some layers meeting a box, fetched when `box` is given (null: none);
 * while a new box loads, the records of the previous one stay.
 */
export function useRecordsInBox(layers: readonly LayerName[], box: Box | null) {
  return useQueries({
    queries: layers.map((layer) => ({
      queryKey: box ? queryKeys.box(layer, box) : ['layer', layer, 'box', 'geen'],
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchInBox(layer, box!, signal),
      enabled: !!box,
      placeholderData: keepPreviousData,
      ...STATIC,
    })),
    combine: (results) => {
      const data: LoadedLayers = {};
      results.forEach((r, i) => {
        // Each query i fetched layers[i], so the pairing is sound.
        if (r.data) (data as Record<LayerName, LayerCollection>)[layers[i]] = r.data;
      });
      return data;
    },
  });
}
