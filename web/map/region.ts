// The area the map opens on and stays near: the gemeenten in the database (the server's
// /api/config `gebied`), a region or the whole country; the Economie071 region (the six
// municipalities around Leiden) before that is known.
import type { LngLatBoundsLike } from 'maplibre-gl';

/** [west, south, east, north] in WGS84. */
export type Gebied = [number, number, number, number];

/** The Economie071 region, when the database names no gemeenten. */
export const REGION_BOUNDS: Gebied = [4.35, 52.08, 4.6, 52.25];

/** The server's `gebied` (its schema says four numbers; the generated type says a list). */
export const gebiedOf = (box: readonly number[] | null | undefined): Gebied =>
  box?.length === 4 ? [box[0]!, box[1]!, box[2]!, box[3]!] : REGION_BOUNDS;

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
 * Panning limit: the area and once its size around it on every side. Further out there
 * is nothing of ours to see (and the offline basemap ends a little beyond the region).
 * `around` widens it: a region fitted above a phone's sheet has the map below it, under the sheet.
 */
export function panningLimit([w, s, e, n]: Gebied, around = 1): LngLatBoundsLike {
  const dx = (e - w) * around;
  const dy = (n - s) * around;
  return [Math.max(-180, w - dx), Math.max(-85, s - dy), Math.min(180, e + dx), Math.min(85, n + dy)];
}

/** Zooming out stops one step beyond the view of the whole area, and never closer than this. */
export const MIN_ZOOM = 9;

export const minZoomFor = (zoomOfWholeArea: number) => Math.max(0, Math.min(MIN_ZOOM, Math.floor(zoomOfWholeArea) - 1));
export const MAX_ZOOM = 18;

/** A rectangle on screen, relative to the map's container. */
export interface Rect { left: number; top: number; right: number; bottom: number }

type Padding = { top: number; bottom: number; left: number; right: number };

/**
 * The region padding below the bars along the top of the map (the editing toolbar): on
 * a laptop the toolbar otherwise covers the north of the region (Katwijk).
 */
export function regionPaddingBelow(container: { clientWidth: number; clientHeight: number }, bars: readonly Rect[]): Padding {
  const padding = { ...regionPadding(container) };
  for (const b of bars) if (b.top <= container.clientHeight * 0.2) padding.top = Math.max(padding.top, Math.round(b.bottom) + 12);
  return padding;
}

/**
 * The padding that fits the region into what open workspace panels leave of the map:
 * beside a panel on the right (desktop, tablet), above a sheet at the bottom (phone,
 * where the layer list steps aside while it is open). A panel that covers nearly the
 * whole map leaves nothing to fit into: the plain region padding then.
 */
export function regionPaddingBeside(
  container: { clientWidth: number; clientHeight: number }, panels: readonly Rect[], layerListShown: boolean, bars: readonly Rect[] = [],
): Padding {
  const { clientWidth: w, clientHeight: h } = container;
  const base = regionPaddingBelow(container, bars);
  const padding = { ...base };
  for (const p of panels) {
    if (p.left >= w * 0.3 && p.top <= h * 0.2) {
      padding.right = Math.max(padding.right, w - p.left + 24);
      // Tablets: the layer list on the left steps aside while such a panel is open.
      if (!layerListShown) padding.left = 24;
    } else if (p.top >= h * 0.2 && p.left <= w * 0.1) {
      padding.bottom = Math.max(padding.bottom, h - p.top + 12);
      if (!layerListShown) padding.top = 12;
    }
  }
  const roomy = w - padding.left - padding.right >= Math.max(160, w * 0.25) && h - padding.top - padding.bottom >= Math.max(120, h * 0.2);
  return roomy ? padding : base;
}
