// Adversarial review of the GIS import with the messy files a werkgroep really has:
// a Shapefile whose .prj carries TOWGS84 (as older QGIS and ArcGIS write RD New), a
// layer with one stray feature far outside the Netherlands, a mapping onto the
// ingangsdatum (which no import can write), our own CSV export read back, and ids with
// leading zeros in a CSV. Each case was seen failing before its fix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { testApp, testDatabase } from '../support/api.ts';
import { rememberIds } from '../support/editor-fixture.ts';
import { box, controleer, gisBestand, schrijf, upload, type TestFeature } from '../support/exchange.ts';
import { EXCHANGE_DIR } from '../../server/exchange/gdal-thread.ts';
import { maakZip, pakUit } from '../../server/exchange/zip.ts';

const db = testDatabase();
const api = testApp(db);
let restore: () => Promise<void>;
const BRON = `Randgevallen ${Date.now()}`;

beforeAll(async () => { restore = (await rememberIds(db)).restore; });
afterAll(async () => {
  await restore();
  await db.close();
});

/** RD New as OGC WKT 1 with TOWGS84 and the EPSG code (GDAL reads it as a BoundCRS). */
const RD_TOWGS84 = 'PROJCS["Amersfoort / RD New",GEOGCS["Amersfoort",DATUM["Amersfoort",SPHEROID["Bessel 1841",6377397.155,299.1528128,AUTHORITY["EPSG","7004"]],'
  + 'TOWGS84[565.2369,50.0087,465.658,-0.406857,0.350733,-1.87035,4.0812],AUTHORITY["EPSG","6289"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],'
  + 'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4289"]],PROJECTION["Oblique_Stereographic"],'
  + 'PARAMETER["latitude_of_origin",52.15616055555555],PARAMETER["central_meridian",5.38763888888889],PARAMETER["scale_factor",0.9999079],'
  + 'PARAMETER["false_easting",155000],PARAMETER["false_northing",463000],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["X",EAST],AXIS["Y",NORTH],AUTHORITY["EPSG","28992"]]';

/** RD New as ArcGIS writes it (ESRI WKT: other names, no EPSG code). */
const RD_ESRI = 'PROJCS["RD_New",GEOGCS["GCS_Amersfoort",DATUM["D_Amersfoort",SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],'
  + 'UNIT["Degree",0.0174532925199433]],PROJECTION["Double_Stereographic"],PARAMETER["False_Easting",155000.0],PARAMETER["False_Northing",463000.0],'
  + 'PARAMETER["Central_Meridian",5.38763888888889],PARAMETER["Scale_Factor",0.9999079],PARAMETER["Latitude_Of_Origin",52.15616055555555],UNIT["Meter",1.0]]';

/** A free spot in Zoeterwoude, south-east of Leiden (RD New). */
const X = 93_500;
const Y = 460_000;

const terreinVerzoek = (bestand: string, laag: string, velden: Record<string, unknown> = { naam: { veld: 'naam' } }) =>
  ({ bestand, laag, doel: 'terreinen', bron: BRON, bron_id_veld: 'id', velden });

