// The region view beside the workspace panels. While the map shows the whole region (as
// it opens, or after the "hele gebied" button) and a workspace panel opens or closes,
// the region is fitted again into the part of the map the panel leaves free: on a
// projector the east of the region no longer hides under the monitor, on a phone the
// strip above the sheet shows the region instead of empty land; so too when the map
// changes size. Once the user (or a highlight) has moved the map, panels and sizes leave
// the view alone.
import type { Map as MapLibreMap, MapLibreEvent } from 'maplibre-gl';
import { panningLimit, regionPadding, regionPaddingBeside, type Gebied, type Rect } from './region.ts';

/** Workspace panels carry this attribute (monitor, vergaderingen, ruimtevragen, uitwisseling). */
export const MAP_PANEL_ATTRIBUTE = 'data-map-panel';

/** Marks our own region fits, so a move by anything else ends the region view. */
const REGION_FIT = { regionFit: true };

function paddingNow(map: MapLibreMap) {
  const container = map.getContainer();
  const box = container.getBoundingClientRect();
  const relative = (r: DOMRect): Rect => ({ left: r.left - box.left, top: r.top - box.top, right: r.right - box.left, bottom: r.bottom - box.top });
  const panels = [...document.querySelectorAll<HTMLElement>(`[${MAP_PANEL_ATTRIBUTE}]`)]
    .map((el) => el.getBoundingClientRect())
    .filter((r) => r.width > 0 && r.height > 0)
    .map(relative);
  const layerList = document.querySelector<HTMLElement>('.layer-panel');
  const layerListShown = !!layerList && layerList.getBoundingClientRect().width > 0;
  return regionPaddingBeside(container, panels, layerListShown);
}

/** Fits the whole region into the part of the map the open panels leave free (a panel opening: at once). */
export function fitRegion(map: MapLibreMap, gebied: Gebied, { animate = false } = {}) {
  const padding = paddingNow(map);
  // Beside a panel the map beyond the region shows under the panel: panning may go that far.
  const beside = JSON.stringify(padding) !== JSON.stringify(regionPadding(map.getContainer()));
  map.setMaxBounds(panningLimit(gebied, beside ? 3 : 1));
  map.fitBounds(gebied, { padding, ...(animate ? {} : { duration: 0 }) }, REGION_FIT);
}

/**
 * Follows the workspace panels under `root` (the map's screen): while the map shows the
 * region, each panel that opens or closes refits it. Returns the disposer.
 */
export function keepRegionBesidePanels(map: MapLibreMap, gebied: Gebied, root: HTMLElement): () => void {
  // The map opens on the region (its `bounds`), so it starts in the region view.
  let regionView = true;
  let beforeMove = regionView;
  let last = JSON.stringify(paddingNow(map));
  const onMoveStart = (e: MapLibreEvent & { regionFit?: boolean }) => {
    beforeMove = regionView;
    regionView = e.regionFit === true;
  };
  // A new size of the map (a window resized, a projector's full screen) fires movestart
  // first: it does not end the region view, it refits it to the new size.
  const onResize = () => {
    regionView = beforeMove;
    if (regionView) fitRegion(map, gebied);
  };
  map.on('movestart', onMoveStart);
  map.on('resize', onResize);
  const observer = new MutationObserver(() => {
    const padding = JSON.stringify(paddingNow(map));
    if (padding === last) return;
    last = padding;
    if (regionView) fitRegion(map, gebied);
  });
  observer.observe(root, { childList: true, subtree: false });
  return () => {
    observer.disconnect();
    map.off('movestart', onMoveStart);
    map.off('resize', onResize);
  };
}
