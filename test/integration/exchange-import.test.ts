// Import of a municipality's GIS files (issue #14): the example GeoPackage and its
// re-delivery as a zipped Shapefile, the refusals (each with nothing written), the
// werkgroep's gemeente scope, cancelling, and the remembered field mapping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { testApp, testDatabase } from '../support/api.ts';
import { rememberIds } from '../support/editor-fixture.ts';
import {
  box, controleer, EXAMPLES, gisBestand, KAVEL_VELDEN, schrijf, TERREIN_VELDEN, upload, wacht, X0, Y0,
} from '../support/exchange.ts';
import { TEST_ACCOUNTS } from '../support/accounts.ts';

const db = testDatabase();
const api = testApp(db);
let restore: () => Promise<void>;
const BRON = `Gemeente Leiden kavelregister ${Date.now()}`;

beforeAll(async () => { restore = (await rememberIds(db)).restore; });
afterAll(async () => {
  await restore();
  await db.close();
});

/** What an import may have changed: the rows of the layers and the audit trail. */
async function stand() {
  const { rows } = await db.pool.query(
    `SELECT (SELECT count(*) FROM kavel)::int AS kavels, (SELECT count(*) FROM terrein)::int AS terreinen,
            (SELECT count(*) FROM audit_log)::int AS audit`,
  );
  return rows[0];
}

const voorbeeld = () => readFile(path.join(EXAMPLES, 'leiden_kavels.gpkg'));
const kavelVerzoek = (laag = 'kavels', bestand = 'leiden_kavels.gpkg') => ({
  bestand, laag, doel: 'kavels', bron: BRON, bron_id_veld: 'KAVELNR', velden: KAVEL_VELDEN,
});

