// The region view beside the workspace panels. While the map shows the whole region (as
// it opens, or after the "hele gebied" button) and a workspace panel opens or closes,
// the region is fitted again into the part of the map the panel leaves free: on a
// projector the east of the region no longer hides under the monitor, on a phone the
// strip above the sheet shows the region instead of empty land; so too when the map
// changes size. The region lies below the editing toolbar too. Once the user (or a
// highlight) has moved the map, panels and sizes leave the view alone.
import type { Map as MapLibreMap, MapLibreEvent } from 'maplibre-gl';
import { panningLimit, regionPaddingBelow, regionPaddingBeside, type Gebied, type Rect } from './region.ts';

/** Workspace panels carry this attribute (monitor, vergaderingen, ruimtevragen, uitwisseling). */
export const MAP_PANEL_ATTRIBUTE = 'data-map-panel';

/** Marks our own region fits, so a move by anything else ends the region view. */
const REGION_FIT = { regionFit: true };

/** Whatever shows the map its own way (a presentation) carries this attribute: the region view stands aside. */
export const MAP_VIEW_OWNER_ATTRIBUTE = 'data-map-view-owner';
const ownedElsewhere = () => document.querySelector(`[${MAP_VIEW_OWNER_ATTRIBUTE}]`) !== null;

/** Bars along the top of the map carry this attribute (the editing toolbar): the region is fitted below them. */
export const MAP_BAR_ATTRIBUTE = 'data-map-bar';

const shown = (selector: string) => [...document.querySelectorAll<HTMLElement>(selector)]
  .map((el) => el.getBoundingClientRect())
  .filter((r) => r.width > 0 && r.height > 0);

/** What lies over the map now: the workspace panels and the bars, relative to the map. */
function overMap(map: MapLibreMap) {
  const container = map.getContainer();
  const box = container.getBoundingClientRect();
  const relative = (r: DOMRect): Rect => ({ left: r.left - box.left, top: r.top - box.top, right: r.right - box.left, bottom: r.bottom - box.top });
  const layerList = document.querySelector<HTMLElement>('.layer-panel');
  return {
    container,
    panels: shown(`[${MAP_PANEL_ATTRIBUTE}]`).map(relative),
    bars: shown(`[${MAP_BAR_ATTRIBUTE}]`).map(relative),
    layerListShown: !!layerList && layerList.getBoundingClientRect().width > 0,
  };
}

/**
 * What refits the region view: a panel opening or closing, a bar appearing or going.
 * Not a bar's height: the toolbar takes a second row when a record's panel opens, and
 * selecting a record must not move the map.
 */
function layoutKey(map: MapLibreMap) {
  const { container, panels, bars, layerListShown } = overMap(map);
  return `${JSON.stringify(regionPaddingBeside(container, panels, layerListShown))} ${bars.length}`;
}

/** Fits the whole region into the part of the map the open panels leave free (a panel opening: at once). */
export function fitRegion(map: MapLibreMap, gebied: Gebied, { animate = false } = {}) {
  const { container, panels, bars, layerListShown } = overMap(map);
  const padding = regionPaddingBeside(container, panels, layerListShown, bars);
  // Beside a panel the map beyond the region shows under the panel: panning may go that far.
  const beside = JSON.stringify(padding) !== JSON.stringify(regionPaddingBelow(container, bars));
  map.setMaxBounds(panningLimit(gebied, beside ? 3 : 1));
  map.fitBounds(gebied, { padding, ...(animate ? {} : { duration: 0 }) }, REGION_FIT);
}

/**
 * Follows the workspace panels and bars under `root` (the map's screen): while the map
 * shows the region, each panel that opens or closes, and a bar that appears or goes,
 * refits it. Returns the disposer.
 */
export function keepRegionBesidePanels(map: MapLibreMap, gebied: Gebied, root: HTMLElement): () => void {
  // The map opens on the region (its `bounds`), so it starts in the region view.
  let regionView = true;
  let beforeMove = regionView;
  let last = layoutKey(map);
  const onMoveStart = (e: MapLibreEvent & { regionFit?: boolean }) => {
    beforeMove = regionView;
    regionView = e.regionFit === true;
  };
  // A new size of the map (a window resized, a projector's full screen) fires movestart
  // first: it does not end the region view, it refits it to the new size.
  const onResize = () => {
    regionView = beforeMove && !ownedElsewhere();
    if (regionView) fitRegion(map, gebied);
  };
  map.on('movestart', onMoveStart);
  map.on('resize', onResize);
  const observer = new MutationObserver(() => {
    const now = layoutKey(map);
    if (now === last) return;
    last = now;
    // A presentation starting ends the region view: afterwards the map stays where it was shown.
    if (ownedElsewhere()) regionView = false;
    if (regionView) fitRegion(map, gebied);
  });
  observer.observe(root, { childList: true, subtree: false });
  return () => {
    observer.disconnect();
    map.off('movestart', onMoveStart);
    map.off('resize', onResize);
  };
}
