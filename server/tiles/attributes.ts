// What a tile of each map layer carries: the feature id (as the MVT feature id) and
// only the attributes the map's style and interaction need. Everything else (the
// panel's rows, the editor's fields) comes from GET /api/<layer>/<id>. A layer's
// confidential properties (`vertrouwelijk` in the layer definitions) are never in a
// tile, for any role; the check below makes that a start-up error rather than a leak.
import { layers, LAYER_PATHS, type LayerDefinition } from '../layers/definitions.ts';
import type { Role } from '../domain/roles.ts';
import { attributeSetId, SOURCE_MAX_ZOOM } from '../domain/tiles.ts';

export type TileLayer = (typeof LAYER_PATHS)[number];

/** Per layer, the attributes in its tiles (besides the id), in the names of GET /api/<layer>. */
const ATTRIBUTES: Record<TileLayer, readonly string[]> = {
  // naam: labels; oppervlakte_ha: which label wins a collision, and the panel's first line.
  gemeenten: ['naam', 'oppervlakte_ha'],
  // naam_bekend: only named terreinen are labelled at region scale.
  terreinen: ['naam', 'naam_bekend', 'oppervlakte_ha'],
  // milieucategorie_max: the fill colour; status: the dashed outline of kavels in optie.
  kavels: ['naam', 'status', 'milieucategorie_max', 'oppervlakte_ha'],
  kanszones: ['naam', 'oppervlakte_ha'],
  transformaties: ['naam', 'status', 'oppervlakte_ha'],
  compensaties: ['naam', 'status', 'oppervlakte_ha'],
};

/** Layers whose tiles also carry a point per feature where its name goes (`<layer>_label`). */
export const LABELLED: ReadonlySet<TileLayer> = new Set(['gemeenten', 'terreinen']);
export const labelLayerName = (layer: TileLayer) => `${layer}_label`;

/** The smallest zoom a layer has tiles for (below it the map does not draw the layer). */
export const MIN_ZOOM: Record<TileLayer, number> = {
  gemeenten: 0, terreinen: 6, kavels: 8, kanszones: 8, transformaties: 8, compensaties: 8,
};
export const MAX_ZOOM = SOURCE_MAX_ZOOM;

export const isTileLayer = (name: string): name is TileLayer => (LAYER_PATHS as readonly string[]).includes(name);
export const definitionOf = (layer: TileLayer): LayerDefinition => layers.find((l) => l.path === layer)!;

/** The SQL expression of an attribute, on the layer's own table (alias x). */
function expressionOf(def: LayerDefinition, attribute: string): string {
  if (def.vertrouwelijk && attribute in def.vertrouwelijk.properties) {
    throw new Error(`Tegelattribuut ${def.path}.${attribute} is vertrouwelijk en mag in geen tegel staan`);
  }
  const expr = attribute === 'naam' ? def.naam : attribute === 'oppervlakte_ha' ? 'x.oppervlakte_ha' : def.properties[attribute];
  // A tile reads only the layer's own table (no joins per tile): its own columns only.
  if (!expr || !/^x\.[a-z_][a-z0-9_]*$/.test(expr)) {
    throw new Error(`Tegelattribuut ${def.path}.${attribute} is geen kolom van ${def.table} (${expr ?? 'onbekend'})`);
  }
  return expr;
}

export interface AttributeSet {
  /** Attribute name → SQL expression on the layer's table x. */
  columns: Record<string, string>;
  /** Stable id of the set, for the ETag and cache keys. */
  id: string;
}

const SETS = Object.fromEntries(LAYER_PATHS.map((layer) => {
  const def = definitionOf(layer);
  const columns = Object.fromEntries(ATTRIBUTES[layer].map((a) => [a, expressionOf(def, a)]));
  return [layer, { columns, id: attributeSetId(Object.keys(columns)) }];
})) as Record<TileLayer, AttributeSet>;

/**
 * The attributes a role's tiles of a layer carry. Today every role that may read a
 * layer gets the same public set (roles as in GET /api/<layer>, whose list answer has
 * no confidential property either); the role is a parameter so that a future attribute
 * for some roles only changes this function, the ETag and the cache key together.
 */
export function tileAttributes(layer: TileLayer, _rol: Role): AttributeSet {
  return SETS[layer];
}