describe('coordinate reference systems as municipalities deliver them', () => {
  it('recognises RD New in a Shapefile .prj with TOWGS84 and imports it with PostGIS hectares', async () => {
    const wg = await api.as('regisseur');
    const zip = await shapefileMetPrj('towgs', { geometry: box(X, Y, X + 100, Y + 100), properties: { id: 'W1', naam: 'Terrein TOWGS84' } }, RD_TOWGS84);
    const up = await upload(api.app, wg, 'towgs.zip', zip);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body.bronnen[0].lagen[0]).toMatchObject({ crs: { epsg: 28992 }, crs_oordeel: { ok: true, epsg: 28992 } });
    const { rapport } = await controleer(wg, up.body.id, terreinVerzoek('towgs.shp', 'towgs'));
    expect(rapport.objecten).toEqual([expect.objectContaining({ bron_id: 'W1', naam: 'Terrein TOWGS84', oordeel: 'nieuw', ha: 1, problemen: [] })]);
    expect(rapport.epsg).toBe(28992);
  }, 180_000);

  it('names the one stray feature far outside the Netherlands instead of refusing the whole layer\'s CRS', async () => {
    const wg = await api.as('regisseur');
    const gpkg = await gisBestand('gpkg', [
      { geometry: box(X + 200, Y, X + 300, Y + 100), properties: { id: 'V1', naam: 'Goed terrein' } },
      // Digitised at the origin by mistake, a classic in QGIS.
      { geometry: box(0, 0, 100, 100), properties: { id: 'V2', naam: 'Verdwaald terrein' } },
    ], { laag: 'verdwaald' });
    const up = await upload(api.app, wg, 'verdwaald.gpkg', gpkg);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const { rapport } = await controleer(wg, up.body.id, terreinVerzoek('verdwaald.gpkg', 'verdwaald'));
    const per = Object.fromEntries(rapport.objecten.map((o: any) => [o.bron_id, o]));
    expect(per.V1).toMatchObject({ oordeel: 'nieuw', ha: 1, problemen: [] });
    expect(per.V2).toMatchObject({ oordeel: 'fout', problemen: [expect.objectContaining({ code: 'buiten_bereik', melding: expect.stringContaining('(x 0, y 0) liggen in RD New (EPSG:28992) niet in Nederland') })] });
    // Nothing can be written while it is there.
    const r = await schrijf(wg, up.body.id, 'uitvoeren');
    expect(r.start.status).toBe(422);
    expect(r.start.body.error.code).toBe('import_heeft_fouten');
  }, 180_000);

  it('reads RD New with NAP heights (EPSG:7415, as BGT and 3D data come) as RD New, and an ArcGIS .prj without an EPSG code too', async () => {
    const wg = await api.as('regisseur');
    const gpkg = await gisBestand('gpkg', [{ geometry: box(X + 1800, Y, X + 1900, Y + 100), properties: { id: 'N1', naam: 'Terrein met NAP' } }],
      { laag: 'nap', crs: 'urn:ogc:def:crs:EPSG::7415' });
    const up = await upload(api.app, wg, 'nap.gpkg', gpkg);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body.bronnen[0].lagen[0]).toMatchObject({ crs: { epsg: 28992, naam: expect.stringContaining('NAP') }, crs_oordeel: { ok: true, epsg: 28992 } });
    const { rapport } = await controleer(wg, up.body.id, terreinVerzoek('nap.gpkg', 'nap'));
    expect(rapport.objecten).toEqual([expect.objectContaining({ bron_id: 'N1', oordeel: 'nieuw', ha: 1, problemen: [] })]);

    // ArcGIS writes RD New as ESRI WKT, without any EPSG code.
    const zip = await shapefileMetPrj('arcgis', { geometry: box(X + 2000, Y, X + 2100, Y + 100), properties: { id: 'A1', naam: 'Terrein ArcGIS' } }, RD_ESRI);
    const esri = await upload(api.app, wg, 'arcgis.zip', zip);
    expect(esri.body.bronnen[0].lagen[0]).toMatchObject({ crs: { epsg: 28992 }, crs_oordeel: { ok: true, epsg: 28992 } });
  }, 180_000);
});

