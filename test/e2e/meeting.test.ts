// The stuurgroep meeting in a real browser (issue #13): the regisseur creates a meeting,
// freezes its snapshot, records an advice and afterwards the stuurgroep's decision, and
// compares with the previous meeting (a transformatie drawn in between is listed as
// added, with its hectares, and drawn on the map); the stuurgroep reads the same meeting
// without any button that writes, and sees the ruimtevragen aggregate but no company.
// Every record is made here, through the API or the screen.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp } from './browser.ts';
import { Api, createTerrein, createTransformatie, demoAccount, inside, rdPolygon, unique } from './fixtures.ts';
import { today } from '../../server/domain/dates.ts';

const baseUrl = inject('baseUrl');
const SCREENSHOTS = 'test/e2e/screenshots';

interface Vergadering { id: number; version: number; titel: string }

describe.skipIf(!inject('chromiumPath'))('the stuurgroep meeting', () => {
  let browser: Browser;
  let regisseur: Api;
  let vorige: Vergadering;
  let huidige: Vergadering;
  let transformatie: { id: number; properties: { naam: string | null; oppervlakte_ha: number } };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
    regisseur = await Api.as('regisseur');
    // The previous meeting, frozen before the transformatie existed.
    vorige = await regisseur.ok<Vergadering>('POST', '/api/vergaderingen', { datum: today(), gremium: 'stuurgroep', titel: unique('E2E vorige stuurgroep') });
    await regisseur.ok('POST', `/api/vergaderingen/${vorige.id}/snapshot`, {});
    // The presented meetings are the werkgroep's, so they are not "the last meeting" of the stuurgroep's.
    const vorigeWerkgroep = await regisseur.ok<Vergadering>('POST', '/api/vergaderingen', { datum: today(), gremium: 'werkgroep', titel: unique('E2E vorige werkgroep') });
    await regisseur.ok('POST', `/api/vergaderingen/${vorigeWerkgroep.id}/snapshot`, {});
    const { spot } = await createTerrein(regisseur, 'Leiden');
    transformatie = await createTransformatie(regisseur, rdPolygon(inside(spot, 100, 100, 200, 100)));
    // The meeting presented: frozen after the transformatie was drawn.
    huidige = await regisseur.ok<Vergadering>('POST', '/api/vergaderingen', { datum: today(), gremium: 'werkgroep', titel: unique('E2E presentatie') });
    await regisseur.ok('POST', `/api/vergaderingen/${huidige.id}/snapshot`, {});
  });
  afterAll(async () => browser?.close());

  async function openVergaderingen(page: Page) {
    await page.getByTestId('vergaderingen-knop').click();
    await page.getByTestId('vergaderingen').waitFor({ state: 'visible' });
  }

  it('lets the regisseur create, freeze, compare, advise and record the decision', async () => {
    const { page, errors } = await openApp(browser, baseUrl, { account: demoAccount('regisseur') });
    await page.setViewportSize({ width: 1600, height: 1000 });
    await openVergaderingen(page);
    const titel = unique('E2E stuurgroep');
    const nieuw = page.getByTestId('vg-nieuw');
    await nieuw.getByTestId('vg-titel').fill(titel);
    await nieuw.getByRole('button', { name: 'Aanmaken' }).click();
    await expect.poll(() => page.getByTestId('vg-detail-titel').textContent()).toBe(titel);
    await expect.poll(() => page.getByText('Nog niet bevroren').count()).toBe(1);

    await page.getByTestId('vg-bevries').click();
    await page.getByTestId('vg-snapshot').waitFor({ state: 'visible' });
    expect(await page.getByTestId('vg-snapshot').textContent()).toContain('Momentopname 1');
    // The frozen figures are those of the API's balance today.
    const balans = await regisseur.ok<{ regio: { netto_verloren: { ha: number } } }>('GET', '/api/balans');
    const nl1 = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    expect(await page.getByTestId('vg-kpi-netto_verloren').textContent()).toContain(`${nl1.format(balans.regio.netto_verloren.ha)} ha`);

    // What changed since the previous meeting: the transformatie drawn in between, with its hectares, and on the map.
    await page.getByTestId('vg-vergelijk').click();
    const toegevoegd = page.getByTestId('vg-toegevoegd');
    await toegevoegd.waitFor({ state: 'visible' });
    const rij = toegevoegd.locator('tr', { hasText: transformatie.properties.naam! });
    expect(await rij.count()).toBe(1);
    expect(await rij.textContent()).toContain(`+${nl1.format(transformatie.properties.oppervlakte_ha)} ha`);
    await expect.poll(() => page.evaluate(() => {
      const map = (window as any).__map;
      return map.getSource('vergelijking') ? map.querySourceFeatures('vergelijking').length : 0;
    }), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENSHOTS}/40-vergadering-vergelijking.png` });

    // An advice for this meeting, then the stuurgroep's decision: "deels" needs the reasons.
    await page.getByTestId('advies-nieuw').click();
    const form = page.getByTestId('advies-form');
    await form.getByTestId('advies-type').selectOption('kans_compensatielocatie');
    const adviesTitel = unique('E2E advies');
    await form.getByTestId('advies-titel').fill(adviesTitel);
    await form.getByTestId('advies-tekst').fill('Wijs de nieuwe compensatielocatie toe aan de transformatie.');
    await form.getByTestId('advies-opslaan').click();
    const advies = page.locator('.vg-advies', { hasText: adviesTitel });
    await advies.waitFor({ state: 'visible' });
    expect(await advies.textContent()).toContain('Kans voor een compensatielocatie');
    await advies.getByLabel('Deels opgevolgd').check();
    await advies.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await expect.poll(() => advies.getByRole('alert').textContent()).toContain('beweegredenen');
    await advies.getByLabel('Beweegredenen').fill('Alleen het eerste deel; de rest na de zomer.');
    await advies.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await expect.poll(() => advies.locator('.vg-besluit').textContent()).toContain('Deels opgevolgd');
    expect(await advies.locator('.vg-besluit').textContent()).toContain('de rest na de zomer');
    await page.screenshot({ path: `${SCREENSHOTS}/41-vergadering-advies.png`, fullPage: false });
    expect(errors.filter((e) => !e.includes('422'))).toEqual([]);
    await page.close();
  });

  it('shows the stuurgroep the meeting read-only and the ruimtevragen aggregate without a company', async () => {
    const { page, errors } = await openApp(browser, baseUrl, { account: demoAccount('stuurgroep') });
    await openVergaderingen(page);
    expect(await page.getByTestId('vg-nieuw').count()).toBe(0);
    await page.getByTestId(`vg-item-${vorige.id}`).click();
    await page.getByTestId('vg-snapshot').waitFor({ state: 'visible' });
    expect(await page.getByTestId('vg-bevries').count()).toBe(0);
    expect(await page.getByTestId('advies-nieuw').count()).toBe(0);
    expect(await page.locator('[data-testid^="besluit-form-"]').count()).toBe(0);

    await page.getByTestId('vg-tab-ruimtevragen').click();
    const totaal = page.getByTestId('ruimtevragen-totaal');
    await totaal.waitFor({ state: 'visible' });
    const aggregaat = await regisseur.ok<{ totaal: { aantal: number } }>('GET', '/api/ruimtevragen/aggregaat');
    expect(await page.getByTestId('rv-open').textContent()).toBe(String(aggregaat.totaal.aantal));
    // No company: none of the register's company names or KvK numbers is on the screen.
    const register = await regisseur.ok<{ bedrijf_naam?: string; kvk_nummer?: string | null }[]>('GET', '/api/ruimtevragen');
    const tekst = (await totaal.textContent()) ?? '';
    expect(register.length).toBeGreaterThan(0);
    for (const r of register) {
      expect(r.bedrijf_naam, 'the regisseur sees the company').toBeTruthy();
      expect(tekst).not.toContain(r.bedrijf_naam);
      if (r.kvk_nummer) expect(tekst).not.toContain(r.kvk_nummer);
    }
    await page.screenshot({ path: `${SCREENSHOTS}/42-stuurgroep-ruimtevragen.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('presents a meeting chapter by chapter by keyboard at 1920×1080, in projector style, and Escape leaves', async () => {
    const { page, errors } = await openApp(browser, baseUrl, { account: demoAccount('stuurgroep') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openVergaderingen(page);
    await page.getByTestId(`vg-item-${huidige.id}`).click();
    await page.getByTestId('vg-presenteer').click();
    const presentatie = page.getByTestId('presentatie');
    const titel = page.getByTestId('presentatie-titel');
    await titel.waitFor({ state: 'visible' });
    // No app chrome: the top bar, the layer panel and the map's buttons are gone.
    expect(await page.locator('.top-bar').isVisible()).toBe(false);
    expect(await page.locator('.layer-panel').isVisible()).toBe(false);
    expect(await page.locator('.maplibregl-ctrl-top-right').isVisible()).toBe(false);
    // The map's names in projector size: gemeenten at 24 px, terreinen at 18 px and from region scale on.
    const labels = () => page.evaluate(() => {
      const map = window.__map!;
      return { gemeente: map.getLayoutProperty('gemeenten-label', 'text-size'), terrein: map.getLayoutProperty('terreinen-label', 'text-size'),
        terreinVanaf: map.getLayer('terreinen-label')!.minzoom };
    });
    expect(await labels()).toEqual({ gemeente: 24, terrein: 18, terreinVanaf: 10 });

    const gezien: string[] = [];
    const toetsen = ['PageDown', 'ArrowRight', 'PageDown', 'ArrowDown', 'PageDown', 'ArrowRight', 'PageDown'];
    for (let i = 0; i <= toetsen.length; i++) {
      const code = await presentatie.getAttribute('data-hoofdstuk');
      gezien.push(code!);
      expect(await page.getByTestId('presentatie-teller').textContent()).toBe(`${i + 1} / 8`);
      // Projector style: no text in the figures panel below 24 px (the chart's axis labels aside).
      const klein = await page.locator('.presentatie-paneel').evaluate((el) => [...el.querySelectorAll('p, li, td, th, dt, dd, h2, h3, span')]
        .filter((e) => !e.closest('svg') && e.textContent?.trim() && e.getClientRects().length)
        .map((e) => ({ tekst: e.textContent!.trim().slice(0, 40), px: parseFloat(getComputedStyle(e).fontSize) }))
        .filter((x) => x.px < 24));
      expect(klein, `chapter ${code}`).toEqual([]);
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${SCREENSHOTS}/43-presentatie-${i + 1}-${code}.png` });
      if (i < toetsen.length) await page.keyboard.press(toetsen[i]);
    }
    expect(gezien).toEqual(['regio', 'voortgang', 'gemeenten', 'milieucategorieen', 'vraag_aanbod', 'signaleringen', 'ruimtevragen', 'veranderd']);
    // The last chapter lists the transformatie drawn since the previous meeting.
    expect(await page.getByTestId('vg-toegevoegd').textContent()).toContain(transformatie.properties.naam!);
    await page.keyboard.press('PageUp');
    expect(await presentatie.getAttribute('data-hoofdstuk')).toBe('ruimtevragen');
    await page.keyboard.press('Escape');
    await presentatie.waitFor({ state: 'detached' });
    expect(await page.locator('.top-bar').isVisible()).toBe(true);
    expect(await labels()).toEqual({ gemeente: 13, terrein: 12.5, terreinVanaf: 12 });
    expect(errors).toEqual([]);
    await page.close();
  });
});
