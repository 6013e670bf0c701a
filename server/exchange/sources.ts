// What an upload holds: the GIS datasets in it (a GeoPackage, the Shapefiles of a
// zip, a GeoJSON, FlatGeobuf or CSV file), each with its layers as GDAL reads them.
import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../http/errors.ts';
import { kaartEpsg } from '../domain/exchange-crs.ts';
import { gdal, GdalError, type GdalLaag } from './gdal-thread.ts';

export type Formaat = 'gpkg' | 'shp' | 'geojson' | 'fgb' | 'csv';

export const FORMAAT_NAAM: Record<Formaat, string> = {
  gpkg: 'GeoPackage', shp: 'Shapefile', geojson: 'GeoJSON', fgb: 'FlatGeobuf', csv: 'CSV',
};

/** Extensions an upload may have (a zip holds one of the others, or Shapefiles). */
export const UPLOAD_EXTENSIES = ['.gpkg', '.zip', '.geojson', '.json', '.fgb', '.csv'] as const;

export interface Bron {
  /** File name inside the upload folder. */
  bestand: string;
  pad: string;
  formaat: Formaat;
  openOptions: string[];
  lagen: GdalLaag[];
  /** Things the user should know (e.g. no .cpg: names read as Latin-1). */
  meldingen: string[];
}

/**
 * CSV: geometry as WKT in a column, or x/y columns; the separator is detected (; or ,).
 * Every column stays text (no AUTODETECT_TYPE): GDAL would read kavelnummer 0012 as the
 * number 12; the field mapping reads numbers, dates and ja/nee from text itself.
 */
const WKT_KOLOMMEN = ['wkt', 'geometrie', 'geometry', 'geom', 'the_geom', 'wkt_rd'];
const CSV_WKT = [`GEOM_POSSIBLE_NAMES=${WKT_KOLOMMEN.join(',')}`, 'KEEP_GEOM_COLUMNS=NO'];
const CSV_XY = [
  'X_POSSIBLE_NAMES=x,x_rd,xcoord,rd_x,lon,lengtegraad,longitude',
  'Y_POSSIBLE_NAMES=y,y_rd,ycoord,rd_y,lat,breedtegraad,latitude',
  'KEEP_GEOM_COLUMNS=NO',
];

/**
 * GDAL prefers x/y columns to a WKT column when it is given both, so a CSV with a WKT
 * column (our own export also has x_rd and y_rd, a point inside each polygon) is read
 * by its WKT only.
 */
async function csvOpenOptions(pad: string): Promise<string[]> {
  const fh = await open(pad, 'r');
  try {
    const buf = Buffer.alloc(8192);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const kop = buf.subarray(0, bytesRead).toString('utf8').replace(/^\ufeff/, '').split(/\r?\n/)[0];
    const kolommen = kop.split(/[;,\t]/).map((k) => k.trim().replace(/^"|"$/g, '').toLowerCase());
    return kolommen.some((k) => WKT_KOLOMMEN.includes(k)) ? CSV_WKT : CSV_XY;
  } finally {
    await fh.close();
  }
}

const MAGIC: Partial<Record<Formaat, Buffer>> = {
  gpkg: Buffer.from('SQLite format 3\0', 'latin1'),
  fgb: Buffer.from([0x66, 0x67, 0x62, 0x03]),
};

async function begint(pad: string, magic: Buffer) {
  const fh = await open(pad, 'r');
  try {
    const buf = Buffer.alloc(magic.length);
    await fh.read(buf, 0, magic.length, 0);
    return buf.equals(magic);
  } finally {
    await fh.close();
  }
}

function formaatVan(naam: string): Formaat | null {
  const ext = path.extname(naam).toLowerCase();
  if (ext === '.gpkg') return 'gpkg';
  if (ext === '.shp') return 'shp';
  if (ext === '.geojson' || ext === '.json') return 'geojson';
  if (ext === '.fgb') return 'fgb';
  if (ext === '.csv') return 'csv';
  return null;
}

const onleesbaar = (bestand: string, formaat: Formaat, detail?: string) => new ApiError(422, 'onleesbaar',
  `'${bestand}' kon niet worden gelezen als ${FORMAAT_NAAM[formaat]}: het bestand is beschadigd of heeft een ander formaat.`,
  detail ? { gdal: detail } : undefined);

/** Finds and inspects the datasets in `dir`; `sampleDir` receives GDAL's scratch output. */
export async function vindBronnen(dir: string, sampleDir: string): Promise<Bron[]> {
  const namen = (await readdir(dir)).sort();
  const lower = new Map(namen.map((n) => [n.toLowerCase(), n]));
  const bronnen: Bron[] = [];
  for (const bestand of namen) {
    const formaat = formaatVan(bestand);
    if (!formaat) continue;
    const pad = path.join(dir, bestand);
    const meldingen: string[] = [];
    if (formaat === 'shp') {
      const stam = bestand.slice(0, -4).toLowerCase();
      const ontbreekt = ['.dbf', '.shx'].filter((ext) => !lower.has(stam + ext));
      if (ontbreekt.length) {
        throw new ApiError(422, 'shapefile_onvolledig', `Bij '${bestand}' ontbreekt ${ontbreekt.join(' en ')}. Zip alle bestanden van de Shapefile samen (.shp, .shx, .dbf, .prj, .cpg).`);
      }
      if (!lower.has(`${stam}.cpg`)) meldingen.push('Er is geen .cpg-bestand: de tekens worden als Latin-1 gelezen. Controleer namen met accenten in de voorbeeldwaarden.');
    }
    const magic = MAGIC[formaat];
    if (magic && !(await begint(pad, magic))) throw onleesbaar(bestand, formaat);
    const openOptions = formaat === 'csv' ? await csvOpenOptions(pad) : [];
    let lagen: GdalLaag[];
    try {
      lagen = (await gdal.inspect(pad, openOptions, path.join(sampleDir, `voorbeeld-${bronnen.length}`))).lagen;
    } catch (err) {
      if (err instanceof GdalError) throw onleesbaar(bestand, formaat, [...err.meldingen.filter((m) => /ERROR/.test(m)), err.message].join(' ').slice(0, 500));
      throw err;
    }
    // A compound system with heights counts as its horizontal part (exchange-crs.ts).
    lagen = lagen.map((l) => (l.crs ? { ...l, crs: { ...l.crs, epsg: kaartEpsg(l.crs) } } : l));
    bronnen.push({ bestand, pad, formaat, openOptions, lagen, meldingen });
  }
  if (!bronnen.length) {
    throw new ApiError(422, 'geen_gis_bestand', 'Er is geen GeoPackage, Shapefile, GeoJSON, FlatGeobuf of CSV gevonden in het bestand.');
  }
  if (!bronnen.some((b) => b.lagen.length)) throw new ApiError(422, 'geen_lagen', 'Het bestand bevat geen lagen met objecten.');
  return bronnen;
}
