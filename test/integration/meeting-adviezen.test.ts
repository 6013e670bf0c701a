// Signaleringen and adviezen of the regisseur and the stuurgroep's decisions (issue #13):
// the types of the uitvoeringsplan, gevraagd or ongevraagd, the records they concern,
// the meeting they go to, and the decision recorded afterwards (opgevolgd / niet
// opgevolgd / deels, with the reasons, and escalations). Regisseur and beheerder write;
// werkgroep and stuurgroep read.
import { describe, expect, it } from 'vitest';
import { adviezenTestFile } from '../support/adviezen-fixture.ts';
import { today } from '../../server/domain/dates.ts';

const { db, api, vergadering, sample } = adviezenTestFile({ datum: '2026-03-05', titel: 'Stuurgroep adviezen' });

const nieuw = (extra: Record<string, unknown> = {}) => ({
  soort: 'advies', type: 'zacht_naar_hard', gevraagd: false, titel: 'Maak de zachte capaciteit hard',
  tekst: 'Zet de zachte plancapaciteit op het terrein om in een vastgesteld plan.',
  vergadering_id: vergadering.id, objecten: [{ tabel: 'terrein', id: sample.terrein }, { tabel: 'transformatie', id: sample.transformatie }], ...extra,
});

describe('adviezen', () => {
  it('records an advice with its type, gevraagd or not, the records it concerns and its meeting', async () => {
    const res = await (await api.as('regisseur')).send('POST', '/api/adviezen', nieuw());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ soort: 'advies', type: 'zacht_naar_hard', gevraagd: false, besluit: null, escalatie: null, version: 1 });
    expect(res.body.vergadering).toMatchObject({ id: vergadering.id, titel: 'Stuurgroep adviezen', datum: '2026-03-05' });
    expect(res.body.objecten.map((o: any) => [o.tabel, o.id, o.bestaat])).toEqual([['terrein', sample.terrein, true], ['transformatie', sample.transformatie, true]]);
    expect(res.body.objecten.every((o: any) => typeof o.naam === 'string' && o.naam.length > 0)).toBe(true);
    const lijst = await (await api.as('regisseur')).get(`/api/adviezen?vergadering_id=${vergadering.id}`);
    expect(lijst.body.map((a: any) => a.id)).toContain(res.body.id);
  });

  it('refuses an advice about a record that does not exist, naming it, and writes nothing', async () => {
    const voor = (await db.pool.query(`SELECT count(*)::int AS n FROM advies`)).rows[0].n;
    const res = await (await api.as('regisseur')).send('POST', '/api/adviezen', nieuw({ objecten: [{ tabel: 'kavel', id: 987654 }] }));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('onbekend_object');
    expect(res.body.error.message).toContain('Kavel 987654');
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM advies`)).rows[0].n).toBe(voor);
    const fout = await (await api.as('regisseur')).send('POST', '/api/adviezen', nieuw({ type: 'iets_anders', titel: '' }));
    expect(fout.status).toBe(400);
    expect(fout.body.error.message).toMatch(/^Ongeldige invoer/);
  });

  it('records the decision afterwards: niet opgevolgd needs the reasons; an escalation can be added', async () => {
    const regisseur = await api.as('regisseur');
    const a = (await regisseur.send('POST', '/api/adviezen', nieuw({ gevraagd: true, type: 'compensatieopgave' }))).body;
    const zonderReden = await regisseur.send('PUT', `/api/adviezen/${a.id}/besluit`, { version: a.version, besluit: 'niet_opgevolgd' });
    expect(zonderReden.status).toBe(422);
    expect(zonderReden.body.error.code).toBe('beweegredenen_vereist');
    const ok = await regisseur.send('PUT', `/api/adviezen/${a.id}/besluit`, {
      version: a.version, besluit: 'niet_opgevolgd', toelichting: 'De gemeente kiest eerst voor woningbouw elders.',
      escalatie: 'Voorgelegd aan de colleges van Leiden en Katwijk.',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.besluit).toEqual({ besluit: 'niet_opgevolgd', toelichting: 'De gemeente kiest eerst voor woningbouw elders.', datum: '2026-03-05' });
    expect(ok.body.escalatie).toBe('Voorgelegd aan de colleges van Leiden en Katwijk.');
    // Decided: the text stays as it was decided on; deleting is refused.
    const wijzig = await regisseur.send('PATCH', `/api/adviezen/${a.id}`, { version: ok.body.version, tekst: 'Andere tekst' });
    expect(wijzig.status).toBe(422);
    expect(wijzig.body.error.code).toBe('besluit_genomen');
    expect((await regisseur.send('DELETE', `/api/adviezen/${a.id}?version=${ok.body.version}`)).status).toBe(409);
    const audit = await db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE tabel = 'advies' AND record_id = $1`, [a.id]);
    expect(audit.rows[0].n).toBe(2);
  });

  it('takes a decision only in its meeting: not before it, not in the future, not without a meeting', async () => {
    const regisseur = await api.as('regisseur');
    const a = (await regisseur.send('POST', '/api/adviezen', nieuw())).body;
    const voor = await regisseur.send('PUT', `/api/adviezen/${a.id}/besluit`, { version: a.version, besluit: 'opgevolgd', datum: '2026-03-01' });
    expect(voor.status).toBe(422);
    expect(voor.body.error.code).toBe('besluit_voor_vergadering');
    const later = await regisseur.send('PUT', `/api/adviezen/${a.id}/besluit`, { version: a.version, besluit: 'opgevolgd', datum: '2999-01-01' });
    expect(later.body.error.code).toBe('besluit_in_toekomst');
    const los = (await regisseur.send('POST', '/api/adviezen', nieuw({ vergadering_id: null }))).body;
    const zonder = await regisseur.send('PUT', `/api/adviezen/${los.id}/besluit`, { version: los.version, besluit: 'deels', toelichting: 'x' });
    expect(zonder.body.error.code).toBe('geen_vergadering');
    const deels = await regisseur.send('PUT', `/api/adviezen/${a.id}/besluit`, { version: a.version, besluit: 'deels', toelichting: 'Alleen het noordelijke deel.', datum: today() });
    expect(deels.status, JSON.stringify(deels.body)).toBe(200);
    expect(deels.body.besluit.besluit).toBe('deels');
  });

  it('answers a stale version with 409 naming who changed it', async () => {
    const regisseur = await api.as('regisseur');
    const a = (await regisseur.send('POST', '/api/adviezen', nieuw())).body;
    await regisseur.send('PATCH', `/api/adviezen/${a.id}`, { version: a.version, titel: 'Nieuwe titel' });
    const oud = await (await api.as('beheerder')).send('PATCH', `/api/adviezen/${a.id}`, { version: a.version, titel: 'Nog een titel' });
    expect(oud.status).toBe(409);
    expect(oud.body.error.message).toContain('Test Regisseur');
  });

  it('takes the version of a change from If-Match as well as from the body, and asks for it when neither has it', async () => {
    const regisseur = await api.as('regisseur');
    const a = (await regisseur.send('POST', '/api/adviezen', nieuw())).body;
    const zonder = await regisseur.send('PATCH', `/api/adviezen/${a.id}`, { titel: 'Zonder versie' });
    expect(zonder.status).toBe(428);
    expect(zonder.body.error.code).toBe('versie_vereist');
    const gewijzigd = await regisseur.send('PATCH', `/api/adviezen/${a.id}`, { titel: 'Met If-Match' }, { 'If-Match': `"${a.version}"` });
    expect(gewijzigd.status, JSON.stringify(gewijzigd.body)).toBe(200);
    expect(gewijzigd.body).toMatchObject({ titel: 'Met If-Match', version: a.version + 1 });
    // The old version in If-Match is stale: 409, and nothing changes.
    const oud = await regisseur.send('PATCH', `/api/adviezen/${a.id}`, { titel: 'Te laat' }, { 'If-Match': `"${a.version}"` });
    expect(oud.status).toBe(409);
    expect((await regisseur.get(`/api/adviezen/${a.id}`)).body.titel).toBe('Met If-Match');
    const besluit = await regisseur.send('PUT', `/api/adviezen/${a.id}/besluit`, { besluit: 'opgevolgd' }, { 'If-Match': `"${gewijzigd.body.version}"` });
    expect(besluit.status, JSON.stringify(besluit.body)).toBe(200);
    expect(besluit.body.besluit.besluit).toBe('opgevolgd');

    const v = (await regisseur.send('POST', '/api/vergaderingen', { datum: '2026-07-02', titel: 'Zomeroverleg', gremium: 'werkgroep' })).body;
    expect((await regisseur.send('PATCH', `/api/vergaderingen/${v.id}`, { titel: 'Zonder versie' })).status).toBe(428);
    const vergaderingGewijzigd = await regisseur.send('PATCH', `/api/vergaderingen/${v.id}`, { titel: 'Zomeroverleg werkgroep' }, { 'If-Match': `"${v.version}"` });
    expect(vergaderingGewijzigd.status, JSON.stringify(vergaderingGewijzigd.body)).toBe(200);
    expect(vergaderingGewijzigd.body).toMatchObject({ titel: 'Zomeroverleg werkgroep', version: v.version + 1 });
  });

  it('lets werkgroep and stuurgroep read, and only regisseur and beheerder write', async () => {
    const a = (await (await api.as('regisseur')).send('POST', '/api/adviezen', nieuw())).body;
    for (const who of ['werkgroep_leiden', 'stuurgroep'] as const) {
      const client = await api.as(who);
      expect((await client.get(`/api/adviezen/${a.id}`)).body.titel).toBe(a.titel);
      expect((await client.send('POST', '/api/adviezen', nieuw())).status).toBe(403);
      expect((await client.send('PUT', `/api/adviezen/${a.id}/besluit`, { version: a.version, besluit: 'opgevolgd' })).status).toBe(403);
    }
    const beheerder = await api.as('beheerder');
    expect((await beheerder.send('PATCH', `/api/adviezen/${a.id}`, { version: a.version, gevraagd: true })).status).toBe(200);
  });

  it('goes into the meeting\'s snapshot as it stood when frozen', async () => {
    const regisseur = await api.as('regisseur');
    const a = (await regisseur.send('POST', '/api/adviezen', nieuw({ titel: 'Advies in de momentopname' }))).body;
    const s = await regisseur.send('POST', `/api/vergaderingen/${vergadering.id}/snapshot`, {});
    expect(s.status, JSON.stringify(s.body).slice(0, 300)).toBe(201);
    const bevroren = s.body.snapshot.inhoud.adviezen.find((x: any) => x.id === a.id);
    expect(bevroren).toMatchObject({ titel: 'Advies in de momentopname', besluit: null });
    await regisseur.send('PUT', `/api/adviezen/${a.id}/besluit`, { version: a.version, besluit: 'opgevolgd' });
    const later = (await regisseur.get(`/api/vergaderingen/${vergadering.id}`)).body;
    expect(later.snapshot.inhoud.adviezen.find((x: any) => x.id === a.id).besluit).toBeNull();
    expect(later.adviezen).toBeGreaterThanOrEqual(5);
  });
});
