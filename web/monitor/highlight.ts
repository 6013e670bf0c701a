// Shows the polygons behind a figure: marks them on the map (the 'selected'
// feature-state the layer styles already draw) and fits the view to them. The map
// draws the records from tiles, so marking needs only their ids; for fitting, the
// box around them comes from shapes the caller already has (a past peildatum's
// polygons) or else from the server (GET /api/lagen/omvang), never a whole layer.
import type { Map as MapLibreMap, LngLatBoundsLike } from 'maplibre-gl';
import { bbox } from '@turf/turf';
import type { Schemas } from '../api/http.ts';
import { fetchExtent, type Box } from '../api/hooks.ts';
import type { LayerName } from '../api/layers.ts';
import { featureTarget, isPastLayer } from '../map/layers.ts';

type Ids = Schemas['BronIds'];
/**
 * Polygons the caller already has, by layer: those on a past peildatum (GET /api/balans/kaart).
 * A layer given here is taken as complete; the records of other layers are looked up on the server.
 */
export type Vlakken = { [L in LayerName]?: { features: { id: number; geometry: Schemas['Vlak'] }[] } };

const LAYER_OF: Partial<Record<keyof Ids, LayerName>> = {
  transformatie: 'transformaties', compensatie: 'compensaties', kavel: 'kavels', terrein: 'terreinen',
};

let marked: { layer: LayerName; id: number }[] = [];
/** Only the newest call fits the map: an older one whose box arrives later is dropped. */
let call = 0;

/** A feature's state on its tiles and, for the layers a past peildatum shows, on that date's overlay too. */
function mark(map: MapLibreMap, layer: LayerName, id: number, selected: boolean) {
  map.setFeatureState(featureTarget(layer, id), { selected });
  if (isPastLayer(layer)) map.setFeatureState(featureTarget(layer, id, true), { selected });
}

/** Keeps clear of the panels: the monitor on the right, or (on phones) the lower part of the screen. */
function fit(map: MapLibreMap, [w, s, e, n]: Box) {
  const { clientWidth: b, clientHeight: h } = map.getContainer();
  const padding = b < 700
    ? { top: 70, bottom: Math.round(h * 0.62) + 20, left: 20, right: 20 }
    : { top: 80, bottom: 80, left: Math.min(360, b * 0.2), right: Math.min(600, b * 0.4) };
  map.fitBounds([[w, s], [e, n]] as LngLatBoundsLike, { padding, maxZoom: 16, duration: 600 });
}

const union = (boxes: Box[]): Box | null => boxes.length
  ? [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))]
  : null;

/**
 * Marks the records `ids` (and unmarks those of the previous call); with `zoom` the map
 * fits to them once their box is known. Returns how many records were marked.
 */
export function highlight(map: MapLibreMap, layers: Vlakken, ids: Ids, zoom: boolean): number {
  for (const m of marked) mark(map, m.layer, m.id, false);
  marked = [];
  const known: { id: number; geometry: Schemas['Vlak'] }[] = [];
  const elsewhere: { [L in LayerName]?: number[] } = {};
  for (const [key, list] of Object.entries(ids) as [keyof Ids, number[]][]) {
    const layer = LAYER_OF[key];
    if (!layer || !list) continue;
    const given = layers[layer];
    for (const id of list) {
      mark(map, layer, id, true);
      marked.push({ layer, id });
      if (!given) (elsewhere[layer] ??= []).push(id);
      else {
        const f = given.features.find((x) => x.id === id);
        if (f) known.push(f);
      }
    }
  }
  const mine = ++call;
  if (!zoom || !marked.length) return marked.length;
  const local = known.length ? bbox({ type: 'FeatureCollection', features: known } as Parameters<typeof bbox>[0]) as Box : null;
  if (!Object.keys(elsewhere).length) {
    if (local) fit(map, local);
  } else {
    fetchExtent(elsewhere).then(
      (remote) => {
        const box = union([local, remote].filter((b): b is Box => !!b));
        if (box && mine === call) fit(map, box);
      },
      // Without the server's box the records stay marked; the map just does not move.
      (err: unknown) => console.warn('[kaart] omvang niet opgehaald', err),
    );
  }
  return marked.length;
}
