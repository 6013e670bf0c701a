// Only the match workflow puts a kavel in optie and takes it out again (issue 10 #5):
// no layer write by any role sets or clears in_optie; the workflow does both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase, type Client } from '../support/api.ts';
import { findEmptySpot, rdBox, rdLine, rememberIds, createFeature, type Spot } from '../support/editor-fixture.ts';

const db = testDatabase();
const api = testApp(db);
let spot: Spot;
let reg: Client;
let wg: Client;
let terreinId: number;
let cleanup: Awaited<ReturnType<typeof rememberIds>>;
const box = (x1: number, y1: number, x2: number, y2: number) => rdBox(db, spot, x1, y1, x2, y2);
const status = async (id: number) => (await db.pool.query(`SELECT status, version FROM kavel WHERE id = $1`, [id])).rows[0];

beforeAll(async () => {
  cleanup = await rememberIds(db);
  spot = await findEmptySpot(db);
  reg = await api.as('regisseur');
  wg = await api.as(spot.gemeente === 'Katwijk' ? 'werkgroep_katwijk' : 'werkgroep_leiden');
  terreinId = (await createFeature(reg, 'terreinen', await box(-400, -400, 400, 400), { naam: 'Optieterrein' })).id;
});
afterAll(async () => {
  await db.pool.query(`DELETE FROM match_kavel WHERE kavel_id IN (SELECT id FROM kavel WHERE terrein_id = $1)`, [terreinId]);
  await cleanup.restore();
  await db.close();
});

const kavel = async (x: number, props: Record<string, unknown> = {}) =>
  createFeature(reg, 'kavels', await box(x, 0, x + 100, 100), { terrein_id: terreinId, milieucategorie_max: '4.1', status: 'beschikbaar', naam: `Optiekavel ${x}`, ...props });

describe('in_optie through a layer write', () => {
  it('is refused for every role, on create and on change', async () => {
    const k = await kavel(-300);
    for (const who of [wg, reg]) {
      const set = await who.send('PATCH', `/api/kavels/${k.id}`, { version: 1, properties: { status: 'in_optie' } });
      expect(set.status, JSON.stringify(set.body)).toBe(422);
      expect(set.body.error.code).toBe('status_via_match');
      expect(set.body.error.message).toMatch(/match/);
    }
    const created = await reg.send('POST', '/api/kavels', {
      type: 'Feature', geometry: await box(-150, 0, -50, 100), properties: { terrein_id: terreinId, milieucategorie_max: '4.1', status: 'in_optie' },
    });
    expect(created.status).toBe(422);
    expect(created.body.error.code).toBe('status_via_match');
    expect(await status(k.id)).toEqual({ status: 'beschikbaar', version: 1 });
  });
});

describe('a kavel in optie by a match', () => {
  it('keeps in_optie through layer writes and restores; only the workflow releases it', async () => {
    const k = await kavel(0);
    const v1 = await reg.send('PATCH', `/api/kavels/${k.id}`, { version: 1, properties: { eigendom: 'gemeente' } });
    expect(v1.status).toBe(200);
    const vraag = await reg.send('POST', '/api/ruimtevragen', {
      bedrijf: { naam: 'Optietest BV', kvk_nummer: '87654321', sector: 'Test', arbeidsplaatsen: 10, gebruikspositie: 'huurder', milieucategorie_activiteit: '2' },
      min_ha: 0.5, max_ha: 1.5, milieucategorie: '3.1', reden: 'groei', gewenst_vanaf: '2026-01-01', gewenst_tot: '2040-12-31',
    });
    expect(vraag.status, JSON.stringify(vraag.body)).toBe(201);
    const match = await reg.send('POST', '/api/matches', { ruimtevraag_id: vraag.body.id, kavel_ids: [k.id] });
    expect(match.status, JSON.stringify(match.body)).toBe(201);
    const accept = await reg.send('PATCH', `/api/matches/${match.body.id}`, { version: 1, status: 'besproken_werkgroep', reden: 'Werkgroep akkoord' });
    expect(accept.status, JSON.stringify(accept.body)).toBe(200);
    let now = await status(k.id);
    expect(now.status).toBe('in_optie');

    // Clearing it by a layer write: refused for every role.
    for (const who of [wg, reg]) {
      const clear = await who.send('PATCH', `/api/kavels/${k.id}`, { version: now.version, properties: { status: 'beschikbaar' } });
      expect(clear.status, JSON.stringify(clear.body)).toBe(422);
      expect(clear.body.error.code).toBe('status_via_match');
    }
    // Other attributes may change; the status stays.
    const renamed = await wg.send('PATCH', `/api/kavels/${k.id}`, { version: now.version, properties: { naam: 'Optiekavel hernoemd', status: 'in_optie' } });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body.properties.status).toBe('in_optie');
    // A restore of a version from before the option keeps the option.
    now = await status(k.id);
    const restored = await reg.send('POST', `/api/kavels/${k.id}/restore`, { version: now.version, naar_versie: 2 });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect(restored.body.properties).toMatchObject({ status: 'in_optie', naam: 'Optiekavel 0', eigendom: 'gemeente' });
    // Splitting or merging a kavel in optie would hand the match a different kavel: refused.
    now = await status(k.id);
    const split = await reg.send('POST', `/api/kavels/${k.id}/split`, { version: now.version, line: await rdLine(db, spot, [[50, -10], [50, 110]]) });
    expect(split.status, JSON.stringify(split.body)).toBe(409);
    expect(split.body.error.code).toBe('kavel_in_optie');
    const buur = await kavel(100);
    const merge = await reg.send('POST', `/api/kavels/${buur.id}/merge`, { version: 1, met_id: k.id, met_version: now.version });
    expect(merge.status, JSON.stringify(merge.body)).toBe(409);
    expect(merge.body.error.code).toBe('kavel_in_optie');
    expect((await status(k.id)).status).toBe('in_optie');

    // The workflow releases it: back to what it was before the option.
    const drop = await reg.send('PATCH', `/api/matches/${match.body.id}`, { version: 2, status: 'afgevallen', reden: 'Bedrijf ziet ervan af' });
    expect(drop.status, JSON.stringify(drop.body)).toBe(200);
    expect((await status(k.id)).status).toBe('beschikbaar');
  });
});
