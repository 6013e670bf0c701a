// Exports of a layer (GeoPackage and Shapefile in RD New through GDAL, GeoJSON in
// WGS84, CSV and XLSX for spreadsheets) and of the monitor's tables (CSV, XLSX).
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import type { LayerDefinition } from '../layers/definitions.ts';
import type { Role } from '../domain/roles.ts';
import { kortVeldnamen, veldnamenTekst } from '../domain/shapefile-names.ts';
import { computeBalans, type Moment } from '../balans/service.ts';
import { FASEN } from '../domain/kpi.ts';
import { MONITOR_TABELLEN, type Formaat, type MonitorTabel } from '../domain/exchange-codes.ts';
import { EXCHANGE_DIR, gdal } from './gdal-thread.ts';
import { exportRijen, platteWaarde, type LaagFilter } from './export-queries.ts';
import { naarCsv } from './csv.ts';
import { maakZip } from './zip.ts';

export { FORMATEN, type Formaat } from '../domain/exchange-codes.ts';

export interface Bestand {
  naam: string;
  type: string;
  inhoud: Buffer | string;
}

const MIME: Record<Formaat, string> = {
  gpkg: 'application/geopackage+sqlite3',
  shp: 'application/zip',
  geojson: 'application/geo+json',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const RD_CRS = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } };

/** Runs `fn` with a scratch folder that is removed afterwards. */
async function metWerkmap<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = path.join(EXCHANGE_DIR, `export-${randomUUID()}`);
  await mkdir(dir, { recursive: true });
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const jaNee = (v: unknown) => (typeof v === 'boolean' ? (v ? 'ja' : 'nee') : v);

export async function exporteerLaag(db: pg.Pool, layer: LayerDefinition, rol: Role, filter: LaagFilter, formaat: Formaat, stam: string): Promise<Bestand> {
  const rijen = await exportRijen(db, layer, rol, filter, formaat === 'geojson' ? 'wgs84' : 'rd');
  const naam = (ext: string) => `${stam}.${ext}`;

  if (formaat === 'geojson') {
    const fc = { type: 'FeatureCollection', name: layer.path, features: rijen.map((r) => ({ type: 'Feature', id: r.properties.id, geometry: r.geometry, properties: r.properties })) };
    return { naam: naam('geojson'), type: MIME.geojson, inhoud: JSON.stringify(fc) };
  }
  const plat = rijen.map((r) => Object.fromEntries(Object.entries(r.properties).map(([k, v]) => [k, platteWaarde(v)])));
  const velden = rijen.length ? Object.keys(rijen[0].properties) : ['id'];

  if (formaat === 'csv') {
    const csv = naarCsv([...velden, 'x_rd', 'y_rd', 'wkt_rd'], plat.map((p, i) => [...velden.map((k) => p[k]), rijen[i].x_rd, rijen[i].y_rd, rijen[i].wkt_rd]));
    return { naam: naam('csv'), type: MIME.csv, inhoud: csv };
  }

  return metWerkmap(async (dir) => {
    const invoer = path.join(dir, 'invoer.geojson');
    if (formaat === 'xlsx') {
      const features = plat.map((p, i) => ({ type: 'Feature', geometry: null, properties: { ...Object.fromEntries(Object.entries(p).map(([k, v]) => [k, jaNee(v)])), x_rd: rijen[i].x_rd, y_rd: rijen[i].y_rd } }));
      await writeFile(invoer, JSON.stringify({ type: 'FeatureCollection', features }));
      const { bestanden } = await gdal.write(invoer, 'xlsx', layer.path, path.join(dir, stam));
      return { naam: naam('xlsx'), type: MIME.xlsx, inhoud: await readFile(bestanden[0]) };
    }
    if (formaat === 'gpkg') {
      const features = plat.map((p, i) => ({ type: 'Feature', geometry: rijen[i].geometry, properties: p }));
      await writeFile(invoer, JSON.stringify({ type: 'FeatureCollection', crs: RD_CRS, features }));
      const { bestanden } = await gdal.write(invoer, 'gpkg', layer.path, path.join(dir, stam), { srs: 'EPSG:28992' });
      return { naam: naam('gpkg'), type: MIME.gpkg, inhoud: await readFile(bestanden[0]) };
    }
    // Shapefile: dBASE names of at most 10 characters, UTF-8 with a .cpg, the mapping in the zip.
    const kort = kortVeldnamen(velden);
    const features = plat.map((p, i) => ({
      type: 'Feature', geometry: rijen[i].geometry,
      properties: Object.fromEntries(velden.map((k) => [kort.get(k)!, jaNee(p[k])])),
    }));
    await writeFile(invoer, JSON.stringify({ type: 'FeatureCollection', crs: RD_CRS, features }));
    const shpDir = path.join(dir, 'shp');
    await mkdir(shpDir);
    const { bestanden } = await gdal.write(invoer, 'shp', layer.path, path.join(shpDir, layer.path), { srs: 'EPSG:28992' });
    const zip = await maakZip(bestanden.map((b) => ({ pad: b, naam: path.basename(b) })), [{ naam: 'veldnamen.txt', inhoud: veldnamenTekst(kort) }]);
    return { naam: naam('zip'), type: MIME.shp, inhoud: zip };
  });
}

