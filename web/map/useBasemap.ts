// Queries for the basemap: the configured style (made loadable) and the sea overlay.
import { useQuery } from '@tanstack/react-query';
import type { FeatureCollection } from 'geojson';
import { getJson } from '../api/client.ts';
import { loadBasemapStyle } from './basemap.ts';

export function useBasemapStyle(styleUrl: string | undefined, dropSourceAttribution: boolean) {
  return useQuery({
    queryKey: ['basemap-style', styleUrl, dropSourceAttribution],
    queryFn: () => loadBasemapStyle(styleUrl!, dropSourceAttribution),
    enabled: !!styleUrl,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/** The offline tiles have no sea; the server supplies an approximate sea polygon. */
export function useSea() {
  return useQuery({
    queryKey: ['basemap-sea'],
    queryFn: ({ signal }) => getJson<FeatureCollection>('/basemap/sea.geojson', signal),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    // Without the overlay the map is still usable: do not retry for long.
    retry: 1,
  });
}
