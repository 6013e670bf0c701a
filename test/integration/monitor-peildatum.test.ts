// The monitor at any date (issue #12), on hand-computable rectangles in RD New:
// the situation on a peildatum comes from the dated history the werkgroep entered
// (valid time); `vastgelegd_op` answers what the system held at a moment
// (transaction time). Records are written through the API with `ingangsdatum`.
import { beforeAll, describe, expect, it } from 'vitest';
import { ids, monitorTestFile } from '../support/monitor-fixture.ts';
import type { Schemas } from '../../web/api/http.ts';

const { api, fx } = monitorTestFile();

// Terrein 400 × 250 m; transformatie X 100 × 100 m on it (1 ha); kavel K 1 ha on it;
// compensatie C 200 × 100 m (2 ha) next to it.
let x: number;
let k: number;
let c: number;

beforeAll(async () => {
  const terrein = await fx.maak('terreinen', await fx.box(0, 0, 400, 250), { naam: 'Monitor peildatum terrein', typologie: 'breed_gedifferentieerd' });
  x = await fx.maak('transformaties', await fx.box(0, 0, 100, 100), {
    naam: 'Monitor X', nieuwe_functie: 'wonen', status: 'studie', ingangsdatum: '2025-01-15',
  });
  await fx.wijzig('transformaties', x, { status: 'ontwerp_ter_inzage', datum_terinzagelegging: '2025-03-01', ingangsdatum: '2025-03-01' });
  await fx.wijzig('transformaties', x, { status: 'vastgesteld', datum_vaststelling: '2025-06-01', ingangsdatum: '2025-06-01' });
  k = await fx.maak('kavels', await fx.box(200, 0, 300, 100), {
    terrein_id: terrein, milieucategorie_max: '3.1', status: 'beschikbaar', planstatus: 'zacht', ingangsdatum: '2025-01-10',
  });
  await fx.wijzig('kavels', k, { planstatus: 'hard', ingangsdatum: '2025-05-01' });
  c = await fx.maak('compensaties', await fx.box(600, 0, 800, 100), {
    naam: 'Monitor C', status: 'geregeld', planstatus: 'zacht', besluitpunt_datum: '2025-02-01', ingangsdatum: '2025-02-01',
  });
  await fx.wijzig('compensaties', c, { status: 'planologisch_mogelijk', planstatus: 'hard', ingangsdatum: '2025-07-01' });
});

const fase = (b: Schemas['Balans'], id: number) => b.transformaties.find((t) => t.id === id)?.fase ?? null;

