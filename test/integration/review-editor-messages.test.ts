// What the editor tells the user (issue 10 #18): a too small hole says it is the hole
// and what the limit is; a transformatie drawn over an older one says which one holds
// that ground, in the save result, the draft check and the record itself.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/api.ts';
import { createFeature, drawingTestFile, rdBox } from '../support/editor-fixture.ts';

const { db, api, spot } = drawingTestFile();
let reg: Client;
const box = (x1: number, y1: number, x2: number, y2: number) => rdBox(db, spot(), x1, y1, x2, y2);

beforeAll(async () => {
  reg = await api.as('regisseur');
});

describe('a hole that is too small', () => {
  it('is refused as a too small hole, with its size and the limit', async () => {
    const zone = await createFeature(reg, 'kanszones', await box(-300, -300, -200, -200), { naam: 'Zone met gaatje', soort: 'overig' });
    const reply = await reg.send('POST', `/api/kanszones/${zone.id}/hole`, { version: 1, geometry: await box(-250, -250, -248, -248) });
    expect(reply.status, JSON.stringify(reply.body)).toBe(422);
    expect(reply.body.error.code).toBe('gat_te_klein');
    expect(reply.body.error.message).toMatch(/^Het gat is te klein: 4 m²\. Een gat moet minstens 100 m² \(0,01 ha\) zijn/);
    expect(reply.body.error.message).not.toMatch(/vlak/);
    expect((await reg.get(`/api/kanszones/${zone.id}`)).body.properties.version).toBe(1);
  });
});

describe('a transformatie over an older one', () => {
  it('names the transformatie that already holds the ground, on save, in the draft check and on the record', async () => {
    await createFeature(reg, 'terreinen', await box(0, 0, 400, 400), { naam: 'Terrein met twee plannen' });
    const oud = await createFeature(reg, 'transformaties', await box(50, 50, 250, 250), { naam: 'Havenkwartier', nieuwe_functie: 'overig' });
    expect(oud.waarschuwingen.map((w: any) => w.code)).not.toContain('overlapt_transformatie');
    expect(oud.properties.overlapt_transformaties).toEqual([]);

    // Half of the new one lies on the older one: 2 of its 4 ha.
    const draft = await reg.send('POST', '/api/validatie/transformaties', { geometry: await box(150, 50, 350, 250) });
    const draftWarning = draft.body.waarschuwingen.find((w: any) => w.code === 'overlapt_transformatie');
    expect(draftWarning, JSON.stringify(draft.body)).toBeDefined();
    expect(draftWarning.message).toContain(`transformatie Havenkwartier (#${oud.id})`);

    const nieuw = await createFeature(reg, 'transformaties', await box(150, 50, 350, 250), { naam: 'Kadewonen', nieuwe_functie: 'overig' });
    const w = nieuw.waarschuwingen.find((x: any) => x.code === 'overlapt_transformatie');
    expect(w, JSON.stringify(nieuw.waarschuwingen)).toMatchObject({ ids: [oud.id], overlap_ha: expect.closeTo(2, 3) });
    expect(w.message).toMatch(/overlapt transformatie Havenkwartier \(#\d+\) over 2,00 ha/);
    expect(nieuw.properties.overlapt_transformaties).toEqual([{ id: oud.id, naam: 'Havenkwartier', ha: expect.closeTo(2, 3) }]);
    expect(nieuw.properties.netto_verloren_ha).toBeCloseTo(2, 3);

    // Wholly over it: nothing lost net, and the record says why.
    const binnen = await createFeature(reg, 'transformaties', await box(60, 60, 240, 240), { naam: 'Binnen het havenkwartier', nieuwe_functie: 'overig' });
    expect(binnen.properties.netto_verloren_ha).toBeCloseTo(0, 4);
    const read = (await reg.get(`/api/transformaties/${binnen.id}`)).body.properties;
    expect(read.overlapt_transformaties.map((o: any) => o.id)).toEqual([oud.id, nieuw.id]);
    expect(binnen.waarschuwingen.find((x: any) => x.code === 'overlapt_transformatie').message)
      .toContain(`transformaties Havenkwartier (#${oud.id}) en Kadewonen (#${nieuw.id})`);
    // The older one is not told about the newer ones: it holds the ground.
    expect((await reg.get(`/api/transformaties/${oud.id}`)).body.properties.overlapt_transformaties).toEqual([]);
  });
});
