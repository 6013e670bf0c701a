// The records an advies concerns, on the map (issue #13, item 5): the regisseur picks a
// kavel and a transformatie on the map for a new advies (click adds, click again takes
// off, Escape ends pick mode), the stuurgroep reads the card with both names and "Toon
// op kaart" marks exactly those two polygons and brings them into view beside the panel;
// the regisseur changes the records of an undecided advies the same way; in presentation
// mode the signaleringen chapter marks them too. Every record is made here.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { bbox } from '@turf/turf';
import { launchBrowser, openApp, waitForIdle } from './browser.ts';
import { Api, createKavel, createTerrein, createTransformatie, demoAccount, inside, rdPolygon, unique } from './fixtures.ts';
import { deepInteriorPoint, toScreen, type Area } from './map-helpers.ts';
import { today } from '../../server/domain/dates.ts';

const baseUrl = inject('baseUrl');
const SCREENSHOTS = 'test/e2e/screenshots';

const PLANLAGEN = ['terreinen', 'kavels', 'transformaties', 'compensaties'];

/** Every rendered feature of the four layers an advies can concern whose 'selected' state is set, as "layer:id". */
const geselecteerd = (page: Page, bron: 'data' | 'verleden' = 'data') => page.evaluate(([lagen, bron]) => {
  const map = (window as any).__map;
  const uit = new Set<string>();
  for (const laag of lagen as string[]) {
    const layerId = bron === 'data' ? `${laag}-fill` : `${laag}-fill-verleden`;
    if (!map.getLayer(layerId)) continue;
    for (const f of map.queryRenderedFeatures({ layers: [layerId] })) {
      const target = bron === 'data' ? { source: `data-${laag}`, sourceLayer: laag, id: f.id } : { source: `verleden-${laag}`, id: f.id };
      if (map.getFeatureState(target).selected === true) uit.add(`${laag}:${f.id}`);
    }
  }
  return [...uit].sort();
}, [PLANLAGEN, bron] as const);

