// Confidentiality of company data in matching (issue 10, items 1 and 2), tested as
// an attacker would: signed in as werkgroep (or stuurgroep), try to derive what is
// hidden — the number of jobs, the company's current kavel, whether it has one at
// all — from everything the API answers, and look for the regisseur's match notes
// through every history route. Everything created here is removed afterwards.
import { beforeAll, describe, expect, it } from 'vitest';
import { matchingTestFile } from '../support/matching-fixture.ts';
import type { Client } from '../support/api.ts';
import { readFileSync } from 'node:fs';
import { UNREGISTERED_ROUTES } from '../../server/app.ts';
import { accessTableOf, mayCall } from '../../server/http/access.ts';

const { db, api, one, all } = matchingTestFile();

/** Identical public attributes; only the confidential company facts differ per call. */
const vraag = (bedrijf: { arbeidsplaatsen: number | null; huidige_kavel_id: number | null }) => ({
  bedrijf: { naam: `Vertrouwelijk ${Math.random().toString(36).slice(2, 8)} BV`, kvk_nummer: String(80000000 + Math.floor(Math.random() * 9999999)),
    sector: 'Test', gebruikspositie: 'eigenaar', milieucategorie_activiteit: '2', ...bedrijf },
  min_ha: 1, max_ha: 2.5, milieucategorie: '2', reden: 'groei', gewenst_vanaf: '2026-01-01', gewenst_tot: '2040-12-31',
});

/** Every numeric leaf of a JSON value with its path (array positions kept). */
function numbers(x: unknown, path = ''): { path: string; v: number }[] {
  if (typeof x === 'number') return [{ path, v: x }];
  if (Array.isArray(x)) return x.flatMap((y, i) => numbers(y, `${path}[${i}]`));
  if (x && typeof x === 'object') return Object.entries(x).flatMap(([k, y]) => numbers(y, `${path}.${k}`));
  return [];
}

/** The werkgroep's answer without what names the request itself (its id and label). */
const zonderId = (body: any) => {
  const { id: _id, label: _label, ...rest } = body.ruimtevraag ?? {};
  return { ...body, ruimtevraag: rest };
};

