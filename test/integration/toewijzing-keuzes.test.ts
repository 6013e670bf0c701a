// The transformaties a compensatie can still be given to: a list without geometry (the
// editor used to download the whole transformaties layer to fill one select), with what
// each lost and what all compensaties gave it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase, type Client } from '../support/api.ts';
import { createFeature, findEmptySpot, rdBox, rememberIds, type Spot } from '../support/editor-fixture.ts';

const db = testDatabase();
const api = testApp(db);

interface Keuze { id: number; naam: string | null; gemeente: string; netto_verloren_ha: number; toegewezen_ha: number }

let spot: Spot;
let reg: Client;
let cleanup: Awaited<ReturnType<typeof rememberIds>>;
const box = (x1: number, y1: number, x2: number, y2: number) => rdBox(db, spot, x1, y1, x2, y2);
const keuzes = async (c: number) => {
  const reply = await reg.get(`/api/compensaties/${c}/toewijzingen/keuzes`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as Keuze[];
};
const remove = async (layer: string, id: number) => {
  const version = (await reg.get(`/api/${layer}/${id}`)).body.properties.version;
  expect((await reg.send('DELETE', `/api/${layer}/${id}?version=${version}`)).status).toBe(200);
};

beforeAll(async () => {
  cleanup = await rememberIds(db);
  spot = await findEmptySpot(db);
  reg = await api.as('regisseur');
  await createFeature(reg, 'terreinen', await box(0, 0, 400, 400), { naam: 'Keuzetest terrein' });
});

afterAll(async () => {
  await cleanup.restore();
  await db.close();
});

describe('GET /api/compensaties/{id}/toewijzingen/keuzes', () => {
  it('lists what each transformatie lost and was given, without those this compensatie serves or that are vervallen', async () => {
    // Two transformaties on the terrein: 100 × 100 m and 50 × 100 m of business land lost.
    const groot = (await createFeature(reg, 'transformaties', await box(0, 0, 100, 100), { naam: 'Keuze groot', nieuwe_functie: 'overig' })).id as number;
    const klein = (await createFeature(reg, 'transformaties', await box(200, 0, 250, 100), { naam: 'Keuze klein', nieuwe_functie: 'overig' })).id as number;
    const weg = (await createFeature(reg, 'transformaties', await box(300, 0, 350, 100), { naam: 'Keuze vervallen', nieuwe_functie: 'overig' })).id as number;
    await remove('transformaties', weg);
    const c1 = (await createFeature(reg, 'compensaties', await box(-300, 0, -200, 100), { naam: 'Keuzetest compensatie 1' })).id as number;
    const c2 = (await createFeature(reg, 'compensaties', await box(-450, 0, -350, 100), { naam: 'Keuzetest compensatie 2' })).id as number;

    const voor = new Map((await keuzes(c1)).map((k) => [k.id, k]));
    expect(voor.get(groot)).toMatchObject({ naam: 'Keuze groot', gemeente: spot.gemeente, toegewezen_ha: 0 });
    expect(voor.get(groot)!.netto_verloren_ha).toBeCloseTo(1, 3);
    expect(voor.get(klein)!.netto_verloren_ha).toBeCloseTo(0.5, 3);
    expect(voor.has(weg)).toBe(false);
    // A list to choose from: no geometry.
    expect(Object.keys(voor.get(groot)!).sort()).toEqual(['gemeente', 'id', 'naam', 'netto_verloren_ha', 'toegewezen_ha']);

    const toegewezen = await reg.send('POST', `/api/compensaties/${c1}/toewijzingen`, { transformatie_id: groot, hectares: 0.3 });
    expect(toegewezen.status, JSON.stringify(toegewezen.body)).toBe(201);
    // c1 serves groot now: no longer a choice for c1; for c2 it is, with the 0,3 ha c1 gave.
    expect((await keuzes(c1)).some((k) => k.id === groot)).toBe(false);
    expect((await keuzes(c2)).find((k) => k.id === groot)?.toegewezen_ha).toBeCloseTo(0.3, 9);
    expect((await keuzes(c2)).find((k) => k.id === klein)?.toegewezen_ha).toBe(0);

    // A vervallen compensatie gives nothing out any more.
    await remove('compensaties', c2);
    expect(await keuzes(c2)).toEqual([]);
  });

  it('answers 404 for an unknown compensatie and 403 for who may not assign', async () => {
    const onbekend = await reg.get('/api/compensaties/2147480000/toewijzingen/keuzes');
    expect(onbekend.status).toBe(404);
    expect(onbekend.body.error.message).toMatch(/bestaat niet/);
    const c = (await createFeature(reg, 'compensaties', await box(-600, 0, -500, 100), { naam: 'Keuzetest compensatie 3' })).id as number;
    const stuurgroep = await api.as('stuurgroep');
    expect((await stuurgroep.get(`/api/compensaties/${c}/toewijzingen/keuzes`)).status).toBe(403);
  });
});
