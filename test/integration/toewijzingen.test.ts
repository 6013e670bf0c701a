// Toewijzing of compensatie hectares (never more than the compensatie has, also under
// concurrency) and bestuursovereenkomsten with the 50 % contribution.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase, type Client } from '../support/api.ts';
import { findEmptySpot, rdBox, rememberIds, type Spot, createFeature, werkgroepenVoor } from '../support/editor-fixture.ts';

const db = testDatabase();
const api = testApp(db);
const one = async (sql: string, params: unknown[] = []) => (await db.pool.query(sql, params)).rows[0];

let spot: Spot;
let reg: Client;
let own: Client;
let other: Client;
let cleanup: Awaited<ReturnType<typeof rememberIds>>;
const transformaties: number[] = [];
const box = (x1: number, y1: number, x2: number, y2: number) => rdBox(db, spot, x1, y1, x2, y2);
const gemeente = async (naam: string) => (await one(`SELECT id FROM gemeente WHERE naam = $1`, [naam])).id as number;

const create = (layer: string, geometry: unknown, properties: Record<string, unknown>) => createFeature(reg, layer, geometry, properties);
/** A compensatie of exactly 1 ha (100 × 100 m) next to the terrein. */
let nextComp = 0;
const compensatie = async () => {
  const x = -150 - 120 * nextComp++;
  return (await create('compensaties', await box(x, 0, x + 100, 100), { naam: `Testcompensatie ${nextComp}` })).id as number;
};

beforeAll(async () => {
  cleanup = await rememberIds(db);
  spot = await findEmptySpot(db);
  reg = await api.as('regisseur');
  ({ own, other } = await werkgroepenVoor(api, spot));
  await create('terreinen', await box(0, 0, 600, 600), { naam: 'Toewijzingtest terrein' });
  for (let i = 0; i < 5; i++) {
    transformaties.push((await create('transformaties', await box(100 * i, 0, 100 * i + 80, 80), { naam: `T${i}`, nieuwe_functie: 'overig' })).id);
  }
});

afterAll(async () => {
  await cleanup.restore();
  await db.close();
});

