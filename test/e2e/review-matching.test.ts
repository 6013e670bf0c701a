// Matching in the browser after the review of issue 10: the werkgroep sees candidates
// as a rank and a coarse fit (no score, no criteria); the regional view shows running
// matches as fixed and its "voorstellen" button sends the result it shows (and says so
// when the data changed since); a realised match shows the new and the vrijgekomen kavel
// on the map. Each test makes its own requests and matches and puts the kavels back.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, reloadApp, waitForIdle } from './browser.ts';
import { api } from './map-helpers.ts';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts') ?? [];
const regisseur = accounts.find((a) => a.rol === 'regisseur');
const werkgroep = accounts.find((a) => a.rol === 'werkgroep');
const SCREENSHOTS = 'test/e2e/screenshots';

type Kavel = { id: number; ha: number; status: string; version: number };

describe.skipIf(!inject('chromiumPath'))('matching after the review', () => {
  let browser: Browser;
  let page: Page;
  /** Kavels a test changed, with the status to put back. */
  const terug = new Map<number, string>();

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
    ({ page } = await openApp(browser, baseUrl, { account: regisseur }));
  });
  afterAll(async () => {
    for (const [id, status] of terug) {
      const k = await api<any>(page, `/api/kavels/${id}`);
      if (k.body.properties.status !== status) {
        await api(page, `/api/kavels/${id}`, { method: 'PATCH', body: { version: k.body.properties.version, properties: { status } } });
      }
    }
    await browser?.close();
  });

  /** Free kavels (no minimum category, not watergebonden) and one occupied kavel no company sits on. */
  async function kavels(): Promise<{ vrij: Kavel[]; bezet: Kavel }> {
    const all = await api<any>(page, '/api/kavels');
    const bedrijven = await api<any[]>(page, '/api/ruimtevragen');
    const bewoond = new Set(bedrijven.body.map((v) => v.huidige_kavel_id));
    const props = all.body.features.map((f: any) => ({ ...f.properties, id: f.id ?? f.properties.id }));
    const vrij = props.filter((p: any) => p.status === 'beschikbaar' && !p.milieucategorie_min && !p.watergebonden && !terug.has(p.id))
      .map((p: any) => ({ id: p.id, ha: p.oppervlakte_ha, status: p.status, version: p.version })).reverse();
    const bezet = props.find((p: any) => p.status === 'bezet' && !p.milieucategorie_min && !bewoond.has(p.id) && !terug.has(p.id));
    return { vrij, bezet: { id: bezet.id, ha: bezet.oppervlakte_ha, status: bezet.status, version: bezet.version } };
  }

  async function nieuweVraag(o: Record<string, unknown>, bedrijf: Record<string, unknown> = {}) {
    const r = await api<any>(page, '/api/ruimtevragen', { method: 'POST', body: {
      bedrijf: { naam: `Browsertest ${Math.random().toString(36).slice(2, 7)} BV`, arbeidsplaatsen: 30, ...bedrijf },
      min_ha: 0.01, max_ha: 3, milieucategorie: '1', reden: 'groei', gewenst_vanaf: '2026-01-01', gewenst_tot: '2040-12-31', ...o,
    } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  }

  /** Opens request `vraagId` from the register in the matching panel of `p`. */
  async function openVraag(p: Page, vraagId: number) {
    await p.getByTestId('ruimtevragen-knop').click();
    const row = p.locator(`[data-testid=register] tr[data-vraag="${vraagId}"]`);
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await row.click();
  }

  async function stap(matchId: number, status: string) {
    const m = await api<any>(page, `/api/matches/${matchId}`);
    const r = await api<any>(page, `/api/matches/${matchId}`, { method: 'PATCH', body: { version: m.body.version, status, reden: `Browsertest: ${status}` } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }

  it('shows the werkgroep candidates with a rank and a coarse fit, without scores', async () => {
    const v = await nieuweVraag({ max_ha: 2.5, milieucategorie: '2' }, { huidige_kavel_id: (await kavels()).bezet.id, arbeidsplaatsen: 23 });
    const { page: wg } = await openApp(browser, baseUrl, { account: werkgroep });
    await openVraag(wg, v.id);
    const first = wg.getByTestId('kandidaat').first();
    await first.waitFor({ state: 'visible', timeout: 30_000 });
    const kaarten = wg.getByTestId('kandidaat');
    expect(await kaarten.count()).toBeGreaterThan(1);
    for (const passend of await kaarten.evaluateAll((els) => els.map((e) => e.getAttribute('data-passend')))) {
      expect(['goed', 'redelijk', 'matig']).toContain(passend);
    }
    // No score bar, no criteria table, no weights to play with; the explanation says what counts.
    expect(await wg.locator('.scorebar').count()).toBe(0);
    expect(await wg.locator('tr[data-criterium]').count()).toBe(0);
    expect(await wg.getByRole('button', { name: 'Gewichten' }).count()).toBe(0);
    expect(await wg.getByTestId('kandidaten').innerText()).toContain('Vertrouwelijke bedrijfsgegevens');
    expect(await first.locator('.passend-pill').innerText()).toMatch(/passend$/);
    await first.getByTestId('aandachtspunten').waitFor();
    // The map labels show the rank and the fit, not a score.
    await waitForIdle(wg);
    expect(await wg.locator('.match-marker--gekozen').innerText()).toMatch(/^1 · (goed|redelijk|matig)$/);
    expect(await wg.locator('.match-marker--huidig').count()).toBe(0);
    await wg.screenshot({ path: `${SCREENSHOTS}/40-werkgroep-kandidaten.png` });
    await wg.close();
  });

  it('shows running matches as fixed in the regional optimum and proposes exactly the result shown', async () => {
    const { vrij, bezet } = await kavels();
    const x = vrij[0];
    terug.set(x.id, x.status);
    const v = await nieuweVraag({ max_ha: x.ha }, { huidige_kavel_id: bezet.id });
    const m = await api<any>(page, '/api/matches', { method: 'POST', body: { ruimtevraag_id: v.id, kavel_ids: [x.id] } });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
    await stap(m.body.id, 'besproken_werkgroep');

    await page.getByTestId('ruimtevragen-knop').click();
    const panel = page.getByTestId('matching');
    await panel.getByRole('tab', { name: 'Regionaal optimum' }).click();
    const berekend = page.waitForResponse((r) => r.url().endsWith('/api/matching/regio') && r.request().method() === 'POST');
    await page.getByTestId('regio-bereken').click();
    const uitkomst = await (await berekend).json();
    const vast = page.getByTestId('regio-vast');
    await vast.waitFor({ state: 'visible', timeout: 60_000 });
    expect(await vast.locator(`tr[data-match="${m.body.id}"]`).innerText()).toContain('Besproken in werkgroep');
    expect(uitkomst.optimaal.toewijzingen.map((t: any) => t.vraag_id)).not.toContain(v.id);
    expect(await page.getByTestId('regio-vast-aantal').innerText()).toContain(String(uitkomst.optimaal.vast.length));
    // On the map the running match is a match (green), on its own kavel (drawn once its shape has come by id).
    await waitForIdle(page);
    await expect.poll(() => page.evaluate(async (id) => ((await (window as any).__map.getSource('matching')?.getData())?.features ?? [])
      .some((f: any) => f.properties.kavel_id === id && f.properties.rol === 'match'), x.id)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/41-regio-vast.png` });

    // The data changes after the calculation: the button makes nothing and says why.
    await nieuweVraag({ min_ha: 400, max_ha: 500 });
    const voor = (await api<any[]>(page, '/api/matches')).body.length;
    const verzoek = page.waitForRequest((r) => r.url().endsWith('/api/matching/regio/voorstellen'));
    await page.getByTestId('regio-voorstellen').click();
    expect(JSON.parse((await verzoek).postData() ?? '{}')).toEqual({ resultaat_id: uitkomst.resultaat_id });
    const fout = page.locator('.regio-voorstellen [role=alert]');
    await expect.poll(() => fout.innerText(), { timeout: 30_000 }).toContain('gewijzigd sinds de berekening (ruimtevragen');
    expect((await api<any[]>(page, '/api/matches')).body.length).toBe(voor);

    // Recalculate, then propose: the proposals are this result's assignments.
    const opnieuw = page.waitForResponse((r) => r.url().endsWith('/api/matching/regio') && r.request().method() === 'POST');
    await fout.getByRole('button', { name: 'Opnieuw berekenen' }).click();
    const tweede = await (await opnieuw).json();
    await page.getByTestId('regio-voorstellen').waitFor({ state: 'visible', timeout: 60_000 });
    const antwoord = page.waitForResponse((r) => r.url().endsWith('/api/matching/regio/voorstellen'));
    await page.getByTestId('regio-voorstellen').click();
    const gemaakt = await (await antwoord).json();
    expect(gemaakt.resultaat_id).toBe(tweede.resultaat_id);
    const lopend = new Set(gemaakt.overgeslagen.map((o: any) => o.vraag_id));
    expect(gemaakt.matches.map((mm: any) => [mm.ruimtevraag_id, mm.kavels.map((k: any) => k.kavel_id)]))
      .toEqual(tweede.optimaal.toewijzingen.filter((t: any) => !lopend.has(t.vraag_id)).map((t: any) => [t.vraag_id, t.kavel_ids]));
    await expect.poll(() => page.locator('.regio-voorstellen [role=status]').innerText(), { timeout: 30_000 }).toMatch(/voorgesteld/);
    await page.screenshot({ path: `${SCREENSHOTS}/42-regio-voorgesteld.png` });

    for (const mm of gemaakt.matches) await stap(mm.id, 'afgevallen');
    await stap(m.body.id, 'afgevallen');
  });

  it('shows a realised match on the map: the new kavel bezet, the one the company left vrijkomend', async () => {
    const { vrij, bezet } = await kavels();
    const x = vrij[0];
    terug.set(x.id, x.status);
    terug.set(bezet.id, bezet.status);
    const v = await nieuweVraag({ max_ha: x.ha }, { huidige_kavel_id: bezet.id });
    const m = await api<any>(page, '/api/matches', { method: 'POST', body: { ruimtevraag_id: v.id, kavel_ids: [x.id] } });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
    for (const s of ['besproken_werkgroep', 'warme_overdracht', 'gerealiseerd']) await stap(m.body.id, s);

    await reloadApp(page);
    await openVraag(page, v.id);
    const kaart = page.getByTestId('match-card').first();
    await kaart.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await kaart.getByTestId('match-verhuisd').innerText()).toContain(`het verliet kavel ${bezet.id}, die nu vrijkomend is`);
    // The kavels layer (what everyone's map draws) has both changes …
    const status = (id: number) => page.evaluate((kid) => (window as any).__map.querySourceFeatures('data-kavels', { sourceLayer: 'kavels' })
      .find((f: any) => f.id === kid)?.properties.status, id);
    await expect.poll(() => status(x.id), { timeout: 30_000 }).toBe('bezet');
    await expect.poll(() => status(bezet.id), { timeout: 30_000 }).toBe('vrijkomend');
    // … and the request's overlay shows where the company went and what it left.
    await waitForIdle(page);
    const rollen = () => page.evaluate(async () => ((await (window as any).__map.getSource('matching')?.getData())?.features ?? [])
      .filter((f: any) => f.properties.kavel_id).map((f: any) => [f.properties.kavel_id, f.properties.rol]));
    await expect.poll(rollen).toContainEqual([x.id, 'match']);
    expect(await rollen()).toContainEqual([bezet.id, 'vrijgekomen']);
    expect(await page.locator('.match-marker--vrijgekomen').innerText()).toBe('Vrijgekomen');
    await page.screenshot({ path: `${SCREENSHOTS}/43-gerealiseerd.png` });
  });
});
