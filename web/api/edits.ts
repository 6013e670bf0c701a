// Writes on the editable layers: create, change, delete, restore, split, merge,
// plus history and the draft check. Every successful write invalidates the layer
// (the map) and the touched features (the side panel), so caches never show a
// stale version.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Geometry, LineString, MultiPolygon, Polygon } from 'geojson';
import { getJson, sendJson } from './client.ts';
import { queryKeys } from './hooks.ts';
import { useMe } from './session.ts';
import type { DraftCheck, HistoryEntry, LayerFeature, LayerName, SavedFeature } from './types.ts';

export const historyKey = (layer: LayerName, id: number) => ['history', layer, id] as const;

/** Refetch the layer, the features and their histories after a write. */
export async function afterWrite(client: QueryClient, layer: LayerName, ids: number[]): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.layer(layer) }),
    ...ids.map((id) => client.invalidateQueries({ queryKey: historyKey(layer, id) })),
  ]);
  // A transformatie changes the netto hectares shown elsewhere; kavels change terrein totals.
  if (layer === 'kavels') await client.invalidateQueries({ queryKey: queryKeys.layer('terreinen') });
  // Transformaties and compensaties make up the hectare balance; a compensatie's area bounds its toewijzingen.
  if (layer === 'transformaties' || layer === 'compensaties') await client.invalidateQueries({ queryKey: ['balans'] });
  if (layer === 'compensaties') await Promise.all(ids.map((id) => client.invalidateQueries({ queryKey: ['toewijzingen', id] })));
}

function useCsrf(): () => string {
  const me = useMe();
  return () => {
    if (!me.data) throw new Error('Niet ingelogd');
    return me.data.csrfToken;
  };
}

export function useCreateFeature(layer: LayerName) {
  const client = useQueryClient();
  const csrf = useCsrf();
  return useMutation({
    mutationFn: (input: { geometry: Polygon | MultiPolygon; properties: Record<string, unknown> }) =>
      sendJson<SavedFeature>('POST', `/api/${layer}`, { type: 'Feature', geometry: input.geometry, properties: input.properties }, csrf()),
    onSuccess: async (saved) => {
      client.setQueryData(queryKeys.feature(layer, saved.id), saved);
      await afterWrite(client, layer, [saved.id]);
    },
  });
}

export interface FeatureChange {
  id: number;
  version: number;
  geometry?: Polygon | MultiPolygon;
  properties?: Record<string, unknown>;
}

export function useUpdateFeature(layer: LayerName) {
  const client = useQueryClient();
  const csrf = useCsrf();
  return useMutation({
    mutationFn: ({ id, ...body }: FeatureChange) => sendJson<SavedFeature>('PATCH', `/api/${layer}/${id}`, body, csrf()),
    onSuccess: async (saved) => {
      client.setQueryData(queryKeys.feature(layer, saved.id), saved);
      await afterWrite(client, layer, [saved.id]);
    },
  });
}

export function useDeleteFeature(layer: LayerName) {
  const client = useQueryClient();
  const csrf = useCsrf();
  return useMutation({
    mutationFn: ({ id, version }: { id: number; version: number }) =>
      sendJson<{ id: number; verwijderd: boolean; status?: string }>('DELETE', `/api/${layer}/${id}?version=${version}`, undefined, csrf()),
    onSuccess: async (result) => {
      if (result.verwijderd) client.removeQueries({ queryKey: queryKeys.feature(layer, result.id) });
      else await client.invalidateQueries({ queryKey: queryKeys.feature(layer, result.id) });
      await afterWrite(client, layer, [result.id]);
    },
  });
}

export function useHistory(layer: LayerName, id: number, enabled = true) {
  return useQuery({
    queryKey: historyKey(layer, id),
    queryFn: ({ signal }) => getJson<HistoryEntry[]>(`/api/${layer}/${id}/history`, signal),
    enabled,
  });
}

export function useRestoreVersion(layer: LayerName) {
  const client = useQueryClient();
  const csrf = useCsrf();
  return useMutation({
    mutationFn: ({ id, version, naar_versie }: { id: number; version: number; naar_versie: number }) =>
      sendJson<LayerFeature>('POST', `/api/${layer}/${id}/restore`, { version, naar_versie }, csrf()),
    onSuccess: async (feature) => {
      client.setQueryData(queryKeys.feature(layer, feature.id), feature);
      await afterWrite(client, layer, [feature.id]);
    },
  });
}

export function useSplitFeature(layer: LayerName) {
  const client = useQueryClient();
  const csrf = useCsrf();
  return useMutation({
    mutationFn: ({ id, version, line }: { id: number; version: number; line: LineString }) =>
      sendJson<{ ids: number[]; features: LayerFeature[] }>('POST', `/api/${layer}/${id}/split`, { version, line }, csrf()),
    onSuccess: async (result) => {
      for (const f of result.features) client.setQueryData(queryKeys.feature(layer, f.id), f);
      await afterWrite(client, layer, result.ids);
    },
  });
}

/** Cut a hole: the server checks it lies inside and that enough remains (and, for a compensatie, its toewijzingen still fit). */
export function useHoleFeature(layer: LayerName) {
  const client = useQueryClient();
  const csrf = useCsrf();
  return useMutation({
    mutationFn: ({ id, version, geometry }: { id: number; version: number; geometry: Polygon }) =>
      sendJson<SavedFeature & { gat_ha: number }>('POST', `/api/${layer}/${id}/hole`, { version, geometry }, csrf()),
    onSuccess: async (saved) => {
      client.setQueryData(queryKeys.feature(layer, saved.id), saved);
      await afterWrite(client, layer, [saved.id]);
    },
  });
}

export function useMergeFeature(layer: LayerName) {
  const client = useQueryClient();
  const csrf = useCsrf();
  return useMutation({
    mutationFn: ({ id, version, met_id, met_version }: { id: number; version: number; met_id: number; met_version: number }) =>
      sendJson<{ id: number; met_id: number; met_status: string; feature: LayerFeature }>(
        'POST', `/api/${layer}/${id}/merge`, { version, met_id, met_version }, csrf()),
    onSuccess: async (result) => {
      client.setQueryData(queryKeys.feature(layer, result.id), result.feature);
      await client.invalidateQueries({ queryKey: queryKeys.feature(layer, result.met_id) });
      await afterWrite(client, layer, [result.id, result.met_id]);
    },
  });
}

/** Server-side checks of a draft polygon (overlap rules, region, gemeente) without saving. */
/** `properties`: what the rules need besides the shape (a transformatie's dates, for R-T1). */
export function checkDraft(layer: LayerName, geometry: Geometry, csrfToken: string, id?: number, properties?: Record<string, unknown>) {
  return sendJson<DraftCheck>('POST', `/api/validatie/${layer}`, { geometry, ...(id ? { id } : {}), ...(properties ? { properties } : {}) }, csrfToken);
}

/**
 * Which editor endpoints the server offers (from its OpenAPI document). Split and
 * merge buttons only show when their route exists, never as dead buttons.
 */
export function useApiCapabilities() {
  return useQuery({
    queryKey: ['openapi-paths'],
    queryFn: async ({ signal }) => {
      const doc = await getJson<{ paths?: Record<string, unknown> }>('/api/openapi.json', signal);
      const paths = Object.keys(doc.paths ?? {});
      const has = (suffix: string) => paths.some((p) => p.endsWith(suffix));
      return { split: has('/{id}/split'), merge: has('/{id}/merge'), hole: has('/{id}/hole'), validatie: paths.some((p) => p.includes('/validatie/')) };
    },
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}