describe.skipIf(!inject('chromiumPath'))('the records of an advies on the map', () => {
  let browser: Browser;
  let regisseur: Api;
  let vergadering: { id: number };
  let terrein: Area;
  let kavel: Area;
  let transformatie: Area;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
    regisseur = await Api.as('regisseur');
    vergadering = await regisseur.ok('POST', '/api/vergaderingen', { datum: today(), gremium: 'stuurgroep', titel: unique('E2E advies op de kaart') });
    const made = await createTerrein(regisseur, 'Zoeterwoude');
    terrein = made.terrein;
    kavel = await createKavel(regisseur, terrein, inside(made.spot, 30, 60, 140, 180));
    transformatie = await createTransformatie(regisseur, rdPolygon(inside(made.spot, 230, 60, 140, 180)));
  });
  afterAll(async () => browser?.close());

  async function openVergadering(page: Page, id = vergadering.id) {
    await page.getByTestId('vergaderingen-knop').click();
    await page.getByTestId(`vg-item-${id}`).click();
    await page.getByTestId('vg-adviezen').waitFor({ state: 'visible' });
  }

  /** The map fitted to the terrein, left of the panel, so both records can be clicked. */
  async function toonTerrein(page: Page) {
    const [w, s, e, n] = bbox(terrein);
    await page.evaluate((b) => {
      (window as any).__map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: { top: 120, bottom: 120, left: 380, right: 640 }, animate: false });
    }, [w, s, e, n]);
    await waitForIdle(page);
  }

  const klik = async (page: Page, f: Area) => {
    const p = await toScreen(page, deepInteriorPoint(f));
    await page.mouse.click(p.x, p.y);
  };

  it('lets the regisseur pick a kavel and a transformatie on the map; the stuurgroep sees both named and on the map', async () => {
    const { page, errors } = await openApp(browser, baseUrl, { account: demoAccount('regisseur') });
    await page.setViewportSize({ width: 1600, height: 1000 });
    await openVergadering(page);
    await page.getByTestId('advies-nieuw').click();
    const form = page.getByTestId('advies-form');
    const titel = unique('E2E advies met vlakken');
    await form.getByTestId('advies-titel').fill(titel);
    await form.getByTestId('advies-tekst').fill('Maak de kavel vrij voor de bedrijven van de transformatie.');
    await toonTerrein(page);

    await form.getByTestId('kies-op-kaart').click();
    const hint = page.getByTestId('kies-hint');
    await hint.waitFor({ state: 'visible' });
    expect(await hint.innerText()).toContain('Esc');
    const gekozen = form.getByTestId('gekozen-objecten');
    await klik(page, kavel);
    await gekozen.getByTestId(`object-kavel-${kavel.id}`).waitFor({ state: 'visible' });
    await klik(page, transformatie);
    await gekozen.getByTestId(`object-transformatie-${transformatie.id}`).waitFor({ state: 'visible' });
    // A second click takes the kavel off again; a third puts it back.
    await klik(page, kavel);
    await gekozen.getByTestId(`object-kavel-${kavel.id}`).waitFor({ state: 'detached' });
    await klik(page, kavel);
    await gekozen.getByTestId(`object-kavel-${kavel.id}`).waitFor({ state: 'visible' });
    // The chosen ones are marked while picking, and the click selected nothing else (no feature panel).
    await waitForIdle(page);
    expect(await geselecteerd(page)).toEqual([`kavels:${kavel.id}`, `transformaties:${transformatie.id}`].sort());
    expect(await page.locator('.feature-panel').count()).toBe(0);
    expect(await gekozen.innerText()).toContain(kavel.properties.naam!);
    expect(await gekozen.innerText()).toContain(transformatie.properties.naam!);
    await page.screenshot({ path: `${SCREENSHOTS}/60-advies-kiezen.png` });
    await page.keyboard.press('Escape');
    await hint.waitFor({ state: 'detached' });
    // The panel stays open after Escape ended pick mode.
    await page.getByTestId('vergaderingen').waitFor({ state: 'visible' });
    // Outside pick mode a click no longer changes the choice.
    await klik(page, transformatie);
    await expect.poll(() => gekozen.locator('dd').count()).toBe(2);

    await form.getByTestId('advies-opslaan').click();
    await form.waitFor({ state: 'detached' });
    const adviezen = await regisseur.ok<{ id: number; titel: string; objecten: { tabel: string; id: number }[] }[]>('GET', `/api/adviezen?vergadering_id=${vergadering.id}`);
    const advies = adviezen.find((a) => a.titel === titel);
    expect(advies).toBeDefined();
    const adviesId = advies!.id;
    expect(advies!.objecten.map((o) => `${o.tabel}:${o.id}`).sort()).toEqual([`kavel:${kavel.id}`, `transformatie:${transformatie.id}`].sort());
    expect(errors).toEqual([]);
    await page.close();

    // The stuurgroep opens the meeting: the card names both, "Toon op kaart" marks exactly those two.
    const stuurgroep = await openApp(browser, baseUrl, { account: demoAccount('stuurgroep') });
    await lees(stuurgroep.page, adviesId);
    expect(stuurgroep.errors).toEqual([]);
    await stuurgroep.page.close();
  });

  async function lees(page: Page, adviesId: number) {
    await page.setViewportSize({ width: 1600, height: 1000 });
    await openVergadering(page);
    const kaart = page.getByTestId(`advies-${adviesId}`);
    await kaart.waitFor({ state: 'visible' });
    const tekst = await kaart.innerText();
    expect(tekst).toContain(kavel.properties.naam!);
    expect(tekst).toContain(transformatie.properties.naam!);
    // Read only: no button that changes the records.
    expect(await kaart.getByTestId(`objecten-wijzig-${adviesId}`).count()).toBe(0);

    // The fit waits for the server's box of the records: wait for the map to have moved.
    const moved = page.evaluate(() => new Promise<void>((resolve) => (window as any).__map.once('moveend', () => resolve())));
    await kaart.getByTestId(`toon-op-kaart-${adviesId}`).click();
    await moved;
    await waitForIdle(page);
    expect(await geselecteerd(page)).toEqual([`kavels:${kavel.id}`, `transformaties:${transformatie.id}`].sort());
    // Both are in view, drawn, and left of the open panel.
    const paneel = await page.getByTestId('vergaderingen').boundingBox();
    for (const [laag, f] of [['kavels', kavel], ['transformaties', transformatie]] as const) {
      const [w, s, e, n] = bbox(f);
      const binnen = await page.evaluate((b) => {
        const bounds = (window as any).__map.getBounds();
        return bounds.contains([b[0], b[1]]) && bounds.contains([b[2], b[3]]);
      }, [w, s, e, n]);
      expect(binnen, `${laag} ${f.id} in view`).toBe(true);
      const getekend = await page.evaluate(([l, id]) => (window as any).__map.queryRenderedFeatures({ layers: [`${l}-fill`] }).some((x: any) => x.id === id), [laag, f.id] as const);
      expect(getekend).toBe(true);
      for (const hoek of [[w, s], [e, n]] as [number, number][]) {
        const p = await toScreen(page, hoek);
        expect(p.x).toBeLessThan(paneel!.x);
      }
    }
    await page.screenshot({ path: `${SCREENSHOTS}/61-advies-toon-op-kaart.png` });
  }

  it('lets the regisseur change the records of an advies until the stuurgroep has decided', async () => {
    const eigen = await regisseur.ok<{ id: number }>('POST', '/api/vergaderingen', { datum: today(), gremium: 'stuurgroep', titel: unique('E2E vlakken wijzigen') });
    const nieuw = (titel: string) => regisseur.ok<{ id: number; version: number }>('POST', '/api/adviezen', {
      soort: 'advies', type: 'compensatieopgave', gevraagd: false, titel: unique(titel), tekst: 'Eerst alleen de kavel.',
      vergadering_id: eigen.id, objecten: [{ tabel: 'kavel', id: kavel.id }],
    });
    const open = await nieuw('E2E open advies');
    const besloten = await nieuw('E2E besloten advies');
    await regisseur.ok('PUT', `/api/adviezen/${besloten.id}/besluit`, { version: besloten.version, besluit: 'opgevolgd' });

    const { page, errors } = await openApp(browser, baseUrl, { account: demoAccount('regisseur') });
    await page.setViewportSize({ width: 1600, height: 1000 });
    await openVergadering(page, eigen.id);
    await page.getByTestId(`advies-${besloten.id}`).waitFor({ state: 'visible' });
    // Decided: the records stay as they were decided on.
    expect(await page.getByTestId(`objecten-wijzig-${besloten.id}`).count()).toBe(0);

    await page.getByTestId(`objecten-wijzig-${open.id}`).click();
    const form = page.getByTestId(`objecten-form-${open.id}`);
    await toonTerrein(page);
    await form.getByTestId('kies-op-kaart').click();
    await klik(page, transformatie);
    await form.getByTestId(`object-transformatie-${transformatie.id}`).waitFor({ state: 'visible' });
    await page.getByTestId('kies-klaar').click();
    await page.getByTestId('kies-hint').waitFor({ state: 'detached' });
    await form.getByTestId(`object-weg-kavel-${kavel.id}`).click();
    await form.getByTestId(`object-kavel-${kavel.id}`).waitFor({ state: 'detached' });
    await form.getByTestId(`objecten-opslaan-${open.id}`).click();
    await form.waitFor({ state: 'detached' });

    const opgeslagen = await regisseur.ok<{ objecten: { tabel: string; id: number }[] }>('GET', `/api/adviezen/${open.id}`);
    expect(opgeslagen.objecten.map((o) => `${o.tabel}:${o.id}`)).toEqual([`transformatie:${transformatie.id}`]);
    const kaart = page.getByTestId(`advies-${open.id}`);
    await expect.poll(() => kaart.innerText()).toContain(transformatie.properties.naam!);
    expect(await kaart.innerText()).not.toContain(kavel.properties.naam!);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('marks the records of the adviezen in the presentation\'s signaleringen chapter', async () => {
    // Its own meeting and advies, frozen in a snapshot.
    const eigen = await regisseur.ok<{ id: number }>('POST', '/api/vergaderingen', { datum: today(), gremium: 'stuurgroep', titel: unique('E2E presentatie adviezen') });
    const { id: adviesId } = await regisseur.ok<{ id: number }>('POST', '/api/adviezen', {
      soort: 'advies', type: 'kans_compensatielocatie', gevraagd: true, titel: unique('E2E advies presentatie'), tekst: 'Zie de kaart.',
      vergadering_id: eigen.id, objecten: [{ tabel: 'kavel', id: kavel.id }, { tabel: 'transformatie', id: transformatie.id }],
    });
    await regisseur.ok('POST', `/api/vergaderingen/${eigen.id}/snapshot`, {});
    const { page, errors } = await openApp(browser, baseUrl, { account: demoAccount('stuurgroep') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openVergadering(page, eigen.id);
    await page.getByTestId('vg-presenteer').click();
    const presentatie = page.getByTestId('presentatie');
    await presentatie.waitFor({ state: 'visible' });
    await page.getByRole('button', { name: 'Signaleringen en adviezen' }).click();
    await expect.poll(() => presentatie.getAttribute('data-hoofdstuk')).toBe('signaleringen');
    expect(await page.getByTestId(`hs-objecten-${adviesId}`).innerText()).toContain(kavel.properties.naam!);
    // From the snapshot: kavels and transformaties are drawn as they were then, and marked there.
    await waitForIdle(page);
    const staat = (bron: string, id: number) => page.evaluate(([b, i]) => (window as any).__map.getFeatureState({ source: b, id: i }).selected === true, [bron, id] as const);
    await expect.poll(() => staat('verleden-kavels', kavel.id)).toBe(true);
    expect(await staat('verleden-transformaties', transformatie.id)).toBe(true);
    expect(await page.evaluate((id) => (window as any).__map.getFeatureState({ source: 'data-terreinen', sourceLayer: 'terreinen', id }).selected === true, terrein.id)).toBe(false);
    await page.screenshot({ path: `${SCREENSHOTS}/62-presentatie-adviezen.png` });
    // Another chapter: nothing marked.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => presentatie.getAttribute('data-hoofdstuk')).toBe('ruimtevragen');
    await expect.poll(() => staat('verleden-kavels', kavel.id)).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });
});
