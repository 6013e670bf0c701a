// Matching in a real browser (issue #6): the regisseur opens a request, sees its
// candidates on the map with the score broken down per criterion, proposes one,
// accepts it in the werkgroep step and sees the kavel "in optie" on the map; the
// regional optimum draws its relocation chains. The werkgroep sees no company.
//
// Each test makes its own companies, requests and kavels (test/e2e/fixtures.ts).
// Its kavels allow milieucategorie 6, which no sample kavel does, and each test
// asks for its own range of hectares: so a test's requests see only its own kavels.
import { describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openApp, reloadApp, waitForIdle } from './browser.ts';
import { demoSession, SCREENSHOTS } from './session.ts';
import { Api, createKavel, createRuimtevraag, createTerrein, demoAccount, gemeenteId, inside, unique } from './fixtures.ts';

const baseUrl = inject('baseUrl');

const nl1 = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

interface Kandidaten {
  aantal: number;
  kandidaten: { rang: number; kavel_ids: number[]; score: number; criteria: { toelichting: string }[] }[];
}

describe.skipIf(!baseUrl)('matching', () => {
  let browser: Browser;
  let page: Page;
  let regisseur: Api;

  demoSession({ rol: 'regisseur', refused: [400, 409, 422] }, (session) => {
    ({ browser, page, api: regisseur } = session);
  });

  /** The matching panel, opened if it is not. */
  async function openMatching() {
    const panel = page.getByTestId('matching');
    if (!(await panel.isVisible())) await page.getByTestId('ruimtevragen-knop').click();
    await panel.waitFor({ state: 'visible' });
    return panel;
  }

  it('shows a request’s candidates on the map with their score breakdown; accepting one puts the kavel in optie', async () => {
    // A company on kavel `huidig` asks for 3.0–3.2 ha of category 6: two free kavels fit.
    const { terrein, spot } = await createTerrein(regisseur, 'Leiden');
    const cat6 = { milieucategorie_max: '6' };
    const vrij1 = await createKavel(regisseur, terrein, inside(spot, 10, 10, 200, 155), cat6); // 3.1 ha
    const vrij2 = await createKavel(regisseur, terrein, inside(spot, 230, 10, 160, 190), cat6); // 3.04 ha
    const huidig = await createKavel(regisseur, terrein, inside(spot, 10, 220, 100, 70), { ...cat6, status: 'bezet' });
    const vraag = await createRuimtevraag(regisseur,
      { min_ha: 3, max_ha: 3.2, milieucategorie: '6', gewenste_gemeente_ids: [await gemeenteId(regisseur, 'Leiden')] },
      { huidige_kavel_id: huidig.id });
    const expected = await regisseur.get<Kandidaten>(`/api/ruimtevragen/${vraag.id}/kandidaten`);
    expect(expected.kandidaten.map((k) => k.kavel_ids).sort()).toEqual([[vrij1.id], [vrij2.id]].sort());
    const best = expected.kandidaten[0];
    const kavel = best.kavel_ids[0];
    await reloadApp(page);

    await openMatching();
    const row = page.locator(`[data-testid=register] tr[data-vraag="${vraag.id}"]`);
    await row.waitFor({ state: 'visible' });
    expect(await row.innerText()).toContain(vraag.bedrijf_naam);
    await row.click();

    const first = page.getByTestId('kandidaat').first();
    await first.waitFor({ state: 'visible' });
    await expect.poll(() => page.getByTestId('kandidaat').count()).toBe(2);
    expect(await first.getAttribute('data-kavels')).toBe(String(kavel));
    // The breakdown: one row per criterion, points adding up to the score shown.
    const rows = first.locator('tr[data-criterium]');
    expect(await rows.count()).toBe(best.criteria.length);
    const punten = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.lastElementChild!.textContent!.replace(',', '.'))));
    const som = punten.reduce((a, b) => a + b, 0);
    expect(Math.abs(som - best.score)).toBeLessThan(0.05 * punten.length + 0.05);
    expect(await first.innerText()).toContain(nl1.format(best.score));
    expect(await first.innerText()).toContain(best.criteria[0].toelichting);

    // On the map: the chosen candidate shaded and labelled with rank and score, the other
    // candidate labelled, and an arrow from the company's current kavel.
    // (The overlay draws once the candidates' shapes have come by id.)
    await waitForIdle(page);
    await expect.poll(() => page.evaluate((id) => window.__map!.queryRenderedFeatures({ layers: ['matching-fill'] })
      .filter((f) => f.properties.kavel_id === id).map((f) => f.properties.rol), kavel)).toContain('gekozen');
    expect(await page.locator('.match-marker--gekozen').innerText()).toBe(`1 · ${nl1.format(best.score)}`);
    expect(await page.locator('.match-marker--kandidaat').allInnerTexts()).toEqual([`2 · ${nl1.format(expected.kandidaten[1].score)}`]);
    await expect.poll(() => page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['matching-pijl'] }).length)).toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENSHOTS}/30-kandidaten.png` });

    // Propose, then accept in the werkgroep step: the kavel goes in optie.
    await first.getByRole('button', { name: 'Voorstellen als match' }).click();
    const card = page.getByTestId('match-card').first();
    await card.waitFor({ state: 'visible' });
    expect(await card.getAttribute('data-status')).toBe('voorgesteld');
    await card.getByRole('button', { name: /Besproken in werkgroep/ }).click();
    await card.getByLabel(/Reden of toelichting/).fill('Besproken in de werkgroep van november; eigenaar akkoord.');
    await card.getByRole('button', { name: /Vastleggen/ }).click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('besproken_werkgroep');
    expect(await card.innerText()).toContain('in optie');

    // The map reloads the kavels: the kavel is drawn with the "in optie" outline.
    await expect.poll(() => page.evaluate((id) => window.__map!.querySourceFeatures('data-kavels', { sourceLayer: 'kavels' })
      .find((f) => f.id === id)?.properties.status, kavel)).toBe('in_optie');
    await waitForIdle(page);
    await expect.poll(() => page.evaluate((id) => window.__map!.queryRenderedFeatures({ layers: ['kavels-optie'] })
      .some((f) => f.id === id), kavel)).toBe(true);
    // The request's own overlay now shows where the company is going: the matched kavel, labelled.
    await expect.poll(() => page.locator('.match-marker--match').innerText()).toMatch(/^Match \d+ · besproken in werkgroep$/);
    expect(await page.evaluate(async (id) => ((await (window.__map!.getSource('matching') as any).getData()).features as any[])
      .some((f) => f.properties.kavel_id === id && f.properties.rol === 'match'), kavel)).toBe(true);
    expect((await regisseur.get(`/api/kavels/${kavel}`)).properties.status).toBe('in_optie');
    await page.screenshot({ path: `${SCREENSHOTS}/31-in-optie.png` });

    // Afgevallen releases the kavel again.
    await card.getByRole('button', { name: 'Afgevallen' }).click();
    await card.getByLabel(/Reden of toelichting/).fill('Bedrijf kiest voor een andere regio.');
    await card.getByRole('button', { name: /Vastleggen/ }).click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('afgevallen');
    expect((await regisseur.get(`/api/kavels/${kavel}`)).properties.status).toBe('beschikbaar');
  });

  it('draws the regional optimum with numbered relocation chains', async () => {
    // A relocation chain of two steps: company A moves from kavel `bezetA` (2 ha) to the free
    // 1 ha kavel, which frees `bezetA` for company B. Company C asks for 8 ha: no kavel fits.
    const { terrein, spot } = await createTerrein(regisseur, 'Leiden');
    const cat6 = { milieucategorie_max: '6' };
    const vrij = await createKavel(regisseur, terrein, inside(spot, 20, 20, 100, 100), cat6); // 1 ha
    const bezetA = await createKavel(regisseur, terrein, inside(spot, 160, 20, 200, 100), { ...cat6, status: 'bezet' }); // 2 ha
    const a = await createRuimtevraag(regisseur, { min_ha: 0.95, max_ha: 1.05, milieucategorie: '6' }, { huidige_kavel_id: bezetA.id });
    const b = await createRuimtevraag(regisseur, { min_ha: 1.9, max_ha: 2.1, milieucategorie: '6' });
    const c = await createRuimtevraag(regisseur, { min_ha: 8, max_ha: 8.5, milieucategorie: '6' });
    await reloadApp(page);

    const panel = await openMatching();
    await panel.getByRole('tab', { name: 'Regionaal optimum' }).click();
    await page.getByTestId('regio-bereken').click();
    const keten = page.getByTestId('keten').filter({ hasText: a.bedrijf_naam });
    await keten.waitFor({ state: 'visible', timeout: 120_000 });
    // The same solve through the API (deterministic: same input, same answer).
    const regio = await regisseur.ok('POST', '/api/matching/regio', {});
    const ours = regio.optimaal.ketens.find((k: any) => k.stappen.some((s: any) => s.vraag_id === a.id));
    expect(ours.stappen).toEqual([
      { vraag_id: a.id, naar_kavel_ids: [vrij.id], vrijgekomen_kavel_id: bezetA.id },
      { vraag_id: b.id, naar_kavel_ids: [bezetA.id], vrijgekomen_kavel_id: null },
    ]);
    expect(await page.getByTestId('keten').count()).toBe(regio.optimaal.ketens.length);
    expect(await page.getByTestId('regio-doelwaarde').innerText()).toContain(nl1.format(regio.samenvatting.doelwaarde_optimaal));
    // The solver's status in Dutch, not HiGHS's own word.
    const toelichting = await page.locator('.monitor-note', { hasText: 'rekentijd' }).innerText();
    expect(toelichting).toContain('Uitkomst bewezen optimaal, rekentijd');
    expect(toelichting).not.toContain('Optimal');
    const stappen = keten.locator('.keten-stappen > li');
    expect(await stappen.count()).toBe(2);
    expect(await stappen.nth(0).innerText()).toMatch(new RegExp(`^\\d+\\.1\\s*${a.bedrijf_naam} → kavel ${vrij.id}\\s*maakt kavel ${bezetA.id} vrij voor stap \\d+\\.2$`));
    expect(await stappen.nth(1).innerText()).toMatch(new RegExp(`^\\d+\\.2\\s*${b.bedrijf_naam} → kavel ${bezetA.id}$`));
    // Each chain step is a numbered label on the map, and the moves are arrows.
    const steps = regio.optimaal.ketens.reduce((n: number, k: any) => n + k.stappen.length, 0);
    await expect.poll(() => page.locator('.match-marker--keten').count()).toBe(steps);
    expect(await page.locator('.match-marker--keten', { hasText: /^1\.2$/ }).count()).toBe(1);
    await waitForIdle(page);
    const arrows = await page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['matching-pijl'] })
      .filter((f) => f.properties.soort === 'keten').length);
    expect(arrows).toBeGreaterThan(0);
    // Company C is listed as not assigned, with the solver's reason.
    const reden = regio.optimaal.niet_toegewezen.find((n: any) => n.vraag_id === c.id)?.reden;
    expect(reden).toEqual(expect.any(String));
    await expect.poll(() => page.getByTestId('niet-toegewezen').locator('li', { hasText: c.bedrijf_naam }).innerText()).toContain(reden);
    await page.screenshot({ path: `${SCREENSHOTS}/32-regio.png` });
  });

  it('registers a request through the form and imports a CSV only when every row is right', async () => {
    const panel = await openMatching();
    await panel.getByRole('tab', { name: 'Register' }).click();
    await panel.getByRole('button', { name: 'Nieuwe ruimtevraag' }).click();
    const form = page.getByTestId('vraag-form');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => form.getByRole('alert').innerText()).toContain('Naam: de bedrijfsnaam is verplicht');
    const naam = unique('Formuliertest Logistiek BV');
    const kvk = () => String(10_000_000 + Math.floor(Math.random() * 89_999_999));
    const formKvk = kvk();
    await form.getByLabel('Naam', { exact: true }).fill(naam);
    await form.getByLabel('KvK-nummer').fill(formKvk);
    await form.getByLabel('Minimaal (ha)').fill('0,8');
    await form.getByLabel('Maximaal (ha)').fill('1,5');
    await form.getByLabel('Benodigde milieucategorie').selectOption('3.1');
    await form.getByLabel('Leiderdorp').check();
    await form.getByRole('button', { name: 'Opslaan' }).click();
    const detail = page.getByTestId('vraag-detail');
    await detail.waitFor({ state: 'visible' });
    await expect.poll(() => detail.locator('.vraag-head h3').innerText()).toBe(naam);
    expect(await detail.innerText()).toContain('0,8–1,5 ha, milieucategorie 3.1');
    await page.getByTestId('kandidaten').locator('p').first().waitFor();
    const stored = (await regisseur.get<any[]>('/api/ruimtevragen')).find((v) => v.kvk_nummer === formKvk);
    expect(stored).toMatchObject({ bedrijf_naam: naam, min_ha: 0.8, max_ha: 1.5, milieucategorie: '3.1', gewenste_gemeenten: ['Leiderdorp'] });

    // CSV: a wrong row blocks the whole file; after fixing it, both rows are imported.
    await detail.getByRole('button', { name: '← Terug' }).click();
    await panel.getByRole('button', { name: 'CSV importeren' }).click();
    const importer = page.getByTestId('csv-import');
    const [een, twee] = [unique('CSV Een BV'), unique('CSV Twee BV')];
    const [kvkEen, kvkTwee] = [kvk(), kvk()];
    const csv = (cat: string) => `bedrijf;kvk;min_ha;max_ha;milieucategorie;reden;gewenste_gemeenten\n` +
      `${een};${kvkEen};1,0;2,0;2;groei;Katwijk\n${twee};${kvkTwee};0,5;0,9;${cat};nieuwvestiging;Leiden, Oegstgeest\n`;
    const before = (await regisseur.get<unknown[]>('/api/ruimtevragen')).length;
    await importer.locator('input[type=file]').setInputFiles({ name: 'vragen.csv', mimeType: 'text/csv', buffer: Buffer.from(csv('9.9')) });
    await expect.poll(() => importer.getByRole('status').innerText()).toContain('1 fout in 2 rijen');
    expect(await importer.locator('tbody tr td').first().innerText()).toBe('3');
    expect(await importer.getByRole('button', { name: 'Importeren' }).isDisabled()).toBe(true);
    expect(await regisseur.get<unknown[]>('/api/ruimtevragen')).toHaveLength(before);
    await importer.locator('input[type=file]').setInputFiles({ name: 'vragen.csv', mimeType: 'text/csv', buffer: Buffer.from(csv('2')) });
    await expect.poll(() => importer.getByRole('status').innerText()).toContain('2 rijen gecontroleerd: alles in orde');
    await importer.getByRole('button', { name: 'Importeren' }).click();
    await expect.poll(() => importer.getByRole('status').innerText()).toContain('2 ruimtevragen geïmporteerd');
    const names = (await regisseur.get<any[]>('/api/ruimtevragen')).map((v) => v.bedrijf_naam);
    expect(names).toEqual(expect.arrayContaining([een, twee]));
    await importer.getByRole('button', { name: 'Terug naar het register' }).click();
    await page.getByTestId('register').getByText(twee).waitFor();
  });

  it('shows the werkgroep the register without company names', async () => {
    const vraag = await createRuimtevraag(regisseur, { min_ha: 1, max_ha: 2, milieucategorie: '3.1' }, { kvk_nummer: '12345678' });
    const names = (await regisseur.get<any[]>('/api/ruimtevragen')).map((v) => v.bedrijf_naam);
    expect(names).toContain(vraag.bedrijf_naam);
    const { page: wg, errors: wgErrors } = await openApp(browser, baseUrl, { account: demoAccount('werkgroep', 'Leiden') });
    try {
      await wg.getByTestId('ruimtevragen-knop').click();
      const register = wg.getByTestId('register');
      const row = register.locator(`tr[data-vraag="${vraag.id}"]`);
      await row.waitFor({ state: 'visible' });
      const text = await register.innerText();
      expect(text).toContain('geanonimiseerd');
      for (const n of names) expect(text).not.toContain(n);
      expect(await row.innerText()).not.toContain('12345678');
      expect(await wg.getByRole('tab', { name: 'Regionaal optimum' }).count()).toBe(0);
      expect(wgErrors).toEqual([]);
    } finally {
      await wg.close();
    }
  });
});
