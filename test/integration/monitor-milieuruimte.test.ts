// Derived figures stored per transformatie (migration 011) stay current when the
// ground under or near it changes, in the same transaction, without bumping the
// transformatie's version: netto verloren (business land under it) and milieuruimte
// (kavels within the guide distance of housing), the latter equal to the editor's check.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Schemas } from '../../web/api/http.ts';
import { monitorTestFile } from '../support/monitor-fixture.ts';

const { api, fx } = monitorTestFile();
let terrein: number;
let k42: number;
let k31: number;
let t: number;

// Terrein 600 × 600 m; kavel cat. 4.2 at (0..100, 0..100), cat. 3.1 at (500..600, 0..100);
// housing (0..600, 350..500) lies 250 m from both: within 300 m (4.2), beyond 50 m (3.1).
beforeAll(async () => {
  terrein = await fx.maak('terreinen', await fx.box(0, 0, 600, 600), { naam: 'Monitor milieuruimte terrein', typologie: 'breed_gedifferentieerd', op_transformatielijst: true });
  k42 = await fx.maak('kavels', await fx.box(0, 0, 100, 100), { terrein_id: terrein, milieucategorie_max: '4.2', status: 'bezet', planstatus: 'hard' });
  k31 = await fx.maak('kavels', await fx.box(500, 0, 600, 100), { terrein_id: terrein, milieucategorie_max: '3.1', status: 'bezet', planstatus: 'hard' });
  t = await fx.maak('transformaties', await fx.box(0, 350, 600, 500), { naam: 'Monitor wonen', nieuwe_functie: 'wonen', status: 'studie' });
});

/** The milieuruimte signal of t (the test fails where it is missing). */
const signaal = (b: Schemas['Balans']) => {
  const s = b.signaleringen.find((x) => x.regel === 'milieuruimte' && x.ids.transformatie?.includes(t));
  expect(s).toBeDefined();
  return s!;
};

describe('stored figures follow the ground', () => {
  it('gives the milieuruimte signal the kavels the editor check finds', async () => {
    const reg = await api.as('regisseur');
    const check = await reg.send('POST', '/api/milieuruimte/check', { geometry: await fx.box(0, 350, 600, 500), nieuwe_functie: 'wonen' });
    expect(check.status).toBe(200);
    const s = signaal(await fx.balans());
    expect(s.ids.kavel).toEqual([k42]);
    expect(s.ids.kavel).toEqual(check.body.kavels.features.map((f: any) => f.id).sort((a: number, b: number) => a - b));
    expect(s.tekst).toContain('1 kavel:');
  });

  it('recomputes milieuruimte and netto verloren when a kavel changes, without a new version of the transformatie', async () => {
    const reg = await api.as('regisseur');
    const voor = (await reg.get(`/api/transformaties/${t}`)).body.properties;
    expect(voor.netto_verloren_ha).toBeCloseTo(9, 4);
    // The 3.1 kavel becomes 4.2: now within its guide distance.
    await fx.wijzig('kavels', k31, { milieucategorie_max: '4.2' });
    expect(signaal(await fx.balans()).ids.kavel).toEqual([k42, k31]);
    // A kavel drawn under the housing splits its netto verloren by category.
    const onder = await fx.maak('kavels', await fx.box(0, 400, 100, 500), { terrein_id: terrein, milieucategorie_max: '2', status: 'bezet', planstatus: 'hard' });
    const na = (await reg.get(`/api/transformaties/${t}`)).body.properties;
    expect(na.version).toBe(voor.version);
    expect(na.netto_verloren_ha).toBeCloseTo(9, 4);
    const b = await fx.balans();
    const cat2 = b.per_milieucategorie.find((c) => c.milieucategorie === '2')!;
    expect(cat2.verloren.ids.kavel).toContain(onder);
    expect(cat2.verloren.ids.transformatie).toContain(t);
    // The history says why the transformatie changed.
    const history = (await reg.get(`/api/transformaties/${t}/history`)).body;
    expect(history.at(-1).reden).toMatch(/herberekend/);
  });

  it('gives a terrein taken away the transformatie nothing to lose', async () => {
    const reg = await api.as('regisseur');
    const terrein2 = await fx.maak('terreinen', await fx.box(700, 700, 900, 900), { naam: 'Monitor terrein 2', typologie: 'breed_gedifferentieerd' });
    const nieuw = await fx.maak('transformaties', await fx.box(700, 700, 800, 800), { naam: 'Monitor naast', nieuwe_functie: 'overig', status: 'studie' });
    expect((await reg.get(`/api/transformaties/${nieuw}`)).body.properties.netto_verloren_ha).toBeCloseTo(1, 4);
    const v = (await reg.get(`/api/terreinen/${terrein2}`)).body.properties.version;
    expect((await reg.send('DELETE', `/api/terreinen/${terrein2}?version=${v}`)).status).toBe(200);
    expect((await reg.get(`/api/transformaties/${nieuw}`)).body.properties.netto_verloren_ha).toBe(0);
  });
});