describe('the example GeoPackage', () => {
  let terreinId: number;

  it('lists its layers with CRS, fields and value previews', async () => {
    const up = await upload(api.app, await api.as('werkgroep_leiden'), 'leiden_kavels.gpkg', await voorbeeld());
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const lagen = up.body.bronnen[0].lagen;
    expect(lagen.map((l: any) => l.naam).sort()).toEqual(['bedrijventerrein', 'kavels']);
    const kavels = lagen.find((l: any) => l.naam === 'kavels');
    expect(kavels).toMatchObject({ aantal: 6, crs: { epsg: 28992 }, crs_oordeel: { ok: true, epsg: 28992 } });
    expect(kavels.velden.find((v: any) => v.naam === 'NAAM').voorbeelden).toContain('Kavel één');
  });

  it('imports the business park: the dry run writes nothing, the commit one audited record', async () => {
    const wg = await api.as('werkgroep_leiden');
    const up = await upload(api.app, wg, 'leiden_kavels.gpkg', await voorbeeld());
    const { rapport } = await controleer(wg, up.body.id, { bestand: 'leiden_kavels.gpkg', laag: 'bedrijventerrein', doel: 'terreinen', bron: BRON, bron_id_veld: 'TERREIN_ID', velden: TERREIN_VELDEN });
    expect(rapport.aantallen).toEqual({ nieuw: 1, gewijzigd: 0, ongewijzigd: 0, fout: 0, waarschuwingen: 0 });
    const voor = await stand();
    const proef = await schrijf(wg, up.body.id, 'proefdraai');
    expect(proef.sessie.proef).toMatchObject({ proef: true, aangemaakt: 1 });
    expect(await stand()).toEqual(voor);
    const echt = await schrijf(wg, up.body.id, 'uitvoeren');
    expect(echt.sessie.resultaat).toMatchObject({ proef: false, aangemaakt: 1 });
    terreinId = echt.sessie.resultaat.ids[0];
    const { rows } = await db.pool.query(
      `SELECT t.naam, t.bron, t.bron_id, t.milieucategorie_max, t.typologie, g.naam AS gemeente, a.account_id, a.reden
       FROM terrein t JOIN gemeente g ON g.id = t.gemeente_id JOIN audit_log a ON a.tabel = 'terrein' AND a.record_id = t.id
       WHERE t.id = $1`, [terreinId]);
    const wgId = (await db.pool.query(`SELECT id FROM account WHERE email = $1`, [TEST_ACCOUNTS.find((a) => a.key === 'werkgroep_leiden')!.email])).rows[0].id;
    expect(rows).toEqual([{
      naam: 'Bedrijvenpark Rijnhof-Zuid (voorbeeld)', bron: BRON, bron_id: 'LEI-T-001', milieucategorie_max: '4.1',
      typologie: 'matig_gedifferentieerd', gemeente: 'Leiden', account_id: wgId, reden: `import leiden_kavels.gpkg (bron ${BRON})`,
    }]);
  });

  it('imports its kavels on that park with their names, values and PostGIS hectares', async () => {
    const wg = await api.as('werkgroep_leiden');
    const up = await upload(api.app, wg, 'leiden_kavels.gpkg', await voorbeeld());
    const { rapport } = await controleer(wg, up.body.id, kavelVerzoek());
    expect(rapport.aantallen).toMatchObject({ nieuw: 6, fout: 0 });
    const { sessie } = await schrijf(wg, up.body.id, 'uitvoeren');
    expect(sessie.resultaat.aangemaakt).toBe(6);
    const { rows } = await db.pool.query(
      `SELECT bron_id, naam, terrein_id, milieucategorie_max, status, beschikbaar_vanaf, round(oppervlakte_ha::numeric, 4)::float8 AS ha
       FROM kavel WHERE bron = $1 ORDER BY bron_id`, [BRON]);
    expect(rows.map((r) => r.naam)).toEqual(['Kavel één', 'Kavel Café-Noord', 'Kavel Ærø €', 'Kavel Groenewoud-Öst', 'Kavel Rijnzicht', 'Kavel Zuidrand']);
    expect(rows.every((r) => r.terrein_id === terreinId)).toBe(true);
    expect(rows[0]).toMatchObject({ bron_id: 'LEI-K-001', milieucategorie_max: '3.1', status: 'beschikbaar', beschikbaar_vanaf: '2026-03-01', ha: 1.755 });
    expect(rows[4]).toMatchObject({ status: 'in_optie' });
  });

  it('updates on a re-delivery instead of duplicating: the same file changes nothing', async () => {
    const wg = await api.as('werkgroep_leiden');
    const up = await upload(api.app, wg, 'leiden_kavels.gpkg', await voorbeeld());
    const { rapport } = await controleer(wg, up.body.id, kavelVerzoek());
    expect(rapport.aantallen).toEqual({ nieuw: 0, gewijzigd: 0, ongewijzigd: 6, fout: 0, waarschuwingen: 0 });
    expect(rapport.ontbrekend).toEqual([]);
  });

  it('finds nothing changed in its own GeoJSON export (WGS84, 7 decimals), but does find a kavel moved 15 cm', async () => {
    const wg = await api.as('werkgroep_leiden');
    const res = await api.app.request('/api/export/lagen/kavels?formaat=geojson&bbox=4.479,52.132,4.487,52.137', { headers: { cookie: wg.cookie } });
    expect(res.status).toBe(200);
    const fc = JSON.parse(await res.text());
    fc.features = fc.features.filter((f: any) => f.properties.bron === BRON);
    expect(fc.features).toHaveLength(6);
    const velden = Object.fromEntries(Object.keys(KAVEL_VELDEN).map((k) => [k, { veld: k }]));
    const verzoek = { bestand: 'kavels.geojson', laag: 'kavels', doel: 'kavels', bron: BRON, bron_id_veld: 'bron_id', velden };

    const terug = await upload(api.app, wg, 'kavels.geojson', Buffer.from(JSON.stringify(fc)));
    expect(terug.status, JSON.stringify(terug.body)).toBe(201);
    verzoek.laag = terug.body.bronnen[0].lagen[0].naam;
    const { rapport } = await controleer(wg, terug.body.id, verzoek);
    expect(rapport.aantallen, JSON.stringify(rapport.objecten.filter((o: any) => o.oordeel !== 'ongewijzigd')))
      .toEqual({ nieuw: 0, gewijzigd: 0, ongewijzigd: 6, fout: 0, waarschuwingen: 0 });

    // 0.0000022° of longitude is 15 cm here: a real change of the boundary.
    const verschoven = fc.features.find((f: any) => f.properties.bron_id === 'LEI-K-003');
    verschoven.geometry.coordinates = verschoven.geometry.coordinates.map((poly: number[][][]) =>
      poly.map((ring) => ring.map(([x, y]) => [x + 0.0000022, y])));
    const anders = await upload(api.app, wg, 'kavels.geojson', Buffer.from(JSON.stringify(fc)));
    const tweede = await controleer(wg, anders.body.id, verzoek);
    expect(tweede.rapport.objecten.filter((o: any) => o.oordeel === 'gewijzigd').map((o: any) => o.bron_id)).toEqual(['LEI-K-003']);
    expect(tweede.rapport.aantallen.ongewijzigd).toBe(5);
  });

  it('reports exactly the changed, new and missing kavels of next year\'s Shapefile, and removes only what is confirmed', async () => {
    const wg = await api.as('werkgroep_leiden');
    const up = await upload(api.app, wg, 'leiden_kavels_2027.zip', await readFile(path.join(EXAMPLES, 'leiden_kavels_2027.zip')));
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body.bronnen[0]).toMatchObject({ formaat: 'shp', meldingen: [] });
    const { rapport } = await controleer(wg, up.body.id, kavelVerzoek('leiden_kavels_2027', 'leiden_kavels_2027.shp'));
    const per = (oordeel: string) => rapport.objecten.filter((o: any) => o.oordeel === oordeel).map((o: any) => o.bron_id);
    expect(per('gewijzigd')).toEqual(['LEI-K-002']);
    expect(per('nieuw')).toEqual(['LEI-K-007']);
    expect(per('ongewijzigd')).toEqual(['LEI-K-001', 'LEI-K-003', 'LEI-K-004', 'LEI-K-005']);
    expect(per('fout')).toEqual([]);
    expect(rapport.ontbrekend).toEqual([expect.objectContaining({ bron_id: 'LEI-K-006', naam: 'Kavel Zuidrand', gemeente: 'Leiden', mag_verwijderen: true })]);
    const missing = rapport.ontbrekend[0].id;

    // The new kavel lies where the missing one was: without confirming its removal nothing happens.
    const voor = await stand();
    const zonder = await schrijf(wg, up.body.id, 'uitvoeren');
    expect(zonder.start.status).toBe(422);
    expect(zonder.start.body.error).toMatchObject({ code: 'bevestig_verwijderen', details: { kavel_ids: [missing] } });
    expect(await stand()).toEqual(voor);

    const met = await schrijf(wg, up.body.id, 'uitvoeren', [missing]);
    expect(met.sessie.resultaat).toMatchObject({ aangemaakt: 1, bijgewerkt: 1, ongewijzigd: 4, verwijderd: 1 });
    const { rows } = await db.pool.query(`SELECT bron_id, status, round(oppervlakte_ha::numeric, 4)::float8 AS ha FROM kavel WHERE bron = $1 ORDER BY bron_id`, [BRON]);
    expect(rows.map((r) => r.bron_id)).toEqual(['LEI-K-001', 'LEI-K-002', 'LEI-K-003', 'LEI-K-004', 'LEI-K-005', 'LEI-K-007']);
    expect(rows[1]).toEqual({ bron_id: 'LEI-K-002', status: 'in_optie', ha: 1.485 });
  });

  it('refuses the werkgroep of another gemeente, feature by feature', async () => {
    const kw = await api.as('werkgroep_katwijk');
    const up = await upload(api.app, kw, 'leiden_kavels.gpkg', await voorbeeld());
    const { rapport } = await controleer(kw, up.body.id, { ...kavelVerzoek(), bron: `${BRON} (Katwijk)` });
    expect(rapport.aantallen.fout).toBe(6);
    // (They also overlap the kavels Leiden just imported.)
    expect(rapport.objecten[0].problemen).toEqual(expect.arrayContaining([expect.objectContaining({
      code: 'andere_gemeente', melding: 'Dit object ligt (grotendeels) in Leiden; u mag alleen gegevens van Katwijk importeren.',
    })]));
    const r = await schrijf(kw, up.body.id, 'uitvoeren');
    expect(r.start.status).toBe(422);
    expect(r.start.body.error.code).toBe('import_heeft_fouten');
  });

  it('remembers the field mapping per source', async () => {
    const r = await (await api.as('regisseur')).get(`/api/import/koppelingen?doel=kavels&bron=${encodeURIComponent(BRON)}`);
    expect(r.body.koppeling).toMatchObject({ bron_id_veld: 'KAVELNR', velden: KAVEL_VELDEN });
  });
});

