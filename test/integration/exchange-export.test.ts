// Exports (issue #14): GeoPackage and Shapefile round trips with identical hectares and
// names, the fields each role may read, Dutch CSV with formula neutralisation, XLSX,
// GeoJSON in WGS84, a peildatum, filters, and the monitor's tables. Files are read back
// with Debian's GDAL (ogrinfo) where an independent reader matters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import yauzl from 'yauzl';
import { testApp, testDatabase } from '../support/api.ts';
import { rememberIds } from '../support/editor-fixture.ts';
import { controleer, importeerVoorbeeld, schrijf, upload, X0, Y0 } from '../support/exchange.ts';

const run = promisify(execFile);
const db = testDatabase();
const api = testApp(db);
let restore: () => Promise<void>;
let tmp: string;
const BRON = `Export test ${Date.now()}`;
const GEHEIM = 'Vertrouwelijk Bouwbedrijf Één BV';
let kavelIds: number[];
let transformatieId: number;
/** WGS84 bbox around the example park (map view). */
const PARK = '4.479,52.132,4.487,52.137';

beforeAll(async () => {
  restore = (await rememberIds(db)).restore;
  tmp = await mkdtemp(path.join(os.tmpdir(), 'exchange-export-'));
  const regisseur = await api.as('regisseur');
  ({ kavelIds } = await importeerVoorbeeld(api.app, await api.as('werkgroep_leiden'), BRON));
  const { rows } = await db.pool.query(
    `SELECT ST_AsGeoJSON(ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, 28992), 4326), 9)::json AS g`,
    [X0 + 20, Y0 + 160, X0 + 120, Y0 + 280]);
  const t = await regisseur.send('POST', '/api/transformaties', {
    type: 'Feature', geometry: rows[0].g,
    properties: { naam: 'Rijnhof-Zuid wonen', zittende_bedrijven: [{ naam: GEHEIM, gebruikspositie: 'huurder' }] },
  });
  expect(t.status, JSON.stringify(t.body)).toBe(201);
  transformatieId = t.body.id;
});
afterAll(async () => {
  await restore();
  await rm(tmp, { recursive: true, force: true });
  await db.close();
});

