// Matching in a real browser (issue #6): the regisseur opens a request, sees its
// candidates on the map with the score broken down per criterion, proposes one,
// accepts it in the werkgroep step and sees the kavel "in optie" on the map; the
// regional optimum draws its relocation chains. The werkgroep sees no company.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, waitForIdle } from './browser.ts';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts') ?? [];
const regisseur = accounts.find((a) => a.rol === 'regisseur');
const werkgroep = accounts.find((a) => a.rol === 'werkgroep');
const SCREENSHOTS = 'test/e2e/screenshots';

const nl1 = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

describe.skipIf(!inject('chromiumPath'))('matching', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
    ({ page } = await openApp(browser, baseUrl, { account: regisseur }));
  });
  afterAll(async () => browser?.close());

  it('shows a request’s candidates on the map with their score breakdown; accepting one puts the kavel in optie', async () => {
    // A request with a single-kavel candidate that is free now (the app must find the same one).
    const pick = await page.evaluate(async () => {
      const vragen = await (await fetch('/api/ruimtevragen?status=open')).json();
      for (const v of vragen) {
        const k = await (await fetch(`/api/ruimtevragen/${v.id}/kandidaten`)).json();
        const first = k.kandidaten[0];
        if (first && first.kavel_ids.length === 1 && first.kavels[0].status === 'beschikbaar') {
          return { vraag: v.id, naam: v.bedrijf_naam, kandidaat: first, huidig: v.huidige_kavel_id, aantal: k.kandidaten.length };
        }
      }
      return null;
    });
    expect(pick, 'the seed has an open request with a free single-kavel candidate').not.toBeNull();
    const kavel = pick!.kandidaat.kavel_ids[0] as number;

    await page.getByTestId('ruimtevragen-knop').click();
    const row = page.locator(`[data-testid=register] tr[data-vraag="${pick!.vraag}"]`);
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await row.innerText()).toContain(pick!.naam);
    await row.click();

    const first = page.getByTestId('kandidaat').first();
    await first.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await page.getByTestId('kandidaat').count()).toBe(pick!.aantal);
    expect(await first.getAttribute('data-kavels')).toBe(String(kavel));
    // The breakdown: one row per criterion, points adding up to the score shown.
    const rows = first.locator('tr[data-criterium]');
    expect(await rows.count()).toBe(pick!.kandidaat.criteria.length);
    const punten = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.lastElementChild!.textContent!.replace(',', '.'))));
    const som = punten.reduce((a, b) => a + b, 0);
    expect(Math.abs(som - pick!.kandidaat.score)).toBeLessThan(0.05 * punten.length + 0.05);
    expect(await first.innerText()).toContain(nl1.format(pick!.kandidaat.score));
    expect(await first.innerText()).toContain(pick!.kandidaat.criteria[0].toelichting);

    // On the map: the chosen candidate shaded and labelled with rank and score, an arrow from the current kavel.
    await waitForIdle(page);
    const rendered = await page.evaluate((id) => (window as any).__map.queryRenderedFeatures({ layers: ['matching-fill'] })
      .filter((f: any) => f.properties.kavel_id === id).map((f: any) => f.properties.rol), kavel);
    expect(rendered).toContain('gekozen');
    const label = page.locator('.match-marker--gekozen');
    expect(await label.innerText()).toBe(`1 · ${nl1.format(pick!.kandidaat.score)}`);
    expect(await page.locator('.match-marker--kandidaat').count()).toBe(Math.min(pick!.aantal, 8) - 1);
    if (pick!.huidig) {
      const arrows = await page.evaluate(() => (window as any).__map.queryRenderedFeatures({ layers: ['matching-pijl'] }).length);
      expect(arrows).toBeGreaterThan(0);
    }
    await page.screenshot({ path: `${SCREENSHOTS}/30-kandidaten.png` });

    // Propose, then accept in the werkgroep step: the kavel goes in optie.
    await first.getByRole('button', { name: 'Voorstellen als match' }).click();
    const card = page.getByTestId('match-card').first();
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await card.getAttribute('data-status')).toBe('voorgesteld');
    await card.getByRole('button', { name: /Besproken in werkgroep/ }).click();
    await card.getByLabel(/Reden of toelichting/).fill('Besproken in de werkgroep van november; eigenaar akkoord.');
    await card.getByRole('button', { name: /Vastleggen/ }).click();
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 30_000 }).toBe('besproken_werkgroep');
    expect(await card.innerText()).toContain('in optie');

    // The map reloads the kavels: the kavel is drawn with the "in optie" outline.
    await expect.poll(() => page.evaluate((id) => {
      const map = (window as any).__map;
      return map.querySourceFeatures('data-kavels').find((f: any) => f.id === id)?.properties.status;
    }, kavel), { timeout: 30_000 }).toBe('in_optie');
    await waitForIdle(page);
    const optie = await page.evaluate((id) => (window as any).__map.queryRenderedFeatures({ layers: ['kavels-optie'] })
      .some((f: any) => f.id === id), kavel);
    expect(optie).toBe(true);
    // The request's own overlay now shows where the company is going: the matched kavel, labelled.
    await expect.poll(() => page.locator('.match-marker--match').innerText(), { timeout: 30_000 }).toMatch(/^Match \d+ · besproken in werkgroep$/);
    expect(await page.evaluate(async (id) => (await (window as any).__map.getSource('matching').getData()).features
      .some((f: any) => f.properties.kavel_id === id && f.properties.rol === 'match'), kavel)).toBe(true);
    const api = await page.evaluate(async (id) => (await (await fetch(`/api/kavels/${id}`)).json()).properties.status, kavel);
    expect(api).toBe('in_optie');
    await page.screenshot({ path: `${SCREENSHOTS}/31-in-optie.png` });

    // Release it again (afgevallen) so the other browser suites see the seed's kavels.
    await card.getByRole('button', { name: 'Afgevallen' }).click();
    await card.getByLabel(/Reden of toelichting/).fill('Opruimen na de browsertest.');
    await card.getByRole('button', { name: /Vastleggen/ }).click();
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 30_000 }).toBe('afgevallen');
    expect(await page.evaluate(async (id) => (await (await fetch(`/api/kavels/${id}`)).json()).properties.status, kavel)).toBe('beschikbaar');
  });

  it('draws the regional optimum with numbered relocation chains', async () => {
    const panel = page.getByTestId('matching');
    await panel.getByRole('tab', { name: 'Regionaal optimum' }).click();
    await page.getByTestId('regio-bereken').click();
    const chain = page.getByTestId('keten').first();
    await chain.waitFor({ state: 'visible', timeout: 60_000 });
    const regio = await page.evaluate(async () => {
      const me = await (await fetch('/api/auth/me')).json();
      const r = await fetch('/api/matching/regio', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: '{}' });
      return r.json();
    });
    expect(await page.getByTestId('keten').count()).toBe(regio.optimaal.ketens.length);
    expect(await page.getByTestId('regio-doelwaarde').innerText()).toContain(nl1.format(regio.samenvatting.doelwaarde_optimaal));
    // Each chain step is a numbered label on the map, and the moves are arrows.
    const steps = regio.optimaal.ketens.reduce((n: number, k: any) => n + k.stappen.length, 0);
    expect(await page.locator('.match-marker--keten').count()).toBe(steps);
    expect(await page.locator('.match-marker--keten', { hasText: /^1\.2$/ }).count()).toBe(1);
    await waitForIdle(page);
    const arrows = await page.evaluate(() => (window as any).__map.queryRenderedFeatures({ layers: ['matching-pijl'] })
      .filter((f: any) => f.properties.soort === 'keten').length);
    expect(arrows).toBeGreaterThan(0);
    const unassigned = page.getByTestId('niet-toegewezen');
    if (regio.optimaal.niet_toegewezen.length) expect(await unassigned.innerText()).toContain(regio.optimaal.niet_toegewezen[0].reden);
    await page.screenshot({ path: `${SCREENSHOTS}/32-regio.png` });
  });

  it('registers a request through the form and imports a CSV only when every row is right', async () => {
    const panel = page.getByTestId('matching');
    await panel.getByRole('tab', { name: 'Register' }).click();
    await panel.getByRole('button', { name: 'Nieuwe ruimtevraag' }).click();
    const form = page.getByTestId('vraag-form');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => form.getByRole('alert').innerText()).toContain('Naam: de bedrijfsnaam is verplicht');
    await form.getByLabel('Naam', { exact: true }).fill('Formuliertest Logistiek BV');
    await form.getByLabel('KvK-nummer').fill('71071071');
    await form.getByLabel('Minimaal (ha)').fill('0,8');
    await form.getByLabel('Maximaal (ha)').fill('1,5');
    await form.getByLabel('Benodigde milieucategorie').selectOption('3.1');
    await form.getByLabel('Leiderdorp').check();
    await form.getByRole('button', { name: 'Opslaan' }).click();
    const detail = page.getByTestId('vraag-detail');
    await detail.waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(() => detail.locator('.vraag-head h3').innerText(), { timeout: 30_000 }).toBe('Formuliertest Logistiek BV');
    expect(await detail.innerText()).toContain('0,8–1,5 ha, milieucategorie 3.1');
    await page.getByTestId('kandidaten').locator('p').first().waitFor();
    const stored = await page.evaluate(async () => (await (await fetch('/api/ruimtevragen')).json()).find((v: any) => v.kvk_nummer === '71071071'));
    expect(stored).toMatchObject({ min_ha: 0.8, max_ha: 1.5, milieucategorie: '3.1', gewenste_gemeenten: ['Leiderdorp'] });

    // CSV: a wrong row blocks the whole file; after fixing it, both rows are imported.
    await detail.getByRole('button', { name: '← Terug' }).click();
    await panel.getByRole('button', { name: 'CSV importeren' }).click();
    const importer = page.getByTestId('csv-import');
    const csv = (cat: string) => `bedrijf;kvk;min_ha;max_ha;milieucategorie;reden;gewenste_gemeenten\n` +
      `CSV Een BV;71071072;1,0;2,0;2;groei;Katwijk\nCSV Twee BV;71071073;0,5;0,9;${cat};nieuwvestiging;Leiden, Oegstgeest\n`;
    await importer.locator('input[type=file]').setInputFiles({ name: 'vragen.csv', mimeType: 'text/csv', buffer: Buffer.from(csv('9.9')) });
    await expect.poll(() => importer.getByRole('status').innerText(), { timeout: 30_000 }).toContain('1 fout in 2 rijen');
    expect(await importer.locator('tbody tr td').first().innerText()).toBe('3');
    expect(await importer.getByRole('button', { name: 'Importeren' }).isDisabled()).toBe(true);
    await importer.locator('input[type=file]').setInputFiles({ name: 'vragen.csv', mimeType: 'text/csv', buffer: Buffer.from(csv('2')) });
    await expect.poll(() => importer.getByRole('status').innerText(), { timeout: 30_000 }).toContain('2 rijen gecontroleerd: alles in orde');
    await importer.getByRole('button', { name: 'Importeren' }).click();
    await expect.poll(() => importer.getByRole('status').innerText(), { timeout: 30_000 }).toContain('2 ruimtevragen geïmporteerd');
    const names = await page.evaluate(async () => (await (await fetch('/api/ruimtevragen')).json()).map((v: any) => v.bedrijf_naam));
    expect(names).toEqual(expect.arrayContaining(['CSV Een BV', 'CSV Twee BV']));
    await importer.getByRole('button', { name: 'Terug naar het register' }).click();
    await page.getByTestId('register').getByText('CSV Twee BV').waitFor();
  });

  it('shows the werkgroep the register without company names', async () => {
    const { page: wg } = await openApp(browser, baseUrl, { account: werkgroep });
    const names = await page.evaluate(async () => (await (await fetch('/api/ruimtevragen')).json()).map((v: any) => v.bedrijf_naam));
    await wg.getByTestId('ruimtevragen-knop').click();
    const register = wg.getByTestId('register');
    await register.locator('tr[data-vraag]').first().waitFor({ state: 'visible', timeout: 30_000 });
    const text = await register.innerText();
    expect(text).toContain('geanonimiseerd');
    for (const n of names) expect(text).not.toContain(n);
    expect(await wg.getByRole('tab', { name: 'Regionaal optimum' }).count()).toBe(0);
    await wg.close();
  });
});