// ---------------------------------------------------------------------------------
// Monitor tables

export { MONITOR_TABELLEN, type MonitorTabel } from '../domain/exchange-codes.ts';

const TABEL_TITEL: Record<MonitorTabel, string> = {
  regio: 'Regio', per_gemeente: 'Per gemeente', per_milieucategorie: 'Per milieucategorie', signaleringen: 'Signaleringen',
};

type Tabel = { kolommen: string[]; rijen: unknown[][] };

export async function monitorTabellen(db: pg.Pool, moment: Moment): Promise<Record<MonitorTabel, Tabel>> {
  const b = await computeBalans(db, moment);
  const r = b.regio;
  return {
    regio: {
      kolommen: ['cijfer', 'hectare'],
      rijen: [
        ['Netto verloren', r.netto_verloren.ha],
        ...FASEN.map((f) => [`Netto verloren, ${f.replace(/_/g, ' ')}`, r.netto_verloren.per_fase[f].ha]),
        ['Vereiste compensatie', r.vereiste_compensatie.ha],
        ['Toegewezen', r.toegewezen.ha],
        ['Nog toe te wijzen', r.nog_toe_te_wijzen.ha],
        ['Restant', r.restant.ha],
        ['Compensatie zonder toewijzing', r.compensatie_zonder_toewijzing.ha],
        ...Object.entries(r.compensatie_per_status).map(([status, c]) => [`Compensatie ${status.replace(/_/g, ' ')}`, c.ha]),
        ['Compensatie totaal', r.compensatie_totaal.ha],
      ],
    },
    per_gemeente: {
      kolommen: ['gemeente', 'verloren_ha', 'vereist_ha', 'toegewezen_binnen_ha', 'toegewezen_elders_ha', 'nog_toe_te_wijzen_ha', 'restant_ha'],
      rijen: b.per_gemeente.map((g) => [g.gemeente, g.verloren.ha, g.vereist.ha, g.toegewezen_binnen.ha, g.toegewezen_elders.ha, g.nog_toe_te_wijzen.ha, g.restant.ha]),
    },
    per_milieucategorie: {
      kolommen: ['milieucategorie', 'verloren_ha', 'compensatie_ha'],
      rijen: b.per_milieucategorie.map((m) => [m.milieucategorie, m.verloren.ha, m.compensatie.ha]),
    },
    signaleringen: {
      kolommen: ['regel', 'ernst', 'tekst'],
      rijen: b.signaleringen.map((s) => [s.regel, s.ernst, s.tekst]),
    },
  };
}

export async function exporteerMonitor(db: pg.Pool, moment: Moment, formaat: 'csv' | 'xlsx', tabel: MonitorTabel): Promise<Bestand> {
  const tabellen = await monitorTabellen(db, moment);
  const stam = `schuifruimte071-monitor-${moment.peildatum}`;
  if (formaat === 'csv') {
    const t = tabellen[tabel];
    return { naam: `${stam}-${tabel.replace(/_/g, '-')}.csv`, type: MIME.csv, inhoud: naarCsv(t.kolommen, t.rijen) };
  }
  return metWerkmap(async (dir) => {
    let uit: string | null = null;
    for (const [i, naam] of MONITOR_TABELLEN.entries()) {
      const t = tabellen[naam];
      const invoer = path.join(dir, `${naam}.geojson`);
      const features = t.rijen.map((r) => ({ type: 'Feature', geometry: null, properties: Object.fromEntries(t.kolommen.map((k, j) => [k, r[j]])) }));
      // An empty table still gets its sheet and header.
      if (!features.length) features.push({ type: 'Feature', geometry: null, properties: Object.fromEntries(t.kolommen.map((k) => [k, null])) });
      await writeFile(invoer, JSON.stringify({ type: 'FeatureCollection', features }));
      uit = (await gdal.write(invoer, 'xlsx', TABEL_TITEL[naam], path.join(dir, stam), { update: i > 0 })).bestanden[0];
    }
    return { naam: `${stam}.xlsx`, type: MIME.xlsx, inhoud: await readFile(uit!) };
  });
}