async function download(who: Parameters<typeof api.as>[0], url: string) {
  const client = await api.as(who);
  const res = await api.app.request(url, { headers: { cookie: client.cookie } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function unzip(bytes: Buffer): Promise<Record<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out: Record<string, Buffer> = {};
      zip.on('entry', (e: yauzl.Entry) => zip.openReadStream(e, (e2, s) => {
        if (e2 || !s) return reject(e2);
        const chunks: Buffer[] = [];
        s.on('data', (c: Buffer) => chunks.push(c));
        s.on('end', () => { out[e.fileName] = Buffer.concat(chunks); zip.readEntry(); });
      }));
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

/** Debian's ogrinfo on a file: the features as text. */
async function ogrinfo(file: string, ...args: string[]) {
  return (await run('ogrinfo', ['-ro', '-al', ...args, file], { maxBuffer: 20 * 1024 * 1024 })).stdout;
}

describe('round trips', () => {
  it.each(['gpkg', 'shp'] as const)('export to %s and import again: identical hectares and names with accents', async (formaat) => {
    const { rows: origineel } = await db.pool.query(
      `SELECT naam, oppervlakte_ha, milieucategorie_max, status FROM kavel WHERE id = ANY($1) ORDER BY naam`, [kavelIds]);
    const file = await download('werkgroep_leiden', `/api/export/lagen/kavels?formaat=${formaat}&bbox=${PARK}`);
    expect(file.status).toBe(200);
    let bestand = `kavels.${formaat === 'gpkg' ? 'gpkg' : 'zip'}`;
    let velden: Record<string, string> = { naam: 'naam', milieucategorie_max: 'milieucategorie_max', status: 'status' };
    if (formaat === 'shp') {
      const inhoud = await unzip(file.bytes);
      expect(Object.keys(inhoud).sort()).toEqual(['kavels.cpg', 'kavels.dbf', 'kavels.prj', 'kavels.shp', 'kavels.shx', 'veldnamen.txt']);
      expect(inhoud['kavels.cpg'].toString()).toMatch(/UTF-8/i);
      const lijst = inhoud['veldnamen.txt'].toString('utf8');
      const kort = (lang: string) => new RegExp(`^(\\S+)\\s+${lang}\\r?$`, 'm').exec(lijst)![1];
      velden = { naam: kort('naam'), milieucategorie_max: kort('milieucategorie_max'), status: kort('status') };
      expect(velden.milieucategorie_max.length).toBeLessThanOrEqual(10);
      bestand = 'kavels.shp';
    }
    // Make room: the re-import must land where the originals were.
    await db.pool.query(`DELETE FROM kavel WHERE id = ANY($1)`, [kavelIds]);
    const wg = await api.as('werkgroep_leiden');
    const up = await upload(api.app, wg, formaat === 'gpkg' ? 'kavels.gpkg' : 'kavels.zip', file.bytes);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const laag: string = up.body.bronnen[0].lagen[0].naam;
    expect(up.body.bronnen[0].lagen[0].crs.epsg).toBe(28992);
    const { rapport } = await controleer(wg, up.body.id, {
      bestand: formaat === 'gpkg' ? bestand : up.body.bronnen[0].bestand, laag, doel: 'kavels', bron: `${BRON} terug ${formaat}`, bron_id_veld: null,
      velden: Object.fromEntries(Object.entries(velden).map(([k, v]) => [k, { veld: v }])),
    });
    expect(rapport.aantallen, JSON.stringify(rapport.objecten.filter((o: any) => o.problemen.length))).toMatchObject({ nieuw: 6, fout: 0 });
    const { sessie } = await schrijf(wg, up.body.id, 'uitvoeren');
    kavelIds = sessie.resultaat.ids;
    const { rows: terug } = await db.pool.query(
      `SELECT naam, oppervlakte_ha, milieucategorie_max, status FROM kavel WHERE id = ANY($1) ORDER BY naam`, [kavelIds]);
    expect(terug).toEqual(origineel);
  });
});

describe('fields per role', () => {
  it('gives the stuurgroep no company names in any format, the werkgroep does get them', async () => {
    for (const formaat of ['gpkg', 'shp', 'geojson', 'csv', 'xlsx']) {
      const file = await download('stuurgroep', `/api/export/lagen/transformaties?formaat=${formaat}`);
      expect(file.status).toBe(200);
      const teksten = formaat === 'shp' || formaat === 'xlsx' ? Object.values(await unzip(file.bytes)).map((b) => b.toString('utf8')) : [file.bytes.toString('utf8')];
      for (const t of teksten) {
        expect(t.includes(GEHEIM), `${formaat} shows a company name`).toBe(false);
        expect(t.includes('Bouwbedrijf'), formaat).toBe(false);
        expect(t.includes('zittende_bedrijven'), formaat).toBe(false);
      }
    }
    const csv = (await download('stuurgroep', '/api/export/lagen/transformaties?formaat=csv')).bytes.toString('utf8');
    const [kop, ...regels] = csv.replace(/^\ufeff/, '').split('\r\n');
    const rij = regels.find((r) => r.startsWith(`${transformatieId};`))!.split(';');
    expect(rij[kop.split(';').indexOf('zittende_huurders')]).toBe('1');
    const wg = (await download('werkgroep_leiden', '/api/export/lagen/transformaties?formaat=csv')).bytes.toString('utf8');
    expect(wg).toContain(`${GEHEIM} (huurder)`);
  });
});

describe('formats', () => {
  it('CSV: BOM, semicolons, decimal comma, WKT in RD New, formulas neutralised', async () => {
    const regisseur = await api.as('regisseur');
    const k = await regisseur.send('POST', '/api/kavels', {
      type: 'Feature', geometry: (await db.pool.query(`SELECT ST_AsGeoJSON(ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, 28992), 4326), 9)::json AS g`,
        [X0 + 392, Y0 + 200, X0 + 398, Y0 + 230])).rows[0].g,
      properties: { naam: '=HYPERLINK("http://voorbeeld.invalid","klik")', terrein_id: (await db.pool.query(`SELECT terrein_id FROM kavel WHERE id = $1`, [kavelIds[0]])).rows[0].terrein_id, milieucategorie_max: '2' },
    });
    expect(k.status, JSON.stringify(k.body)).toBe(201);
    const file = await download('regisseur', `/api/export/lagen/kavels?formaat=csv&bbox=${PARK}`);
    await db.pool.query(`DELETE FROM kavel WHERE id = $1`, [k.body.id]);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toMatch(/attachment; filename="schuifruimte071-kavels-\d{4}-\d{2}-\d{2}\.csv"/);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const tekst = file.bytes.toString('utf8');
    expect(tekst).toContain(`"'=HYPERLINK(""http://voorbeeld.invalid"",""klik"")"`);
    expect(tekst).toMatch(/;Kavel één;Leiden;1,755;/);
    expect(tekst).toMatch(/;MULTIPOLYGON\(\(\(9\d{4}(\.\d+)? 46\d{4}/);
  });

  it('XLSX, Shapefile and GeoPackage as Debian GDAL reads them', async () => {
    for (const [formaat, ext] of [['xlsx', 'xlsx'], ['gpkg', 'gpkg'], ['shp', 'zip']] as const) {
      const file = await download('regisseur', `/api/export/lagen/kavels?formaat=${formaat}&bbox=${PARK}`);
      const pad = path.join(tmp, `kavels.${ext}`);
      await writeFile(pad, file.bytes);
      const out = await ogrinfo(formaat === 'shp' ? `/vsizip/${pad}` : pad);
      expect(out, formaat).toContain('Kavel Ærø €');
      if (formaat !== 'xlsx') expect(out, formaat).toMatch(/ID\["EPSG",28992\]/);
    }
  });

  it('GeoJSON in WGS84', async () => {
    const file = await download('regisseur', `/api/export/lagen/kavels?formaat=geojson&bbox=${PARK}`);
    const fc = JSON.parse(file.bytes.toString('utf8'));
    const een = fc.features.find((f: any) => f.properties.naam === 'Kavel één');
    expect(een.geometry.coordinates[0][0][0][0]).toBeCloseTo(4.481, 2);
    expect(een.properties.bron).toBe(`${BRON} terug shp`);
  });

  it('filters: gemeente, status, map view; and a peildatum before the import has none of it', async () => {
    const leiden = (await db.pool.query(`SELECT id FROM gemeente WHERE naam = 'Leiden'`)).rows[0].id;
    const fc = (url: string) => download('regisseur', url).then((f) => JSON.parse(f.bytes.toString('utf8')));
    const perGemeente = await fc(`/api/export/lagen/kavels?formaat=geojson&gemeente_id=${leiden}`);
    expect(perGemeente.features.length).toBeGreaterThan(6);
    expect(perGemeente.features.every((f: any) => f.properties.gemeente === 'Leiden')).toBe(true);
    const inOptie = await fc(`/api/export/lagen/kavels?formaat=geojson&status=in_optie&bbox=${PARK}`);
    expect(inOptie.features.map((f: any) => f.properties.naam)).toEqual(['Kavel Rijnzicht']);
    const gisteren = new Date(Date.now() - 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
    const toen = await fc(`/api/export/lagen/kavels?formaat=geojson&peildatum=${gisteren}&bbox=${PARK}`);
    expect(toen.features).toEqual([]);
    expect((await download('regisseur', '/api/export/lagen/kavels?formaat=pdf')).status).toBe(400);
    expect((await download('regisseur', '/api/export/lagen/bedrijven?formaat=csv')).status).toBe(404);
  });

  it('the monitor tables as XLSX (one sheet each) and CSV', async () => {
    const xlsx = await download('stuurgroep', '/api/export/monitor?formaat=xlsx');
    expect(xlsx.status).toBe(200);
    const pad = path.join(tmp, 'monitor.xlsx');
    await writeFile(pad, xlsx.bytes);
    const lagen = (await run('ogrinfo', ['-ro', '-q', pad])).stdout;
    for (const blad of ['Regio', 'Per gemeente', 'Per milieucategorie', 'Signaleringen']) expect(lagen).toContain(blad);
    const csv = (await download('stuurgroep', '/api/export/monitor?formaat=csv&tabel=per_gemeente')).bytes.toString('utf8');
    expect(csv).toMatch(/^\ufeffgemeente;verloren_ha;vereist_ha;toegewezen_binnen_ha;toegewezen_elders_ha;nog_toe_te_wijzen_ha;restant_ha\r\n/);
    expect(csv).toMatch(/\r\nLeiden;\d+,\d+;/);
  });
});
