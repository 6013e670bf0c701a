// Pure rules of the vector tiles (/tiles/<layer>/<z>/<x>/<y>.pbf): which tile a path
// names, the tile's extent, and the ETag that identifies one version of a layer's tiles.

/** Deepest zoom the server makes tiles for; MapLibre overzooms beyond a source's maxzoom. */
export const MAX_TILE_ZOOM = 22;
/** Deepest zoom the map asks tiles for: 4096 units per tile are about 0.2 m there at 52° N. */
export const SOURCE_MAX_ZOOM = 15;
/** Tile extent and buffer, the same for ST_AsMVT and geojson-vt. */
export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;

export interface TileCoord {
  z: number;
  x: number;
  y: number;
}

const INTEGER = /^(0|[1-9][0-9]{0,7})$/;

/**
 * The tile a path names ("14", "8396", "5398.pbf"), or a Dutch reason why not: z from
 * 0 to MAX_TILE_ZOOM, x and y within the 2^z × 2^z grid.
 */
export function parseTileCoord(z: string, x: string, y: string): TileCoord | string {
  const yy = y.endsWith('.pbf') ? y.slice(0, -4) : null;
  if (yy === null) return 'Een tegel eindigt op .pbf, bijvoorbeeld /tiles/kavels/14/8396/5400.pbf.';
  if (![z, x, yy].every((s) => INTEGER.test(s))) return 'z, x en y van een tegel moeten gehele getallen van 0 of meer zijn.';
  const coord = { z: Number(z), x: Number(x), y: Number(yy) };
  if (coord.z > MAX_TILE_ZOOM) return `Zoomniveau ${coord.z} bestaat niet; het hoogste is ${MAX_TILE_ZOOM}.`;
  const n = 2 ** coord.z;
  if (coord.x >= n || coord.y >= n) return `Tegel ${coord.x}/${coord.y} ligt buiten het raster van zoomniveau ${coord.z} (0 tot ${n - 1}).`;
  return coord;
}

/** [west, south, east, north] in WGS84 of a tile (Web Mercator, XYZ scheme). */
export function tileBounds({ z, x, y }: TileCoord): [number, number, number, number] {
  const n = 2 ** z;
  const lon = (i: number) => (i / n) * 360 - 180;
  const lat = (j: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * j) / n))) * 180) / Math.PI;
  return [lon(x), lat(y + 1), lon(x + 1), lat(y)];
}

/** The tile at zoom z that holds a point (lon, lat). */
export function tileAt(lon: number, lat: number, z: number): TileCoord {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return { z, x: Math.min(n - 1, Math.max(0, x)), y: Math.min(n - 1, Math.max(0, y)) };
}

/** Every tile at zoom z that meets a [west, south, east, north] box. */
export function tilesCovering([w, s, e, n]: [number, number, number, number], z: number): TileCoord[] {
  const a = tileAt(w, n, z);
  const b = tileAt(e, s, z);
  const out: TileCoord[] = [];
  for (let x = a.x; x <= b.x; x++) for (let y = a.y; y <= b.y; y++) out.push({ z, x, y });
  return out;
}

/**
 * A short, stable name of a set of tile attributes (FNV-1a of the sorted names): part
 * of the ETag and of the cache key, so tiles made for one set are never sent for another.
 */
export function attributeSetId(attributes: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const ch of [...attributes].sort().join(',')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** The ETag of every tile of one version of a layer, for one attribute set. */
export const tileEtag = (layer: string, versie: number, attributeSet: string) => `"${layer}.${versie}.${attributeSet}"`;

/** Does an If-None-Match header name this ETag (weak or strong, or in a list)? */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => bare(t) === bare(etag));
}

/**
 * The versions of a layer's tiles (for one attribute set) that an If-None-Match header
 * names: tiles the browser has, which the server need not make again to answer 304.
 */
export function etagVersions(ifNoneMatch: string | undefined, layer: string, attributeSet: string): number[] {
  if (!ifNoneMatch) return [];
  const own = new RegExp(`^"${layer}\\.(\\d{1,15})\\.${attributeSet}"$`);
  return ifNoneMatch.split(',').flatMap((t) => {
    const m = own.exec(t.trim().replace(/^W\//, ''));
    return m ? [Number(m[1])] : [];
  });
}