describe('refusals, each with nothing written', () => {
  const kavel = (id: string, geometry: object, extra: Record<string, unknown> = {}) =>
    ({ geometry, properties: { KAVELNR: id, NAAM: `Testkavel ${id}`, MILIEUCAT: '3.1', ...extra } });
  const verzoek = (bestand: string, laag: string, extra: Record<string, unknown> = {}) =>
    ({ bestand, laag, doel: 'kavels', bron: `${BRON} test`, bron_id_veld: 'KAVELNR', velden: { naam: { veld: 'NAAM' }, milieucategorie_max: { veld: 'MILIEUCAT' } }, ...extra });

  it('a Shapefile without .prj: the user must say which CRS', async () => {
    const wg = await api.as('werkgroep_leiden');
    const zip = await gisBestand('shp', [kavel('T1', box(X0 + 20, Y0 + 20, X0 + 60, Y0 + 60))], { laag: 'zonder_prj', zonder: ['.prj'] });
    const up = await upload(api.app, wg, 'zonder_prj.zip', zip);
    expect(up.status).toBe(201);
    expect(up.body.bronnen[0].lagen[0]).toMatchObject({ crs: null, crs_oordeel: { ok: false, code: 'crs_ontbreekt', voorstel_epsg: 28992 } });
    const voor = await stand();
    const r = await wg.send('POST', `/api/import/${up.body.id}/controle`, verzoek('zonder_prj.shp', 'zonder_prj'));
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'crs_ontbreekt', message: expect.stringContaining('ontbreekt de .prj') });
    expect(await stand()).toEqual(voor);
    // With the CRS chosen the check runs.
    const { sessie } = await controleer(wg, up.body.id, verzoek('zonder_prj.shp', 'zonder_prj', { epsg: 28992 }));
    expect(sessie.taak.status).toBe('klaar');
  });

  it('RD New coordinates declared as WGS84, with the hint', async () => {
    const wg = await api.as('werkgroep_leiden');
    const json = await gisBestand('geojson', [kavel('T2', box(X0 + 20, Y0 + 20, X0 + 60, Y0 + 60))], { crs: 'urn:ogc:def:crs:OGC:1.3:CRS84' });
    const up = await upload(api.app, wg, 'rd_als_wgs84.geojson', json);
    expect(up.status).toBe(201);
    const laag = up.body.bronnen[0].lagen[0];
    const r = await wg.send('POST', `/api/import/${up.body.id}/controle`, verzoek('rd_als_wgs84.geojson', laag.naam));
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'crs_past_niet', details: { voorstel_epsg: 28992 } });
    expect(r.body.error.message).toMatch(/WGS 84.*RD New \(EPSG:28992\)/s);
  });

  it('an invalid polygon: the report names the feature and the location', async () => {
    const wg = await api.as('werkgroep_leiden');
    const strik = { type: 'Polygon', coordinates: [[[X0 + 20, Y0 + 20], [X0 + 80, Y0 + 80], [X0 + 80, Y0 + 20], [X0 + 20, Y0 + 80], [X0 + 20, Y0 + 20]]] };
    const gpkg = await gisBestand('gpkg', [kavel('T3', strik, { NAAM: 'Strikkavel' })], { laag: 'strik' });
    const up = await upload(api.app, wg, 'strik.gpkg', gpkg);
    const { rapport } = await controleer(wg, up.body.id, verzoek('strik.gpkg', 'strik'));
    expect(rapport.objecten[0]).toMatchObject({ bron_id: 'T3', naam: 'Strikkavel', oordeel: 'fout' });
    const p = rapport.objecten[0].problemen[0];
    expect(p).toMatchObject({ code: 'zelfdoorsnijding', melding: expect.stringContaining('kruisen') });
    expect(p.locatie[0]).toBeCloseTo(4.4815, 2);
    expect(p.locatie[1]).toBeCloseTo(52.1328, 2);
    const csv = await api.app.request(`/api/import/${up.body.id}/rapport.csv`, { headers: { cookie: wg.cookie } });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toMatch(/^\ufeffvolgnummer;bron_id;naam/);
    expect(bytes.toString('utf8')).toMatch(/T3;Strikkavel;fout;;fout;zelfdoorsnijding;De lijnen van het vlak kruisen zichzelf\.;;4,48\d*;52,13\d*/);
    const voor = await stand();
    const r = await schrijf(wg, up.body.id, 'uitvoeren');
    expect(r.start.status).toBe(422);
    expect(r.start.body.error.code).toBe('import_heeft_fouten');
    expect(await stand()).toEqual(voor);
  });

  it('a kavel overlapping an existing one', async () => {
    const wg = await api.as('werkgroep_leiden');
    const { rows } = await db.pool.query(`SELECT id, naam FROM kavel WHERE bron = $1 AND bron_id = 'LEI-K-001'`, [BRON]);
    const gpkg = await gisBestand('gpkg', [kavel('T4', box(X0 + 100, Y0 + 100, X0 + 143, Y0 + 120))], { laag: 'overlap' });
    const up = await upload(api.app, wg, 'overlap.gpkg', gpkg);
    const { rapport } = await controleer(wg, up.body.id, verzoek('overlap.gpkg', 'overlap'));
    expect(rapport.objecten[0].problemen).toEqual([expect.objectContaining({
      code: 'overlapt_kavel', kavel_id: rows[0].id, melding: expect.stringMatching(/Overlapt bestaande kavel 'Kavel één' .* 800 m²/),
    })]);
    const voor = await stand();
    expect((await schrijf(wg, up.body.id, 'uitvoeren')).start.status).toBe(422);
    expect(await stand()).toEqual(voor);
  });

  it('a zip with a path-traversal entry, a zip bomb and corrupt GeoPackages', async () => {
    const wg = await api.as('werkgroep_leiden');
    const voor = await stand();
    const goed = await gisBestand('shp', [kavel('T5', box(X0 + 20, Y0 + 20, X0 + 60, Y0 + 60))], { laag: 'aaaaaaaa' });
    const traversal = Buffer.from(goed.toString('latin1').split('aaaaaaaa.dbf').join('../../x.dbf'.padStart(12, '.')), 'latin1');
    const r1 = await upload(api.app, wg, 'levering.zip', traversal);
    expect(r1.status).toBe(422);
    expect(r1.body.error).toMatchObject({ code: 'zip_onveilig_pad', message: expect.stringContaining('buiten de map') });

    const yazl = (await import('yazl')).default;
    const bom = new yazl.ZipFile();
    bom.addBuffer(Buffer.alloc(40 * 1024 * 1024), 'bom.dbf');
    bom.end();
    const chunks: Buffer[] = [];
    for await (const c of bom.outputStream) chunks.push(c as Buffer);
    const r2 = await upload(api.app, wg, 'bom.zip', Buffer.concat(chunks));
    expect(r2.status).toBe(422);
    expect(r2.body.error.code).toBe('zip_bom');

    const r3 = await upload(api.app, wg, 'kapot.gpkg', Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4096, 7)]));
    expect(r3.status).toBe(422);
    expect(r3.body.error).toMatchObject({ code: 'onleesbaar', message: expect.stringContaining('GeoPackage') });
    const r4 = await upload(api.app, wg, 'geen.gpkg', Buffer.from('dit is geen geopackage'));
    expect(r4.status).toBe(422);
    expect(r4.body.error.code).toBe('onleesbaar');
    expect(await stand()).toEqual(voor);
  }, 60_000);

  it('a file over 100 MB, streamed (not held in memory) and stopped at the limit', async () => {
    const wg = await api.as('werkgroep_leiden');
    let sent = 0;
    const chunk = new Uint8Array(1024 * 1024);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 101 * 1024 * 1024) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const r = await upload(api.app, wg, 'groot.gpkg', stream);
    expect(r.status).toBe(413);
    expect(r.body.error).toMatchObject({ code: 'te_groot', message: expect.stringContaining('100 MB') });
    // A declared size over the limit is refused before reading.
    const r2 = await upload(api.app, wg, 'groot.gpkg', Buffer.from('x'), { 'content-length': String(200 * 1024 * 1024) });
    expect(r2.status).toBe(413);
  }, 60_000);

  it('keeps the 2 MB limit on the other routes', async () => {
    const r = await (await api.as('regisseur')).send('POST', '/api/kavels', 'x'.repeat(3 * 1024 * 1024));
    expect(r.status).toBe(413);
  });
});

