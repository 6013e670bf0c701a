// The tile index of the embedded database (which has no ST_AsMVT), in a worker thread:
// indexing a layer (geojson-vt) and encoding tiles (vt-pbf) never block the HTTP server.
// Plain JavaScript so it loads in any worker, with or without a TypeScript loader.
//
// Messages (each answered with the same id):
//   { op: 'build', key, layers: { <source layer>: <FeatureCollection as JSON text> }, options }
//   { op: 'tile', key, z, x, y }  → { bytes: Uint8Array } (empty: no feature in the tile; null: no such index)
//   { op: 'drop', key }
import { parentPort } from 'node:worker_threads';
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import './pbf-utf8.mjs';

/** key → { <source layer>: GeoJSONVT } */
const indexes = new Map();

function build({ key, layers, options }) {
  const index = {};
  for (const [name, text] of Object.entries(layers)) index[name] = new GeoJSONVT(JSON.parse(text), options);
  indexes.set(key, index);
  return { ok: true };
}

function tile({ key, z, x, y, extent }) {
  const index = indexes.get(key);
  // Dropped meanwhile (a newer version was built): the caller asks again.
  if (!index) return { bytes: null };
  const found = {};
  for (const [name, vt] of Object.entries(index)) {
    const t = vt.getTile(z, x, y);
    if (t && t.features.length) found[name] = t;
  }
  const bytes = Object.keys(found).length ? fromGeojsonVt(found, { version: 2, extent }) : new Uint8Array(0);
  return { bytes };
}

parentPort.on('message', (message) => {
  const { id, op } = message;
  try {
    const result = op === 'build' ? build(message) : op === 'tile' ? tile(message) : (indexes.delete(message.key), { ok: true });
    parentPort.postMessage({ id, result }, result.bytes ? [result.bytes.buffer] : []);
  } catch (err) {
    parentPort.postMessage({ id, error: String(err?.message ?? err) });
  }
});
