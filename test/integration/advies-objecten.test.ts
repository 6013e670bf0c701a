// Changing the records an advies concerns (PATCH /api/adviezen/<id> with `objecten`), as the
// meeting screen's "Vlakken wijzigen" does: the regisseur replaces the whole set; werkgroep
// and stuurgroep may not; an unknown record or a decided advies changes nothing.
import { describe, expect, it } from 'vitest';
import { adviezenTestFile } from '../support/adviezen-fixture.ts';

const { api, vergadering, sample } = adviezenTestFile({ datum: '2026-02-12', titel: 'Stuurgroep vlakken' });

async function advies() {
  const res = await (await api.as('regisseur')).send('POST', '/api/adviezen', {
    soort: 'advies', type: 'kans_compensatielocatie', gevraagd: false, titel: 'Compensatie op de kavel', tekst: 'Wijs de kavel aan.',
    vergadering_id: vergadering.id, objecten: [{ tabel: 'kavel', id: sample.kavel }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; version: number };
}

const objecten = async (id: number) =>
  ((await (await api.as('stuurgroep')).get(`/api/adviezen/${id}`)).body.objecten as { tabel: string; id: number }[]).map((o) => `${o.tabel}:${o.id}`);

describe('the records of an advies', () => {
  it('are replaced as a whole by the regisseur, with a new version', async () => {
    const a = await advies();
    const res = await (await api.as('regisseur')).send('PATCH', `/api/adviezen/${a.id}`, {
      version: a.version, objecten: [{ tabel: 'transformatie', id: sample.transformatie }, { tabel: 'compensatie', id: sample.compensatie }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.version).toBeGreaterThan(a.version);
    expect(await objecten(a.id)).toEqual([`compensatie:${sample.compensatie}`, `transformatie:${sample.transformatie}`]);
    // An empty list takes them all off.
    const leeg = await (await api.as('beheerder')).send('PATCH', `/api/adviezen/${a.id}`, { version: res.body.version, objecten: [] });
    expect(leeg.status, JSON.stringify(leeg.body)).toBe(200);
    expect(await objecten(a.id)).toEqual([]);
  });

  it('cannot be changed by werkgroep or stuurgroep', async () => {
    const a = await advies();
    for (const who of ['werkgroep_leiden', 'stuurgroep'] as const) {
      const res = await (await api.as(who)).send('PATCH', `/api/adviezen/${a.id}`, { version: a.version, objecten: [{ tabel: 'transformatie', id: sample.transformatie }] });
      expect(res.status).toBe(403);
    }
    expect(await objecten(a.id)).toEqual([`kavel:${sample.kavel}`]);
  });

  it('keeps the old set when a new record does not exist, naming it', async () => {
    const a = await advies();
    const res = await (await api.as('regisseur')).send('PATCH', `/api/adviezen/${a.id}`, {
      version: a.version, objecten: [{ tabel: 'transformatie', id: sample.transformatie }, { tabel: 'compensatie', id: 2_000_000_000 }],
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'onbekend_object', details: { tabel: 'compensatie', ids: [2_000_000_000] } });
    expect(res.body.error.message).toContain('2000000000');
    expect(await objecten(a.id)).toEqual([`kavel:${sample.kavel}`]);
  });

  it('stay as they were once the stuurgroep has decided', async () => {
    const a = await advies();
    const regisseur = await api.as('regisseur');
    const besluit = await regisseur.send('PUT', `/api/adviezen/${a.id}/besluit`, { version: a.version, besluit: 'opgevolgd' });
    expect(besluit.status, JSON.stringify(besluit.body)).toBe(200);
    const res = await regisseur.send('PATCH', `/api/adviezen/${a.id}`, { version: besluit.body.version, objecten: [{ tabel: 'transformatie', id: sample.transformatie }] });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('besluit_genomen');
    expect(await objecten(a.id)).toEqual([`kavel:${sample.kavel}`]);
  });
});