describe('other formats', () => {
  const velden = { naam: { veld: 'naam' }, milieucategorie_max: { veld: 'cat' } };

  it('reads a Dutch CSV with WKT in RD New, refuses x/y points, and reads FlatGeobuf', async () => {
    const wg = await api.as('werkgroep_leiden');
    // The 5 m strip between two kavels of the example park.
    const strook = `POLYGON ((${X0 + 140.5} ${Y0 + 20}, ${X0 + 144.5} ${Y0 + 20}, ${X0 + 144.5} ${Y0 + 140}, ${X0 + 140.5} ${Y0 + 140}, ${X0 + 140.5} ${Y0 + 20}))`;
    const csv = `\ufeffwkt;naam;id;cat\r\n"${strook}";Strook één;S1;3,1\r\n`;
    const up = await upload(api.app, wg, 'strook.csv', Buffer.from(csv, 'utf8'));
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const laag = up.body.bronnen[0].lagen[0];
    expect(laag.geometrietype).toBe('Geometry');
    const { rapport } = await controleer(wg, up.body.id, { bestand: 'strook.csv', laag: laag.naam, doel: 'kavels', bron: `${BRON} csv`, bron_id_veld: 'id', velden, epsg: 28992 });
    expect(rapport.objecten[0]).toMatchObject({ bron_id: 'S1', naam: 'Strook één', oordeel: 'nieuw', ha: 0.048 });

    const punten = `x;y;naam;id;cat\r\n${X0 + 50};${Y0 + 50};Punt;P1;2\r\n`;
    const up2 = await upload(api.app, wg, 'punten.csv', Buffer.from(punten, 'utf8'));
    const laag2 = up2.body.bronnen[0].lagen[0];
    const r2 = await controleer(wg, up2.body.id, { bestand: 'punten.csv', laag: laag2.naam, doel: 'kavels', bron: `${BRON} csv`, bron_id_veld: 'id', velden, epsg: 28992 });
    expect(r2.rapport.objecten[0].problemen).toEqual([expect.objectContaining({ code: 'geen_vlak', melding: expect.stringContaining('Point') })]);

    const fgb = await gisBestand('fgb', [{ geometry: box(X0 + 140.5, Y0 + 20, X0 + 144.5, Y0 + 140), properties: { naam: 'Strook twee', id: 'S2', cat: '2' } }], { laag: 'strook' });
    const up3 = await upload(api.app, wg, 'strook.fgb', fgb);
    expect(up3.status, JSON.stringify(up3.body)).toBe(201);
    expect(up3.body.bronnen[0]).toMatchObject({ formaat: 'fgb', lagen: [expect.objectContaining({ crs: expect.objectContaining({ epsg: 28992 }) })] });
    const r3 = await controleer(wg, up3.body.id, { bestand: 'strook.fgb', laag: up3.body.bronnen[0].lagen[0].naam, doel: 'kavels', bron: `${BRON} fgb`, bron_id_veld: 'id', velden });
    expect(r3.rapport.objecten[0]).toMatchObject({ naam: 'Strook twee', oordeel: 'nieuw' });
  });
});