describe('toewijzingen', () => {
  it('gives out hectares up to the area of the compensatie and refuses more', async () => {
    const c = await compensatie();
    const first = await reg.send('POST', `/api/compensaties/${c}/toewijzingen`, { transformatie_id: transformaties[0], hectares: 0.6 });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.toewijzing).toMatchObject({ compensatie_id: c, transformatie_id: transformaties[0], hectares: 0.6, version: 1 });
    expect(first.body.oppervlakte_ha).toBeCloseTo(1, 6);
    expect(first.body.beschikbaar_ha).toBeCloseTo(0.4, 6);

    const tooMuch = await reg.send('POST', `/api/compensaties/${c}/toewijzingen`, { transformatie_id: transformaties[1], hectares: 0.5 });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.code).toBe('onvoldoende_hectares');
    expect(tooMuch.body.error.details.beschikbaar_ha).toBeCloseTo(0.4, 6);
    expect(tooMuch.body.error.message).toContain('0,40 ha');

    const dup = await reg.send('POST', `/api/compensaties/${c}/toewijzingen`, { transformatie_id: transformaties[0], hectares: 0.1 });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('bestaat_al');

    const rest = await reg.send('POST', `/api/compensaties/${c}/toewijzingen`, { transformatie_id: transformaties[1], hectares: 0.4 });
    expect(rest.status, JSON.stringify(rest.body)).toBe(201);
    expect(rest.body.beschikbaar_ha).toBeCloseTo(0, 6);
    const full = await reg.send('POST', `/api/compensaties/${c}/toewijzingen`, { transformatie_id: transformaties[2], hectares: 0.0001 });
    expect(full.status).toBe(422);

    const bad = await reg.send('POST', `/api/compensaties/${c}/toewijzingen`, { transformatie_id: transformaties[2], hectares: -1 });
    expect(bad.status).toBe(400);
    const unknown = await reg.send('POST', `/api/compensaties/${c}/toewijzingen`, { transformatie_id: 987654, hectares: 0.1 });
    expect(unknown.status).toBe(422);

    const list = await (await api.as('stuurgroep')).get(`/api/compensaties/${c}/toewijzingen`);
    expect(list.status).toBe(200);
    expect(list.body.toewijzingen).toHaveLength(2);
    expect(list.body.toegewezen_ha).toBeCloseTo(1, 6);
  });

  it('never over-allocates under concurrent requests', async () => {
    const c = await compensatie();
    const replies = await Promise.all(transformaties.map((t) =>
      reg.send('POST', `/api/compensaties/${c}/toewijzingen`, { transformatie_id: t, hectares: 0.3 })));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(3);
    expect(replies.filter((r) => r.status === 422).map((r) => r.body.error.code)).toEqual(['onvoldoende_hectares', 'onvoldoende_hectares']);
    const sum = await one(`SELECT sum(hectares) AS ha, count(*)::int AS n FROM compensatie_toewijzing WHERE compensatie_id = $1`, [c]);
    expect(sum.n).toBe(3);
    expect(sum.ha).toBeCloseTo(0.9, 9);
  });

  it('withdraws a toewijzing with its version, and keeps the compensatie area above what is given out', async () => {
    const c = await compensatie();
    const t = await reg.send('POST', `/api/compensaties/${c}/toewijzingen`, { transformatie_id: transformaties[3], hectares: 0.9 });
    const tid = t.body.toewijzing.id;
    // Cutting 0.25 ha out of 1 ha would leave 0.75 ha for 0.9 ha given out.
    const hole = await reg.send('POST', `/api/compensaties/${c}/hole`, { version: 1, geometry: await box(-150 - 120 * (nextComp - 1) + 25, 25, -150 - 120 * (nextComp - 1) + 75, 75) });
    expect(hole.status, JSON.stringify(hole.body)).toBe(422);
    expect(hole.body.error.code).toBe('onvoldoende_hectares');

    expect((await reg.send('DELETE', `/api/compensaties/${c}/toewijzingen/${tid}`)).status).toBe(428);
    expect((await reg.send('DELETE', `/api/compensaties/${c}/toewijzingen/${tid}?version=2`)).status).toBe(409);
    expect((await other.send('DELETE', `/api/compensaties/${c}/toewijzingen/${tid}?version=1`)).status).toBe(403);
    const del = await reg.send('DELETE', `/api/compensaties/${c}/toewijzingen/${tid}?version=1`);
    expect(del.status, JSON.stringify(del.body)).toBe(200);
    expect(del.body.beschikbaar_ha).toBeCloseTo(1, 6);
    const audit = await one(`SELECT actie, account_id IS NOT NULL AS wie FROM audit_log WHERE tabel = 'compensatie_toewijzing' AND record_id = $1 ORDER BY id DESC LIMIT 1`, [tid]);
    expect(audit).toEqual({ actie: 'delete', wie: true });
  });

  it('is limited to the compensating gemeente for werkgroep members, and closed for vervallen records', async () => {
    const c = await compensatie();
    const no = await other.send('POST', `/api/compensaties/${c}/toewijzingen`, { transformatie_id: transformaties[4], hectares: 0.1 });
    expect(no.status).toBe(403);
    expect(no.body.error.code).toBe('andere_gemeente');
    const yes = await own.send('POST', `/api/compensaties/${c}/toewijzingen`, { transformatie_id: transformaties[4], hectares: 0.1 });
    expect(yes.status, JSON.stringify(yes.body)).toBe(201);
    expect((await (await api.as('stuurgroep')).send('POST', `/api/compensaties/${c}/toewijzingen`, { transformatie_id: transformaties[4], hectares: 0.1 })).status).toBe(403);

    const v = (await reg.get(`/api/compensaties/${c}`)).body.properties.version;
    expect((await reg.send('DELETE', `/api/compensaties/${c}?version=${v}`)).status).toBe(200);
    const vervallen = await reg.send('POST', `/api/compensaties/${c}/toewijzingen`, { transformatie_id: transformaties[2], hectares: 0.1 });
    expect(vervallen.status).toBe(422);
    expect(vervallen.body.error.code).toBe('compensatie_vervallen');
  });
});

