// GDAL (gdal3.js, WebAssembly) in a worker thread, so reading and writing GIS files
// never runs on the HTTP event loop. One task at a time: gdal3.js keeps one mounted
// input folder. Plain JavaScript, so the worker needs no TypeScript loader.
//
// Tasks (message {id, op, ...}; answer {id, result} or {id, error}):
//   inspect  {path, openOptions, sampleOut}  layers, fields, CRS, extent, sample values
//   read     {path, openOptions, layer, out}  the layer as GeoJSON in its own CRS
//   write    {input, format, layer, out, update, srs}  GeoJSON to GPKG / Shapefile / XLSX
import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const initGdalJs = require('gdal3.js/node.js');

let messages = [];
const gdal = initGdalJs({
  dest: workerData.dest,
  // WebAssembly without threads: GDAL must not try to start worker threads of its own
  // (ogr2ogr's Arrow path over a GeoPackage does, and fails).
  env: { OGR2OGR_USE_ARROW_API: 'NO', OGR_GPKG_NUM_THREADS: '1', GDAL_NUM_THREADS: '1' },
  // GDAL's warnings and errors come with the task's answer, not on the server's console.
  logHandler: (m) => { messages.push(String(m).trim()); },
  errorHandler: (m) => { messages.push(String(m).trim()); },
});

const DRIVERS = { gpkg: 'GPKG', shp: 'ESRI Shapefile', xlsx: 'XLSX', geojson: 'GeoJSON', fgb: 'FlatGeobuf', csv: 'CSV' };

function gdalMessage(err) {
  if (err && typeof err === 'object' && 'message' in err) return String(err.message).trim();
  if (Array.isArray(err)) return err.map(gdalMessage).join('; ');
  return String(err);
}

async function openDataset(Gdal, path, openOptions = []) {
  const { datasets, errors } = await Gdal.open(path, openOptions);
  if (!datasets.length) throw new Error(errors.map(gdalMessage).join('; ') || 'GDAL kon het bestand niet openen');
  return datasets[0];
}

function srsOf(geometryField) {
  const cs = geometryField?.coordinateSystem;
  if (!cs || (!cs.wkt && !cs.projjson)) return null;
  // A .prj with TOWGS84 (RD New as older QGIS and ArcGIS write it) is a BoundCRS:
  // the system itself, and its EPSG code, is its source CRS. RD New with NAP heights
  // (EPSG:7415, BGT and 3D data) is a CompoundCRS: the map's system is its horizontal
  // part (heights are dropped on reading, -dim XY).
  const unbound = (crs) => (crs?.type === 'BoundCRS' ? crs.source_crs ?? {} : crs ?? {});
  const p = unbound(cs.projjson);
  const horizontal = p.type === 'CompoundCRS' ? unbound(p.components?.[0]) : p;
  const id = horizontal.id;
  return {
    epsg: id && id.authority === 'EPSG' ? Number(id.code) : null,
    naam: p.name ?? null,
    soort: horizontal.type ?? null,
    // PROJ leaves out the parts' codes of an EPSG compound system: its part by name.
    horizontaal: p.type === 'CompoundCRS' && p.id?.authority === 'EPSG' && !id ? horizontal.name ?? null : null,
  };
}

async function inspect(Gdal, { path, openOptions, sampleOut }) {
  const ds = await openDataset(Gdal, path, openOptions);
  try {
    const info = await Gdal.ogrinfo(ds, ['-so', '-al']);
    const layers = [];
    for (const [i, l] of (info.layers ?? []).entries()) {
      const geom = l.geometryFields?.[0];
      let sample = [];
      if (sampleOut) {
        // A fresh name per layer: GDAL's view of the folder caches names, so a file
        // removed behind its back cannot be created again under the same name.
        const out = await Gdal.ogr2ogr(ds, ['-f', 'GeoJSON', '-limit', '25', '-lco', 'RFC7946=NO', l.name], `${sampleOut}-${i}`);
        const json = JSON.parse(readFileSync(out.real, 'utf8'));
        rmSync(out.real, { force: true });
        sample = (json.features ?? []).map((f) => f.properties ?? {});
      }
      layers.push({
        naam: l.name,
        geometrietype: geom?.type ?? null,
        aantal: l.featureCount ?? null,
        bereik: geom?.extent ?? null,
        crs: srsOf(geom),
        velden: (l.fields ?? []).map((f) => ({ naam: f.name, type: f.type })),
        voorbeeld: sample,
      });
    }
    return { driver: info.driverShortName, lagen: layers };
  } finally {
    await Gdal.close(ds);
  }
}

async function read(Gdal, { path, openOptions, layer, out }) {
  const ds = await openDataset(Gdal, path, openOptions);
  try {
    const res = await Gdal.ogr2ogr(ds, [
      '-f', 'GeoJSON', '-lco', 'RFC7946=NO', '-lco', 'WRITE_NAME=NO',
      '-dim', 'XY', '-nlt', 'CONVERT_TO_LINEAR', '-preserve_fid', layer,
    ], out);
    return { pad: res.real };
  } finally {
    await Gdal.close(ds);
  }
}

async function write(Gdal, { input, format, layer, out, update, srs }) {
  const driver = DRIVERS[format];
  if (!driver) throw new Error(`onbekend formaat ${format}`);
  const ds = await openDataset(Gdal, input);
  try {
    const options = ['-f', driver, '-nln', layer];
    if (update) options.push('-update');
    if (srs) options.push('-a_srs', srs);
    if (format === 'shp') options.push('-lco', 'ENCODING=UTF-8');
    if (format === 'gpkg') options.push('-nlt', 'PROMOTE_TO_MULTI');
    const res = await Gdal.ogr2ogr(ds, options, out);
    return { bestanden: res.all.map((f) => f.real) };
  } finally {
    await Gdal.close(ds);
  }
}

const ops = { inspect, read, write };

// Tasks run strictly one after another.
let queue = Promise.resolve();
parentPort.on('message', (task) => {
  queue = queue.then(async () => {
    messages = [];
    try {
      const Gdal = await gdal;
      const result = await ops[task.op](Gdal, task);
      parentPort.postMessage({ id: task.id, result, meldingen: messages });
    } catch (err) {
      parentPort.postMessage({ id: task.id, error: gdalMessage(err), meldingen: messages });
    }
  });
});