describe('the situation on a peildatum', () => {
  it('counts a transformatie ter inzage on 1 March and vastgesteld on 1 June as in procedure on 30 April and planologisch verloren on 30 June', async () => {
    const [jan, feb, apr, jun] = await Promise.all(
      ['2025-01-01', '2025-02-01', '2025-04-30', '2025-06-30'].map((d) => fx.balans(`peildatum=${d}`)),
    );
    expect(fase(jan, x)).toBeNull();
    expect(ids(jan.regio.netto_verloren, 'transformatie')).not.toContain(x);
    expect(fase(feb, x)).toBe('voorgenomen');
    expect(fase(apr, x)).toBe('in_procedure');
    expect(ids(apr.regio.netto_verloren.per_fase.in_procedure, 'transformatie')).toContain(x);
    expect(ids(apr.regio.netto_verloren.per_fase.planologisch_verloren, 'transformatie')).not.toContain(x);
    expect(fase(jun, x)).toBe('planologisch_verloren');
    expect(ids(jun.regio.netto_verloren.per_fase.planologisch_verloren, 'transformatie')).toContain(x);
    // 1 ha on business land at every date it exists.
    for (const b of [feb, apr, jun]) expect(b.transformaties.find((t) => t.id === x)!.netto_ha).toBeCloseTo(1, 4);
  });

  it('counts a kavel as zacht plancapaciteit until 1 May and as hard after', async () => {
    const apr = await fx.balans('peildatum=2025-04-30');
    const mei = await fx.balans('peildatum=2025-05-31');
    const dec24 = await fx.balans('peildatum=2024-12-31');
    expect(ids(apr.plancapaciteit.zacht, 'kavel')).toContain(k);
    expect(ids(apr.plancapaciteit.hard, 'kavel')).not.toContain(k);
    expect(ids(mei.plancapaciteit.hard, 'kavel')).toContain(k);
    expect(ids(mei.plancapaciteit.zacht, 'kavel')).not.toContain(k);
    expect([...ids(dec24.plancapaciteit.hard, 'kavel'), ...ids(dec24.plancapaciteit.zacht, 'kavel')]).not.toContain(k);
  });

  it('gives a compensatie the status it had on the peildatum', async () => {
    const jan = await fx.balans('peildatum=2025-01-15');
    const mrt = await fx.balans('peildatum=2025-03-31');
    const aug = await fx.balans('peildatum=2025-08-01');
    expect(ids(jan.regio.compensatie_totaal, 'compensatie')).not.toContain(c);
    expect(ids(mrt.regio.compensatie_per_status.geregeld, 'compensatie')).toContain(c);
    expect(ids(aug.regio.compensatie_per_status.geregeld, 'compensatie')).not.toContain(c);
    expect(ids(aug.regio.compensatie_per_status.planologisch_mogelijk, 'compensatie')).toContain(c);
  });

  it('reads "now" from the live tables with the same figures as the history of today', async () => {
    const nu = await fx.balans();
    const vandaag = await fx.balans(`peildatum=${nu.peildatum}`);
    expect(nu.bron).toBe('actueel');
    expect(vandaag.regio).toEqual(nu.regio);
    expect(vandaag.plancapaciteit).toEqual(nu.plancapaciteit);
    expect(vandaag.per_gemeente).toEqual(nu.per_gemeente);
  });

  it('shows published figures at every peildatum after their publication, with their source', async () => {
    const voor = await fx.balans('peildatum=2023-06-30');
    const na = await fx.balans('peildatum=2024-06-30');
    expect(na.vraag_aanbod.aanbod_gepubliceerd).toMatchObject({ hard_ha: 6, zacht_ha: 41 });
    expect(na.vraag_aanbod.aanbod_gepubliceerd.bron).toMatch(/Economie071/);
    expect(na.vraag_aanbod.vraag).toMatchObject({ min: 42, max: 97 });
    expect(voor.vraag_aanbod.aanbod_gepubliceerd.bron).toBeNull();
    expect(voor.vraag_aanbod.vraag).toBeNull();
  });

  it('draws the map as it was: polygons and their attributes on the peildatum', async () => {
    const reg = await api.as('regisseur');
    const apr = await reg.get('/api/balans/kaart?peildatum=2025-04-30');
    expect(apr.status, JSON.stringify(apr.body)).toBe(200);
    const tx = apr.body.transformaties.features.find((f: any) => f.id === x);
    expect(tx.properties.status).toBe('ontwerp_ter_inzage');
    expect(tx.geometry.type).toMatch(/Polygon/);
    expect(apr.body.kavels.features.find((f: any) => f.id === k).properties.planstatus).toBe('zacht');
    const jan = await reg.get('/api/balans/kaart?peildatum=2025-01-01');
    expect(jan.body.transformaties.features.some((f: any) => f.id === x)).toBe(false);
    expect(jan.body.compensaties.features.some((f: any) => f.id === c)).toBe(false);
  });

  it('gives the series per year as of 31 December', async () => {
    const { status, body } = await (await api.as('stuurgroep')).get('/api/balans/reeks?van=2024&tot=2026');
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.jaren.map((j: any) => j.jaar)).toEqual([2024, 2025, 2026]);
    const [j24, j25, j26] = body.jaren;
    expect(j24.peildatum).toBe('2024-12-31');
    const alleFasen = (j: any) => Object.values(j.netto_verloren.per_fase).flatMap((f: any) => ids(f, 'transformatie'));
    expect(alleFasen(j24)).not.toContain(x);
    expect(alleFasen(j25)).toContain(x);
    expect(ids(j25.netto_verloren.per_fase.planologisch_verloren, 'transformatie')).toContain(x);
    expect(ids(j26.netto_verloren.per_fase.planologisch_verloren, 'transformatie')).toContain(x);
    expect(ids(j25.compensatie_per_status.planologisch_mogelijk, 'compensatie')).toContain(c);
    expect(ids(j25.plancapaciteit.hard.per_milieucategorie['3.1'], 'kavel')).toContain(k);
    expect(ids(j24.compensatie_per_status.geregeld, 'compensatie')).not.toContain(c);
    // Each year equals the balance on its 31 December.
    const dec25 = await fx.balans('peildatum=2025-12-31');
    expect(j25.netto_verloren.ha).toBeCloseTo(dec25.regio.netto_verloren.ha, 4);
    expect(j25.toegewezen.ha).toBeCloseTo(dec25.regio.toegewezen.ha, 4);
    expect(j25.restant.ha).toBeCloseTo(dec25.regio.restant.ha, 4);
    expect(j25.plancapaciteit.hard.ha).toBeCloseTo(dec25.plancapaciteit.hard.ha, 4);
  });

  it.each([['van=2030&tot=2020'], ['van=1800&tot=2020'], ['van=2020'], ['van=twee&tot=2030']])('refuses series %s with 400', async (q) => {
    const { status, body } = await (await api.as('regisseur')).get(`/api/balans/reeks?${q}`);
    expect(status).toBe(400);
    expect(body.error.message).toBeTruthy();
  });
});

