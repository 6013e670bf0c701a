// The meeting queries that the workspace, the presentation and the printed report share.
import { useQuery } from '@tanstack/react-query';
import { call, http } from '../api/http.ts';

/** The meeting's polygons as frozen in its snapshot, for the map: asked once there is a snapshot. */
export function useVergaderingKaart(id: number, snapshot: { id: number } | null) {
  return useQuery({
    queryKey: ['vergadering-kaart', id, snapshot?.id],
    queryFn: ({ signal }) => call(http.GET('/api/vergaderingen/{id}/kaart', { params: { path: { id }, query: { snapshot: snapshot!.id } }, signal })),
    enabled: !!snapshot,
  });
}

/**
 * The comparison with an earlier meeting (`met`), asked only when `enabled`. `sleutel`: what
 * else the caller's answer depends on, so the cache keeps one answer per value (the report's snapshot).
 */
export function useVergelijking(id: number, met: number | undefined, enabled: boolean, sleutel: readonly unknown[] = []) {
  return useQuery({
    queryKey: ['vergelijking', id, met, ...sleutel],
    queryFn: ({ signal }) => call(http.GET('/api/vergaderingen/{id}/vergelijking', { params: { path: { id }, query: { met: met! } }, signal })),
    enabled,
  });
}
