// One-time MapLibre set-up for this bundle: the worker URL, the pmtiles:// protocol and
// the tegel:// protocol of our data tiles (both retried on network failures).
import { addProtocol, setWorkerUrl } from 'maplibre-gl';
import { Protocol } from 'pmtiles';
import { loadTile, retrying, retryingPmtiles, TILE_SCHEME } from './network-retry.ts';
// Vite bundles the worker as its own ES module and gives us its URL. Without
// this MapLibre looks for the worker next to its own module, which does not
// exist in the bundle, and GeoJSON and vector layers silently render blank.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';

let configured = false;

export function configureMapLibre(): void {
  if (configured) return;
  configured = true;
  setWorkerUrl(workerUrl);
  // The offline basemap is one PMTiles archive, read with HTTP Range requests.
  const protocol = new Protocol();
  addProtocol('pmtiles', retryingPmtiles(protocol));
  addProtocol(TILE_SCHEME, retrying(loadTile));
}