describe('the date a change took effect (ingangsdatum)', () => {
  it('refuses a date before the previous change and a date in the future, in Dutch', async () => {
    const reg = await api.as('regisseur');
    const current = (await reg.get(`/api/transformaties/${x}`)).body;
    expect(current.properties.geldig_vanaf).toBe('2025-06-01');
    const vroeg = await reg.send('PATCH', `/api/transformaties/${x}`, {
      version: current.properties.version, properties: { naam: 'Monitor X (te vroeg)', ingangsdatum: '2025-05-01' },
    });
    expect(vroeg.status).toBe(422);
    expect(vroeg.body.error.code).toBe('ingangsdatum_te_vroeg');
    expect(vroeg.body.error.message).toContain('1 juni 2025');
    const toekomst = await reg.send('PATCH', `/api/transformaties/${x}`, {
      version: current.properties.version, properties: { naam: 'Monitor X (toekomst)', ingangsdatum: '2099-01-01' },
    });
    expect(toekomst.status).toBe(422);
    expect(toekomst.body.error.code).toBe('ingangsdatum_in_toekomst');
    const onmogelijk = await reg.send('PATCH', `/api/transformaties/${x}`, {
      version: current.properties.version, properties: { ingangsdatum: '2025-02-30' },
    });
    expect(onmogelijk.status).toBe(400);
    expect((await reg.get(`/api/transformaties/${x}`)).body.properties.version).toBe(current.properties.version);
  });

  it('shows the date of every change in the history', async () => {
    const history = (await (await api.as('werkgroep_leiden')).get(`/api/transformaties/${x}/history`)).body;
    expect(history.map((h: any) => h.eigenschappen.geldig_vanaf)).toEqual(['2025-01-15', '2025-03-01', '2025-06-01']);
  });
});

describe('what the system held at a moment (vastgelegd_op)', () => {
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('gives the figures as recorded before and after an edit', async () => {
    const voorAanmaak = new Date().toISOString();
    await pause(20);
    const y = await fx.maak('transformaties', await fx.box(0, 150, 100, 250), { naam: 'Monitor Y', nieuwe_functie: 'overig', status: 'studie' });
    await pause(20);
    const voorWijziging = new Date().toISOString();
    await pause(20);
    await fx.wijzig('transformaties', y, {}, await fx.box(0, 150, 300, 250)); // 1 ha → 3 ha
    const vandaag = (await fx.balans()).peildatum;
    const nu = await fx.balans(`peildatum=${vandaag}`);
    const toen = await fx.balans(`peildatum=${vandaag}&vastgelegd_op=${encodeURIComponent(voorWijziging)}`);
    const daarvoor = await fx.balans(`peildatum=${vandaag}&vastgelegd_op=${encodeURIComponent(voorAanmaak)}`);
    expect(nu.transformaties.find((t) => t.id === y)!.netto_ha).toBeCloseTo(3, 4);
    expect(toen.bron).toBe('vastgelegd');
    expect(toen.vastgelegd_op).toBe(voorWijziging);
    expect(toen.transformaties.find((t) => t.id === y)!.netto_ha).toBeCloseTo(1, 4);
    expect(daarvoor.transformaties.some((t) => t.id === y)).toBe(false);
    // The dated history of X was already recorded at that moment.
    expect(fase(toen, x)).toBe('planologisch_verloren');
  });

  it('answers 422 with the date of the first record before it, never zeros', async () => {
    const { status, body } = await (await api.as('regisseur')).get('/api/balans?peildatum=2024-06-30&vastgelegd_op=2001-01-01T00:00:00Z');
    expect(status).toBe(422);
    expect(body.error.code).toBe('voor_eerste_vastlegging');
    expect(body.error.details.eerste_vastlegging).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(body.error.message).toMatch(/\d{1,2} \w+ \d{4}/);
  });

  it.each(['gisteren', '2025-13-01T00:00:00Z', '2025-01-01T10:00'])('refuses vastgelegd_op %s with 400', async (v) => {
    const { status, body } = await (await api.as('regisseur')).get(`/api/balans?vastgelegd_op=${encodeURIComponent(v)}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('ongeldige_invoer');
  });
});
