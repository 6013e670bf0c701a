// Loads the configured basemap style and makes it usable from this origin.
import type { StyleSpecification, SourceSpecification } from 'maplibre-gl';
import { getJson } from '../api/client.ts';

/**
 * pmtiles://file.pmtiles in the offline style means "next to the style on our
 * server"; MapLibre needs an absolute URL, so resolve it against /basemap/.
 * Absolute pmtiles:// URLs (pmtiles://https://…) are left alone.
 */
export function resolvePmtilesUrl(url: string, origin: string): string {
  const prefix = 'pmtiles://';
  if (!url.startsWith(prefix)) return url;
  const rest = url.slice(prefix.length);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(rest)) return url;
  const path = rest.replace(/^\.?\//, '');
  return `${prefix}${origin}/basemap/${path}`;
}

/**
 * Rewrites relative pmtiles URLs. When the server supplies an attribution list,
 * that list is the single source of attribution (shown by the AttributionControl),
 * so per-source attributions are dropped to avoid printing OSM twice.
 */
export function prepareStyle(style: StyleSpecification, origin: string, dropSourceAttribution: boolean): StyleSpecification {
  const sources: Record<string, SourceSpecification> = {};
  for (const [id, source] of Object.entries(style.sources)) {
    const copy = { ...source } as SourceSpecification & { url?: string; tiles?: string[]; attribution?: string };
    if (typeof copy.url === 'string') copy.url = resolvePmtilesUrl(copy.url, origin);
    if (Array.isArray(copy.tiles)) copy.tiles = copy.tiles.map((u) => resolvePmtilesUrl(u, origin));
    if (dropSourceAttribution) delete copy.attribution;
    sources[id] = copy;
  }
  return { ...style, sources };
}

export async function loadBasemapStyle(styleUrl: string, dropSourceAttribution: boolean): Promise<StyleSpecification> {
  const absolute = new URL(styleUrl, window.location.href).href;
  const style = await getJson<StyleSpecification>(absolute);
  return prepareStyle(style, window.location.origin, dropSourceAttribution);
}

/** Water colour of the basemap, so the sea overlay matches whatever style is configured. */
export function basemapWaterColor(style: StyleSpecification, fallback = '#aad3df'): string {
  for (const layer of style.layers) {
    if (layer.type === 'fill' && /water/i.test(layer.id)) {
      const color = layer.paint?.['fill-color'];
      if (typeof color === 'string') return color;
    }
  }
  return fallback;
}