describe('anonymised candidates (item 1)', () => {
  let secret: { id: number; arbeidsplaatsen: number | null; kavel: number | null }[];
  let wg: Client;
  let punten: Map<number, { x: number; y: number }>;

  beforeAll(async () => {
    const reg = await api.as('regisseur');
    wg = await api.as('werkgroep_leiden');
    // Three occupied kavels far apart, not used by any company yet.
    const bezet = await all(`SELECT k.id FROM kavel k WHERE k.status = 'bezet' AND NOT EXISTS (SELECT 1 FROM bedrijf b WHERE b.huidige_kavel_id = k.id)
                             ORDER BY k.id`);
    const kavels = [bezet[0].id, bezet[Math.floor(bezet.length / 2)].id, bezet[bezet.length - 1].id];
    const companies = [
      { arbeidsplaatsen: 23, huidige_kavel_id: kavels[0] },
      { arbeidsplaatsen: 61, huidige_kavel_id: kavels[1] },
      { arbeidsplaatsen: 37, huidige_kavel_id: kavels[2] },
      { arbeidsplaatsen: null, huidige_kavel_id: null },
    ];
    secret = [];
    for (const b of companies) {
      const created = await reg.send('POST', '/api/ruimtevragen', vraag(b));
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      secret.push({ id: created.body.id, arbeidsplaatsen: b.arbeidsplaatsen, kavel: b.huidige_kavel_id });
    }
    // Public knowledge: every kavel's shape (GET /api/kavels), here as the point the distance is measured from.
    punten = new Map((await all(`SELECT id, ST_X(ST_PointOnSurface(geom)) AS x, ST_Y(ST_PointOnSurface(geom)) AS y FROM kavel`))
      .map((r) => [r.id, { x: Number(r.x), y: Number(r.y) }]));
  });

  const kandidaten = async (id: number) => {
    const r = await wg.get(`/api/ruimtevragen/${id}/kandidaten?limiet=500`);
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
    expect(r.body.kandidaten.length, 'the request has candidates to attack').toBeGreaterThan(3);
    return r.body;
  };

  it('gives the werkgroep candidates with a rank and a coarse fit, but no per-criterion numbers', async () => {
    const body = await kandidaten(secret[0].id);
    for (const [i, k] of body.kandidaten.entries()) {
      expect(k.rang).toBe(i + 1);
      expect(['goed', 'redelijk', 'matig']).toContain(k.passend);
      expect(k).not.toHaveProperty('score');
      expect(k).not.toHaveProperty('criteria');
    }
  });

  it('cannot recompute the number of jobs from any number in the answer', async () => {
    for (const s of secret.filter((x) => x.arbeidsplaatsen !== null)) {
      const body = await kandidaten(s.id);
      const normen = new Set([50, ...numbers(body.instellingen).filter((n) => n.path.includes('norm')).map((n) => n.v)]);
      // score × norm × hectares, for every numeric field of every candidate: a hit is an estimate
      // that agrees for at least three candidates.
      const schattingen = new Map<string, number[]>();
      for (const k of body.kandidaten) {
        for (const n of numbers(k)) {
          for (const norm of normen) {
            const key = `${n.path}×${norm}`;
            (schattingen.get(key) ?? schattingen.set(key, []).get(key)!).push(n.v * norm * k.oppervlakte_ha);
          }
        }
      }
      const raak = [...schattingen].filter(([, est]) => est.filter((e) => Math.abs(e - s.arbeidsplaatsen!) < 0.5).length >= 3);
      expect(raak.map(([k]) => k), `vraag ${s.id}: arbeidsplaatsen ${s.arbeidsplaatsen} derived`).toEqual([]);
    }
  });

  it('cannot locate the company’s current kavel by trilateration over several requests', async () => {
    let gevonden = 0;
    for (const s of secret.filter((x) => x.kavel !== null)) {
      const body = await kandidaten(s.id);
      const maxKm = body.instellingen?.afstand_max_km ?? 15;
      const single = body.kandidaten.filter((k: any) => k.kavel_ids.length === 1);
      // Any numeric field could be a distance score s (distance = maxKm × (1 − s)) or a distance itself.
      const paden = new Set<string>();
      for (const k of single) for (const n of numbers(k)) paden.add(n.path);
      for (const pad of paden) {
        for (const lees of [(v: number) => maxKm * (1 - v) * 1000, (v: number) => v * 1000]) {
          const metingen = single.flatMap((k: any) => {
            const n = numbers(k).find((x) => x.path === pad);
            return n && n.v > 0 && n.v < 1 ? [{ p: punten.get(k.kavel_ids[0])!, d: lees(n.v) }] : [];
          });
          if (metingen.length < 3) continue;
          let best = { id: -1, rms: Infinity };
          for (const [id, q] of punten) {
            const rms = Math.sqrt(metingen.reduce((sum: number, m: any) => sum + (Math.hypot(m.p.x - q.x, m.p.y - q.y) - m.d) ** 2, 0) / metingen.length);
            if (rms < best.rms) best = { id, rms };
          }
          if (best.id === s.kavel && best.rms < 100) gevonden++;
        }
      }
    }
    expect(gevonden, 'current kavels located by trilateration').toBe(0);
  });

  it('answers the werkgroep identically whatever the jobs, the current kavel, or whether there is one', async () => {
    const bodies = await Promise.all(secret.map((s) => kandidaten(s.id)));
    const [eerste, ...rest] = bodies.map(zonderId);
    for (const b of rest) expect(b).toEqual(eerste);
    // The same for every other route the werkgroep reads about a ruimtevraag.
    const lijst = (await wg.get('/api/ruimtevragen')).body;
    const inLijst = secret.map((s) => lijst.find((r: any) => r.id === s.id)).map((r: any) => zonderId({ ruimtevraag: r }));
    for (const r of inLijst.slice(1)) expect(r).toEqual(inLijst[0]);
    const los = await Promise.all(secret.map(async (s) => zonderId({ ruimtevraag: (await wg.get(`/api/ruimtevragen/${s.id}`)).body })));
    for (const r of los.slice(1)) expect(r).toEqual(los[0]);
    // And the regisseur does see the difference (the test would prove nothing otherwise).
    const reg = await api.as('regisseur');
    const vol = await Promise.all(secret.map(async (s) => (await reg.get(`/api/ruimtevragen/${s.id}/kandidaten?limiet=500`)).body));
    expect(vol[0].kandidaten[0].criteria.find((c: any) => c.criterium === 'afstand').toelichting).toMatch(/km van de huidige locatie/);
    expect(vol.map((b) => b.uitgesloten.eigen_kavel ?? 0)).toEqual([1, 1, 1, 0]);
    expect(vol.map((b) => b.ruimtevraag.huidige_kavel_id)).toEqual(secret.map((s) => s.kavel));
  });
});