describe('import sessions', () => {
  it('belong to the user who uploaded; the stuurgroep cannot import', async () => {
    const up = await upload(api.app, await api.as('werkgroep_leiden'), 'leiden_kavels.gpkg', await voorbeeld());
    expect((await (await api.as('werkgroep_katwijk')).get(`/api/import/${up.body.id}`)).status).toBe(404);
    const sg = await upload(api.app, await api.as('stuurgroep'), 'leiden_kavels.gpkg', await voorbeeld());
    expect(sg.status).toBe(403);
  });

  it('can be cancelled while the check runs; nothing stays staged', async () => {
    const wg = await api.as('werkgroep_leiden');
    const features = [];
    for (let i = 0; i < 40; i++) for (let j = 0; j < 40; j++) {
      features.push({ geometry: box(X0 + i * 10, Y0 + j * 7, X0 + i * 10 + 9, Y0 + j * 7 + 6), properties: { KAVELNR: `C${i}-${j}`, NAAM: `C${i}-${j}`, MILIEUCAT: '2' } });
    }
    const up = await upload(api.app, wg, 'veel.gpkg', await gisBestand('gpkg', features, { laag: 'veel' }));
    const start = await wg.send('POST', `/api/import/${up.body.id}/controle`, { bestand: 'veel.gpkg', laag: 'veel', doel: 'kavels', bron: `${BRON} veel`, bron_id_veld: 'KAVELNR', velden: { naam: { veld: 'NAAM' }, milieucategorie_max: { veld: 'MILIEUCAT' } } });
    expect(start.status).toBe(202);
    const cancel = await wg.send('POST', `/api/import/${up.body.id}/annuleren`, {});
    expect(cancel.status).toBe(200);
    const s = await wacht(wg, up.body.id);
    expect(s.taak.status).toBe('geannuleerd');
    expect(s.samenvatting).toBeNull();
    await new Promise((r) => setTimeout(r, 300));
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM import_object WHERE import_id = $1`, [up.body.id]);
    expect(rows[0].n).toBe(0);
    expect((await wg.send('POST', `/api/import/${up.body.id}/annuleren`, {})).status).toBe(409);
  }, 60_000);
});