describe('fields an import cannot fill', () => {
  it('refuses a mapping onto the ingangsdatum (no column) up front, instead of a dry run that fails with a server error', async () => {
    const rg = await api.as('regisseur');
    const velden = (await rg.get('/api/import/doelvelden')).body;
    for (const d of velden) expect(d.velden.map((v: any) => v.naam), d.doel).not.toContain('ingangsdatum');
    const gpkg = await gisBestand('gpkg', [{ geometry: box(X + 400, Y, X + 500, Y + 100), properties: { id: 'D1', naam: 'Terrein met datum', ingang: '2026-03-01' } }], { laag: 'datums' });
    const up = await upload(api.app, rg, 'datums.gpkg', gpkg);
    const r = await rg.send('POST', `/api/import/${up.body.id}/controle`, terreinVerzoek('datums.gpkg', 'datums', { naam: { veld: 'naam' }, ingangsdatum: { veld: 'ingang' } }));
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'doelveld_onbekend', message: "Veld 'ingangsdatum' bestaat niet bij terreinen." });
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM import_object WHERE import_id = $1`, [up.body.id]);
    expect(rows[0].n).toBe(0);
  }, 180_000);
});

describe('our own exports back in', () => {
  it('reads a CSV with x_rd, y_rd and wkt_rd (as the export writes it) by its polygon, not its point', async () => {
    const rg = await api.as('regisseur');
    const csv = `\ufeffid;naam;x_rd;y_rd;wkt_rd\r\nE1;Terrein uit export;${X + 1250};${Y + 50};"POLYGON ((${X + 1200} ${Y}, ${X + 1300} ${Y}, ${X + 1300} ${Y + 100}, ${X + 1200} ${Y + 100}, ${X + 1200} ${Y}))"\r\n`;
    const up = await upload(api.app, rg, 'export.csv', Buffer.from(csv, 'utf8'));
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const laag = up.body.bronnen[0].lagen[0];
    const { rapport } = await controleer(rg, up.body.id, { ...terreinVerzoek('export.csv', laag.naam), epsg: 28992 });
    expect(rapport.objecten).toEqual([expect.objectContaining({ bron_id: 'E1', naam: 'Terrein uit export', oordeel: 'nieuw', ha: 1, problemen: [] })]);
  }, 180_000);
});

describe('text that looks like a number', () => {
  it('keeps the leading zeros of ids and names in a CSV (kavelnummer 0012 stays 0012, so a re-delivery finds it)', async () => {
    const rg = await api.as('regisseur');
    const csv = `wkt;id;naam\r\n"POLYGON ((${X + 1400} ${Y}, ${X + 1500} ${Y}, ${X + 1500} ${Y + 100}, ${X + 1400} ${Y + 100}, ${X + 1400} ${Y}))";0012;007\r\n`;
    const up = await upload(api.app, rg, 'nullen.csv', Buffer.from(csv, 'utf8'));
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const laag = up.body.bronnen[0].lagen[0];
    expect(laag.velden.find((v: any) => v.naam === 'id').voorbeelden).toEqual(['0012']);
    const { rapport } = await controleer(rg, up.body.id, { ...terreinVerzoek('nullen.csv', laag.naam), epsg: 28992 });
    expect(rapport.objecten).toEqual([expect.objectContaining({ bron_id: '0012', naam: '007', oordeel: 'nieuw', ha: 1 })]);
  }, 180_000);
});

describe('an empty ja/nee column', () => {
  it('keeps a terrein protected when a re-delivery leaves niet_te_transformeren empty (empty is not given, not "nee")', async () => {
    const rg = await api.as('regisseur');
    const velden = { naam: { veld: 'naam' }, niet_te_transformeren: { veld: 'beschermd' }, watergebonden: { veld: 'water' } };
    const levering = async (beschermd: string, water: string) => {
      const file = await gisBestand('geojson', [{ geometry: box(X + 1600, Y, X + 1700, Y + 100), properties: { id: 'B1', naam: 'Beschermd terrein', beschermd, water } }]);
      const up = await upload(api.app, rg, 'beschermd.geojson', file);
      expect(up.status, JSON.stringify(up.body)).toBe(201);
      return { id: up.body.id as string, rapport: (await controleer(rg, up.body.id, terreinVerzoek('beschermd.geojson', up.body.bronnen[0].lagen[0].naam, velden))).rapport };
    };
    const eerste = await levering('ja', '');
    expect(eerste.rapport.objecten).toEqual([expect.objectContaining({ bron_id: 'B1', oordeel: 'nieuw', problemen: [] })]);
    await schrijf(rg, eerste.id, 'uitvoeren');
    const opgeslagen = async () => (await db.pool.query(
      `SELECT niet_te_transformeren, watergebonden FROM terrein WHERE bron = $1 AND bron_id = 'B1'`, [BRON])).rows;
    // A new record without a value gets the default.
    expect(await opgeslagen()).toEqual([{ niet_te_transformeren: true, watergebonden: false }]);

    const tweede = await levering('', '');
    expect(tweede.rapport.objecten).toEqual([expect.objectContaining({ bron_id: 'B1', oordeel: 'ongewijzigd' })]);
    await schrijf(rg, tweede.id, 'uitvoeren');
    expect(await opgeslagen()).toEqual([{ niet_te_transformeren: true, watergebonden: false }]);

    // "nee" said in so many words does change it.
    const derde = await levering('nee', '');
    expect(derde.rapport.objecten).toEqual([expect.objectContaining({ bron_id: 'B1', oordeel: 'gewijzigd' })]);
  }, 180_000);
});

/** A zipped Shapefile of one feature whose .prj is the given text (as another GIS wrote it). */
async function shapefileMetPrj(laag: string, feature: TestFeature, prj: string): Promise<Buffer> {
  const zonderPrj = await gisBestand('shp', [feature], { laag, zonder: ['.prj'] });
  const dir = await mkdtemp(path.join(EXCHANGE_DIR, `test-${laag}-`));
  try {
    await writeFile(path.join(dir, 'in.zip'), zonderPrj);
    const bestanden = await pakUit(path.join(dir, 'in.zip'), path.join(dir, 'uit'));
    await writeFile(path.join(dir, 'uit', `${laag}.prj`), prj);
    return await maakZip([...bestanden, path.join(dir, 'uit', `${laag}.prj`)].map((p) => ({ pad: p, naam: path.basename(p) })));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