describe('match notes stay with the match (item 2)', () => {
  it('never shows a match step’s note or person outside the match, through any history route, to any role', async () => {
    const reg = await api.as('regisseur');
    const tag = Math.random().toString(36).slice(2, 10);
    const notes = [`Eerste notitie ${tag}: directeur belde`, `Besproken in werkgroep ${tag}; eigenaar akkoord`, `Warme overdracht ${tag} via makelaar`, `Verhuisd ${tag} na overname`];
    const persoon = `Makelaar ${tag}`;
    const oud = (await one(`SELECT k.id FROM kavel k WHERE k.status = 'bezet' AND NOT EXISTS (SELECT 1 FROM bedrijf b WHERE b.huidige_kavel_id = k.id) ORDER BY k.id DESC LIMIT 1`)).id;
    const vrij = await one(`SELECT k.id, k.oppervlakte_ha AS ha, k.milieucategorie_max AS cat FROM kavel k
                            WHERE k.status = 'beschikbaar' AND k.milieucategorie_min IS NULL AND NOT EXISTS (SELECT 1 FROM match_kavel mk WHERE mk.kavel_id = k.id AND mk.actief)
                            ORDER BY k.id LIMIT 1`);
    const v = (await reg.send('POST', '/api/ruimtevragen', { ...vraag({ arbeidsplaatsen: 12, huidige_kavel_id: oud }), min_ha: 0.01, max_ha: vrij.ha, milieucategorie: vrij.cat })).body;
    const m = await reg.send('POST', '/api/matches', { ruimtevraag_id: v.id, kavel_ids: [vrij.id], reden: notes[0], persoon });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
    let version = 1;
    for (const [i, status] of (['besproken_werkgroep', 'warme_overdracht', 'gerealiseerd'] as const).entries()) {
      const r = await reg.send('PATCH', `/api/matches/${m.body.id}`, { version: version++, status, reden: notes[i + 1], persoon });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    // The regisseur keeps every note with the match.
    const match = (await reg.get(`/api/matches/${m.body.id}`)).body;
    expect(match.stappen.map((s: any) => s.reden)).toEqual(notes);

    // Every history route there is (from the app's access declarations), for both kavels the match touched.
    const routes = accessTableOf(api.app, UNREGISTERED_ROUTES).routes
      .filter((r) => r.method === 'GET' && r.path.endsWith('/history'));
    expect(routes.length).toBeGreaterThan(0);
    for (const [who, rol] of [['stuurgroep', 'stuurgroep'], ['werkgroep_leiden', 'werkgroep'], ['werkgroep_katwijk', 'werkgroep']] as const) {
      const c = await api.as(who);
      for (const { path: route, toegang } of routes) {
        for (const id of [vrij.id, oud]) {
          const r = await c.get(route.replace('{id}', String(id)));
          if (r.status === 404) continue;
          // A route the role may not call (an account's history: beheerder only) shows nothing at all.
          expect(r.status, `${who} ${route} ${id}`).toBe(mayCall(toegang, rol) ? 200 : 403);
          expect(JSON.stringify(r.body), `${who} ${route} ${id}`).not.toContain(tag);
        }
      }
    }
    // Structurally: the note is in no audit record but the match step's own, so no history route can ever show it.
    const waar = await all(`SELECT DISTINCT tabel FROM audit_log WHERE position($1 in coalesce(reden, '') || coalesce(voor::text, '') || coalesce(na::text, '')) > 0 ORDER BY tabel`, [tag]);
    expect(waar.map((r) => r.tabel)).toEqual(['match_stap']);
    // The kavel's own history still says what happened to it, in general terms.
    const hist = (await (await api.as('stuurgroep')).get(`/api/kavels/${vrij.id}/history`)).body;
    expect(hist.map((h: any) => h.reden).filter(Boolean).join(' | ')).toMatch(/Matchworkflow/);
  });

  it('removes the notes that earlier versions left in the audit trail (migration 009)', async () => {
    const reg = await api.as('regisseur');
    const tag = Math.random().toString(36).slice(2, 10);
    const vrij = await one(`SELECT k.id, k.oppervlakte_ha AS ha, k.milieucategorie_max AS cat FROM kavel k
                            WHERE k.status = 'beschikbaar' AND k.milieucategorie_min IS NULL ORDER BY k.id DESC LIMIT 1`);
    const v = (await reg.send('POST', '/api/ruimtevragen', { ...vraag({ arbeidsplaatsen: 5, huidige_kavel_id: null }), min_ha: 0.01, max_ha: vrij.ha, milieucategorie: vrij.cat })).body;
    const m = await reg.send('POST', '/api/matches', { ruimtevraag_id: v.id, kavel_ids: [vrij.id], reden: `Oude notitie ${tag}` });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
    // What the old code wrote: the step's note as the audit reason of the kavel it touched.
    const stap = await one(`SELECT reden, account_id, tijdstip FROM match_stap WHERE match_id = $1`, [m.body.id]);
    await db.pool.query(
      `INSERT INTO audit_log (tabel, record_id, actie, version, account_id, reden, tijdstip, voor, na)
       SELECT 'kavel', k.id, 'update', k.version, $2, $3, $4::timestamptz + interval '1 second', to_jsonb(k) - 'geom', to_jsonb(k) - 'geom' FROM kavel k WHERE k.id = $1`,
      [vrij.id, stap.account_id, stap.reden, stap.tijdstip]);
    const sg = await api.as('stuurgroep');
    expect(JSON.stringify((await sg.get(`/api/kavels/${vrij.id}/history`)).body)).toContain(tag);
    // The scrub of migration 009, exactly as written there.
    const sql = readFileSync('server/db/migrations/009_matching_review.sql', 'utf8');
    const scrub = sql.slice(sql.indexOf('-- scrub:begin'), sql.indexOf('-- scrub:end'));
    expect(scrub).toContain('UPDATE audit_log');
    await db.pool.query(scrub);
    expect(JSON.stringify((await sg.get(`/api/kavels/${vrij.id}/history`)).body)).not.toContain(tag);
    expect((await reg.get(`/api/matches/${m.body.id}`)).body.stappen[0].reden).toBe(`Oude notitie ${tag}`);
  });
});
