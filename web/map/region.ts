// The Economie071 region: the six municipalities around Leiden.
import type { LngLatBoundsLike } from 'maplibre-gl';

/** [west, south, east, north] in WGS84. */
export const REGION_BOUNDS: LngLatBoundsLike = [4.35, 52.08, 4.6, 52.25];

/** Keeps the region clear of the floating layer panel on the left. */
export const REGION_PADDING = { top: 24, bottom: 40, left: 360, right: 24 };

/** The width up to which the layer panel is a short list at the top (web/editor/editor-extra.css, phones). */
export const PHONE_MAX_WIDTH = 700;

/** The padding that fits the region to this map: on a phone below the short layer list, elsewhere beside the layer panel. */
export function regionPadding(container: { clientWidth: number; clientHeight: number }) {
  if (container.clientWidth > PHONE_MAX_WIDTH) return REGION_PADDING;
  return { top: Math.round(container.clientHeight * 0.4), bottom: 12, left: 12, right: 12 };
}

/**
 * Panning limit. The offline basemap covers only the region's bbox (its tiles
 * end a little beyond it), so there is nothing to see much further out.
 */
export const MAX_BOUNDS: LngLatBoundsLike = [4.1, 51.96, 4.85, 52.37];

export const MIN_ZOOM = 9;
export const MAX_ZOOM = 18;
