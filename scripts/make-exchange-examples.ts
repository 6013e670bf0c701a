// Writes the example files of geodata/examples/ with GDAL (gdal3.js, the same worker
// the server uses): a GeoPackage as a municipality would deliver it from QGIS (a new
// business park and its kavels, RD New, names with accents) and a zipped Shapefile
// with the next year's delivery of the same kavels (one changed, one gone, one new).
// Run: npx tsx scripts/make-exchange-examples.ts
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXCHANGE_DIR, gdal, stopGdalThread } from '../server/exchange/gdal-thread.ts';
import { maakZip } from '../server/exchange/zip.ts';

const OUT = fileURLToPath(new URL('../geodata/examples/', import.meta.url));
const RD = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } };

// An empty polder corner in the south of Leiden, away from the region's terreinen.
const X0 = 92_900;
const Y0 = 460_850;
const box = (x1: number, y1: number, x2: number, y2: number) =>
  ({ type: 'Polygon', coordinates: [[[x1, y1], [x2, y1], [x2, y2], [x1, y2], [x1, y1]]] });

const terrein = {
  type: 'Feature', geometry: box(X0, Y0, X0 + 400, Y0 + 300),
  properties: { TERREIN_ID: 'LEI-T-001', NAAM: 'Bedrijvenpark Rijnhof-Zuid (voorbeeld)', TYPOLOGIE: 'matig gedifferentieerd', MILIEU_MIN: '2', MILIEU_MAX: '4,1' },
};

interface Kavel { id: string; naam: string; cat: string; status: string; plan: string; eigendom: string; vanaf: string | null; geom: object }
const kavels: Kavel[] = [
  { id: 'LEI-K-001', naam: 'Kavel één', cat: '3,1', status: 'Beschikbaar', plan: 'hard', eigendom: 'gemeente', vanaf: '01-03-2026', geom: box(X0 + 10, Y0 + 10, X0 + 140, Y0 + 145) },
  { id: 'LEI-K-002', naam: 'Kavel Café-Noord', cat: '3.2', status: 'Beschikbaar', plan: 'hard', eigendom: 'gemeente', vanaf: '01-03-2026', geom: box(X0 + 145, Y0 + 10, X0 + 275, Y0 + 145) },
  { id: 'LEI-K-003', naam: 'Kavel Ærø €', cat: '4,1', status: 'Potentieel', plan: 'zacht', eigendom: 'privaat', vanaf: null, geom: box(X0 + 280, Y0 + 10, X0 + 390, Y0 + 145) },
  { id: 'LEI-K-004', naam: 'Kavel Groenewoud-Öst', cat: '2', status: 'Bezet', plan: 'hard', eigendom: 'privaat', vanaf: null, geom: box(X0 + 10, Y0 + 150, X0 + 140, Y0 + 290) },
  { id: 'LEI-K-005', naam: 'Kavel Rijnzicht', cat: '3,1', status: 'In optie', plan: 'hard', eigendom: 'gemeente', vanaf: '15-09-2026', geom: box(X0 + 145, Y0 + 150, X0 + 275, Y0 + 290) },
  { id: 'LEI-K-006', naam: 'Kavel Zuidrand', cat: '3,2', status: 'Potentieel', plan: 'zacht', eigendom: 'onbekend', vanaf: null, geom: box(X0 + 280, Y0 + 150, X0 + 390, Y0 + 290) },
];

const kavelFeature = (k: Kavel) => ({
  type: 'Feature', geometry: k.geom,
  properties: { KAVELNR: k.id, NAAM: k.naam, MILIEUCAT: k.cat, STATUS: k.status, PLANSTATUS: k.plan, EIGENDOM: k.eigendom, BESCHIKBAA: k.vanaf },
});

// Next year: LEI-K-002 is split off smaller and sold (in optie), LEI-K-006 is gone, LEI-K-007 is new.
const volgendJaar: Kavel[] = [
  ...kavels.filter((k) => k.id !== 'LEI-K-006').map((k) => (k.id === 'LEI-K-002'
    ? { ...k, status: 'In optie', geom: box(X0 + 145, Y0 + 10, X0 + 255, Y0 + 145) }
    : k)),
  { id: 'LEI-K-007', naam: 'Kavel Zuidrand-Oost', cat: '3,2', status: 'Beschikbaar', plan: 'zacht', eigendom: 'gemeente', vanaf: '01-01-2027', geom: box(X0 + 300, Y0 + 150, X0 + 390, Y0 + 290) },
];

const fc = (features: object[]) => JSON.stringify({ type: 'FeatureCollection', crs: RD, features });

await mkdir(OUT, { recursive: true });
await mkdir(EXCHANGE_DIR, { recursive: true });
const tmp = await mkdtemp(path.join(EXCHANGE_DIR, 'voorbeelden-'));
try {
  await writeFile(path.join(tmp, 'terrein.geojson'), fc([terrein]));
  await writeFile(path.join(tmp, 'kavels.geojson'), fc(kavels.map(kavelFeature)));
  const gpkg = path.join(tmp, 'leiden_kavels');
  await gdal.write(path.join(tmp, 'terrein.geojson'), 'gpkg', 'bedrijventerrein', gpkg, { srs: 'EPSG:28992' });
  const { bestanden } = await gdal.write(path.join(tmp, 'kavels.geojson'), 'gpkg', 'kavels', gpkg, { srs: 'EPSG:28992', update: true });
  await writeFile(path.join(OUT, 'leiden_kavels.gpkg'), await readFile(bestanden[0]));

  await writeFile(path.join(tmp, 'kavels2027.geojson'), fc(volgendJaar.map(kavelFeature)));
  const shpDir = path.join(tmp, 'shp');
  await mkdir(shpDir);
  const shp = await gdal.write(path.join(tmp, 'kavels2027.geojson'), 'shp', 'leiden_kavels_2027', path.join(shpDir, 'leiden_kavels_2027'), { srs: 'EPSG:28992' });
  const zip = await maakZip(shp.bestanden.map((b) => ({ pad: b, naam: path.basename(b) })));
  await writeFile(path.join(OUT, 'leiden_kavels_2027.zip'), zip);
  console.log(`geschreven: ${OUT}leiden_kavels.gpkg, ${OUT}leiden_kavels_2027.zip (${os.EOL.trim() || ''}${shp.bestanden.map((b) => path.basename(b)).join(', ')})`);
} finally {
  await rm(tmp, { recursive: true, force: true });
  await stopGdalThread();
}