describe('bestuursovereenkomsten', () => {
  const kostenposten = [
    { categorie: 'onderzoek', bedrag: 10_000 },
    { categorie: 'nota_van_uitgangspunten', bedrag: 5_000.5 },
    { categorie: 'locatiekeuze', bedrag: 2_500 },
    { categorie: 'programma_van_eisen', bedrag: 2_499.5 },
    { categorie: 'ontwerp_plan', bedrag: 20_000 },
    { categorie: 'realisatie', bedrag: 100_000, omschrijving: 'bouwrijp maken' },
    { categorie: 'overig', bedrag: 7_000, omschrijving: 'aanpassing infrastructuur' },
  ];

  it('creates one with partijen and kostenposten, and computes 50 % over the eligible categories only', async () => {
    const leiden = await gemeente('Leiden');
    const katwijk = await gemeente('Katwijk');
    const reply = await reg.send('POST', '/api/bestuursovereenkomsten', {
      naam: 'Test BO Leiden – Katwijk', datum_ondertekening: '2026-03-01', maatwerk_omschrijving: 'extra ontsluiting', maatwerk_bedrag: 1234.5,
      partijen: [{ gemeente_id: leiden, rol: 'transformerend' }, { gemeente_id: katwijk, rol: 'compenserend' }],
      kostenposten,
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const bo = reply.body;
    expect(bo).toMatchObject({ basis_pct: 50, version: 1, provincie_betrokken: true, datum_ondertekening: '2026-03-01' });
    expect(bo.partijen.map((p: any) => [p.gemeente, p.rol])).toEqual([['Leiden', 'transformerend'], ['Katwijk', 'compenserend']]);
    expect(bo.kostenposten).toHaveLength(7);
    expect(bo.kostenposten.filter((k: any) => k.subsidiabel)).toHaveLength(5);
    expect(bo.bijdrage).toEqual({ basis_pct: 50, subsidiabel: 40_000, bijdrage: 20_000, maatwerk_bedrag: 1234.5, totaal: 21_234.5 });

    // Replacing the kostenposten gives a new version and a new contribution.
    const patched = await reg.send('PATCH', `/api/bestuursovereenkomsten/${bo.id}`, {
      version: 1, basis_pct: 40, kostenposten: [{ categorie: 'onderzoek', bedrag: 1000 }, { categorie: 'realisatie', bedrag: 5000 }],
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.version).toBe(2);
    expect(patched.body.bijdrage).toMatchObject({ subsidiabel: 1000, bijdrage: 400 });
    const stale = await reg.send('PATCH', `/api/bestuursovereenkomsten/${bo.id}`, { version: 1, naam: 'oud' });
    expect(stale.status).toBe(409);
    // Audited with who did it.
    const audit = await one(`SELECT count(*)::int AS n FROM audit_log WHERE tabel = 'kostenpost' AND account_id IS NOT NULL AND (coalesce(na, voor)->>'bestuursovereenkomst_id')::int = $1`, [bo.id]);
    expect(audit.n).toBe(7 + 7 + 2); // 7 inserted, 7 deleted, 2 inserted

    const sg = await api.as('stuurgroep');
    expect((await sg.get('/api/bestuursovereenkomsten')).body.some((b: any) => b.id === bo.id)).toBe(true);
    expect((await sg.get(`/api/bestuursovereenkomsten/${bo.id}`)).body.bijdrage.bijdrage).toBe(400);
    expect((await sg.send('POST', '/api/bestuursovereenkomsten', {})).status).toBe(403);
  });

  it('needs two different gemeenten, one transforming and one compensating', async () => {
    const leiden = await gemeente('Leiden');
    const katwijk = await gemeente('Katwijk');
    const cases: [unknown, number, string][] = [
      [[{ gemeente_id: leiden, rol: 'transformerend' }], 400, 'ongeldige_invoer'],
      [[{ gemeente_id: leiden, rol: 'transformerend' }, { gemeente_id: leiden, rol: 'compenserend' }], 422, 'partijen_dubbel'],
      [[{ gemeente_id: leiden, rol: 'transformerend' }, { gemeente_id: katwijk, rol: 'overig' }], 422, 'partijen_onvolledig'],
      [[{ gemeente_id: leiden, rol: 'transformerend' }, { gemeente_id: 987654, rol: 'compenserend' }], 422, 'onbekende_verwijzing'],
    ];
    for (const [partijen, status, code] of cases) {
      const reply = await reg.send('POST', '/api/bestuursovereenkomsten', { naam: 'x', partijen });
      expect(reply.status, JSON.stringify(reply.body)).toBe(status);
      expect(reply.body.error.code).toBe(code);
    }
    const badCost = await reg.send('POST', '/api/bestuursovereenkomsten', {
      naam: 'x', partijen: [{ gemeente_id: leiden, rol: 'transformerend' }, { gemeente_id: katwijk, rol: 'compenserend' }],
      kostenposten: [{ categorie: 'lunch', bedrag: 10 }],
    });
    expect(badCost.status).toBe(400);
  });

  it('lets a werkgroep member edit only agreements of their own gemeente, and keeps one in use', async () => {
    const [oegstgeest, leiderdorp, leiden, katwijk] = await Promise.all(['Oegstgeest', 'Leiderdorp', 'Leiden', 'Katwijk'].map(gemeente));
    const wgLeiden = await api.as('werkgroep_leiden');
    const foreign = await reg.send('POST', '/api/bestuursovereenkomsten', {
      naam: 'Oegstgeest – Leiderdorp', partijen: [{ gemeente_id: oegstgeest, rol: 'transformerend' }, { gemeente_id: leiderdorp, rol: 'compenserend' }],
    });
    expect(foreign.status).toBe(201);
    expect((await wgLeiden.send('PATCH', `/api/bestuursovereenkomsten/${foreign.body.id}`, { version: 1, naam: 'overgenomen' })).status).toBe(403);
    expect((await wgLeiden.send('DELETE', `/api/bestuursovereenkomsten/${foreign.body.id}?version=1`)).status).toBe(403);
    const notParty = await wgLeiden.send('POST', '/api/bestuursovereenkomsten', {
      naam: 'x', partijen: [{ gemeente_id: oegstgeest, rol: 'transformerend' }, { gemeente_id: leiderdorp, rol: 'compenserend' }],
    });
    expect(notParty.status).toBe(403);
    const mine = await wgLeiden.send('POST', '/api/bestuursovereenkomsten', {
      naam: 'Leiden – Katwijk', partijen: [{ gemeente_id: leiden, rol: 'transformerend' }, { gemeente_id: katwijk, rol: 'compenserend' }],
    });
    expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    expect(mine.body.bijdrage).toMatchObject({ subsidiabel: 0, bijdrage: 0, totaal: 0 });

    // A toewijzing that refers to it keeps it from being deleted.
    const c = await compensatie();
    const t = await reg.send('POST', `/api/compensaties/${c}/toewijzingen`, { transformatie_id: transformaties[0], hectares: 0.2, bestuursovereenkomst_id: mine.body.id });
    expect(t.status, JSON.stringify(t.body)).toBe(201);
    expect(t.body.toewijzing.bestuursovereenkomst_id).toBe(mine.body.id);
    const inUse = await reg.send('DELETE', `/api/bestuursovereenkomsten/${mine.body.id}?version=1`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.code).toBe('in_gebruik');
    expect((await reg.send('DELETE', `/api/bestuursovereenkomsten/${foreign.body.id}?version=1`)).status).toBe(200);
    expect((await reg.get(`/api/bestuursovereenkomsten/${foreign.body.id}`)).status).toBe(404);
  });
});
