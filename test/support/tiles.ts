// Fetching and decoding vector tiles in tests: the real app's /tiles routes, decoded
// with @mapbox/vector-tile (what MapLibre reads them with), geometry back in WGS84.
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { Feature } from 'geojson';
import type { TileCoord } from '../../server/domain/tiles.ts';

export interface DecodedFeature {
  id: number | undefined;
  properties: Record<string, number | string | boolean>;
  geojson: Feature;
}

/** Source layer name → its features. */
export type DecodedTile = Record<string, DecodedFeature[]>;

export function decodeTile(bytes: Uint8Array, { z, x, y }: TileCoord): DecodedTile {
  const out: DecodedTile = {};
  if (bytes.byteLength === 0) return out;
  const tile = new VectorTile(new PbfReader(bytes));
  for (const [name, layer] of Object.entries(tile.layers)) {
    out[name] = [];
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i);
      out[name].push({ id: f.id, properties: f.properties, geojson: f.toGeoJSON(x, y, z) });
    }
  }
  return out;
}

export interface TileReply {
  status: number;
  etag: string | null;
  headers: Headers;
  bytes: Uint8Array;
}

type Request = (url: string, init?: RequestInit) => Response | Promise<Response>;

/** GET a tile (or any /tiles path) with a session cookie; the body as bytes. */
export async function getTile(request: Request, cookie: string, path: string, headers: Record<string, string> = {}): Promise<TileReply> {
  const res = await request(path, { headers: { ...(cookie ? { cookie } : {}), ...headers } });
  return { status: res.status, etag: res.headers.get('etag'), headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}
