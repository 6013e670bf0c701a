// The rest of the werkgroep editor in a real browser: toewijzingen of a
// compensatie (and over-allocation refused), a bestuursovereenkomst made and
// edited in the monitor with its computed contribution, cutting a hole (and
// editing the holed kavel), editing a record of several parts, the R-T1
// transformatielijst warning, and the werkgroep's own-gemeente limits.
import { describe, expect, inject, it } from 'vitest';
import type { Browser, Page, Request } from 'playwright-core';
import { bbox, booleanContains, point, pointToPolygonDistance, polygon as turfPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { openApp, reloadApp, waitForIdle } from './browser.ts';
import { demoSession, SCREENSHOTS } from './session.ts';
import { api, clickAt, deepInteriorPoint, hectare, liveHa, selectOnMap, toLngLat, toScreen, type Area, type Props } from './map-helpers.ts';
import {
  Api, createBestuursovereenkomst, createCompensatie, createKanszone, createKavel, createTerrein, createTransformatie,
  demoAccount, freeSpot, inside, rdPolygon, unique,
} from './fixtures.ts';
import { rdRectangle } from '../support/rd.ts';

const baseUrl = inject('baseUrl');
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

interface Bo { id: number; naam: string; version: number; maatwerk_bedrag: number | null; kostenposten: unknown[]; bijdrage: { bijdrage: number; subsidiabel: number; totaal: number }; partijen: { gemeente: string; rol: string }[] }
interface Overzicht { oppervlakte_ha: number; toegewezen_ha: number; beschikbaar_ha: number; toewijzingen: { id: number; transformatie_id: number; hectares: number }[] }

describe.skipIf(!baseUrl)('werkgroep editor: toewijzingen, bestuursovereenkomsten, gaten, meerdelige vlakken', () => {
  let browser: Browser;
  let page: Page;
  let regisseur: Api;

  demoSession({ rol: 'regisseur', refused: [409, 422] }, (session) => {
    ({ browser, page, api: regisseur } = session);
  });

  /** A compensatie of 3 ha on a free spot, and a terrein with two transformaties, all in `gemeente`. */
  async function compensatieEnTransformaties(api: Api, gemeente: string) {
    const compSpot = await freeSpot(api, gemeente, 200, 150);
    const comp = await createCompensatie(api, rdPolygon(compSpot));
    const { spot } = await createTerrein(api, gemeente);
    const a = await createTransformatie(api, rdPolygon(inside(spot, 20, 20, 150, 100)));
    const b = await createTransformatie(api, rdPolygon(inside(spot, 220, 20, 150, 100)));
    return { comp, a, b };
  }

  it('assigns compensatie hectares to a transformatie, and refuses more than the compensatie has', async () => {
    const { comp, a: target, b: other } = await compensatieEnTransformaties(regisseur, 'Leiden');
    await reloadApp(page);
    const before = await regisseur.get<Overzicht>(`/api/compensaties/${comp.id}/toewijzingen`);
    expect(before).toMatchObject({ toegewezen_ha: 0, toewijzingen: [] });
    expect(before.beschikbaar_ha).toBeCloseTo(3, 2);

    const layerDownloads: string[] = [];
    const recordLayer = (r: Request) => { layerDownloads.push(r.url()); };
    page.on('request', recordLayer);
    const panel = await selectOnMap(page, 'compensaties-fill', comp);
    const section = panel.getByTestId('toewijzingen');
    await section.waitFor({ state: 'visible' });
    await expect.poll(() => section.getByTestId('toegewezen-ha').innerText()).toBe(hectare(before.toegewezen_ha));

    // The choices come as a list with what each transformatie lost (150 × 100 m), not as the whole layer.
    const keuze = section.getByRole('combobox', { name: 'Transformatie' }).locator(`option[value="${target.id}"]`);
    await expect.poll(() => keuze.innerText()).toMatch(/\(Leiden\) · 1,50 ha verloren, 0,00 ha toegewezen$/);
    // (By ids or area is what the map does; the whole layer is what this must not do.)
    expect(layerDownloads.filter((u) => new URL(u).pathname === '/api/transformaties' && !/[?&](ids|bbox)=/.test(u))).toEqual([]);
    page.off('request', recordLayer);
    await section.getByRole('combobox', { name: 'Transformatie' }).selectOption(String(target.id));
    await section.getByLabel('Hectares').fill('0,5');
    await section.getByRole('button', { name: 'Toewijzen' }).click();
    await expect.poll(() => section.getByTestId('toegewezen-ha').innerText()).toBe(hectare(before.toegewezen_ha + 0.5));
    const { body: after } = await api<Overzicht>(page, `/api/compensaties/${comp.id}/toewijzingen`);
    expect(after.toewijzingen.find((x) => x.transformatie_id === target.id)?.hectares).toBe(0.5);
    expect(after.beschikbaar_ha).toBeCloseTo(before.beschikbaar_ha - 0.5, 6);

    // More than what is left: the server's Dutch refusal, nothing stored.
    await section.getByRole('combobox', { name: 'Transformatie' }).selectOption(String(other.id));
    await section.getByLabel('Hectares').fill('99');
    await section.getByRole('button', { name: 'Toewijzen' }).click();
    await expect.poll(() => section.getByRole('alert').innerText()).toMatch(/heeft nog .* beschikbaar; 99,00 ha toewijzen kan niet/);
    expect((await api<Overzicht>(page, `/api/compensaties/${comp.id}/toewijzingen`)).body.toewijzingen).toHaveLength(after.toewijzingen.length);
    await page.screenshot({ path: `${SCREENSHOTS}/40-toewijzingen.png` });

    // Remove the new toewijzing again.
    await section.locator(`li[data-transformatie="${target.id}"]`).getByRole('button', { name: 'Verwijderen' }).click();
    await expect.poll(() => section.getByTestId('toegewezen-ha').innerText()).toBe(hectare(before.toegewezen_ha));
    await page.keyboard.press('Escape');
  });

  it('records a bestuursovereenkomst with partijen and kostenposten in the monitor, shows the computed contribution, and edits it', async () => {
    const section = page.getByTestId('bo-beheer');
    if (!(await section.isVisible())) await page.getByTestId('monitor-knop').click();
    await section.waitFor({ state: 'visible' });
    await section.getByRole('button', { name: 'Nieuwe bestuursovereenkomst' }).click();
    const form = page.getByTestId('bo-form');
    const naam = unique('BO browsertest Leiden – Oegstgeest');
    await form.getByLabel('Naam', { exact: true }).fill(naam);
    await form.getByLabel('Datum ondertekening').fill('2026-10-01');
    const partijen = form.getByTestId('bo-partij');
    await partijen.nth(0).getByLabel('Gemeente').selectOption({ label: 'Leiden' });
    await partijen.nth(1).getByLabel('Gemeente').selectOption({ label: 'Oegstgeest' });
    // Both transforming: refused by the server, its Dutch reason in the form, nothing stored.
    await partijen.nth(1).getByLabel('Rol').selectOption('transformerend');
    await form.getByRole('button', { name: 'Kostenpost toevoegen' }).click();
    await form.getByRole('button', { name: 'Kostenpost toevoegen' }).click();
    const kosten = form.getByTestId('bo-kostenpost');
    await kosten.nth(0).getByLabel('Categorie').selectOption('onderzoek');
    await kosten.nth(0).getByLabel('Bedrag (€)').fill('10.000');
    await kosten.nth(1).getByLabel('Categorie').selectOption('realisatie');
    await kosten.nth(1).getByLabel('Bedrag (€)').fill('50000');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => form.getByRole('alert').innerText()).toContain('transformerende en een compenserende gemeente');
    const bos = async () => (await api<Bo[]>(page, '/api/bestuursovereenkomsten')).body;
    expect((await bos()).some((b) => b.naam === naam)).toBe(false);

    await partijen.nth(1).getByLabel('Rol').selectOption('compenserend');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    // 50 % of the eligible costs (onderzoek); realisatie does not count. The figure is the server's.
    const melding = section.getByTestId('bo-melding');
    await melding.waitFor({ state: 'visible' });
    expect(await melding.innerText()).toContain(`${euro.format(5000)} (50 % van ${euro.format(10000)} subsidiabele kosten)`);
    const stored = (await bos()).find((b) => b.naam === naam)!;
    expect(stored.bijdrage).toMatchObject({ bijdrage: 5000, subsidiabel: 10000 });
    expect(stored.partijen.map((p) => `${p.gemeente}:${p.rol}`).sort()).toEqual(['Leiden:transformerend', 'Oegstgeest:compenserend']);
    const row = section.locator(`tr[data-bo="${stored.id}"]`);
    await expect.poll(() => row.getByTestId('bo-bijdrage').innerText()).toBe(euro.format(5000));
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/41-bestuursovereenkomst.png` });

    // Edit: one more eligible kostenpost and maatwerk; the saved version is the server's next one.
    await row.getByRole('button', { name: 'Bewerken' }).click();
    await form.waitFor({ state: 'visible' });
    expect(await form.getByTestId('bo-bijdrage-opgeslagen').innerText()).toContain(euro.format(5000));
    await form.getByRole('button', { name: 'Kostenpost toevoegen' }).click();
    await kosten.nth(2).getByLabel('Categorie').selectOption('ontwerp_plan');
    await kosten.nth(2).getByLabel('Bedrag (€)').fill('6000');
    await form.getByLabel('Bedrag maatwerk (€)').fill('2.500');
    await page.screenshot({ path: `${SCREENSHOTS}/41b-bestuursovereenkomst-bewerken.png` });
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await melding.waitFor({ state: 'visible' });
    expect(await melding.innerText()).toContain(`${euro.format(8000)} (50 % van ${euro.format(16000)} subsidiabele kosten)`);
    const edited = (await bos()).find((b) => b.id === stored.id)!;
    expect(edited).toMatchObject({ version: stored.version + 1, maatwerk_bedrag: 2500, bijdrage: { bijdrage: 8000, subsidiabel: 16000, totaal: 10500 } });
    expect(edited.kostenposten).toHaveLength(3);
    await expect.poll(() => row.getByTestId('bo-bijdrage').innerText()).toBe(euro.format(8000));
    await page.getByTestId('monitor-knop').click();
  });

  it('cuts a hole in a kavel: a hole across the edge is refused, one inside lowers its hectares by the reported gat_ha, and the holed kavel stays editable', async () => {
    const { terrein, spot } = await createTerrein(regisseur, 'Leiden');
    const kavel = await createKavel(regisseur, terrein, inside(spot, 60, 50, 240, 160));
    await reloadApp(page);
    await selectOnMap(page, 'kavels-fill', kavel);
    const outer = (kavel.geometry.type === 'Polygon' ? kavel.geometry.coordinates : kavel.geometry.coordinates[0])[0];
    await page.getByTestId('actie-gat').click();

    // A square around a corner of the kavel: partly outside, refused by PostGIS with a Dutch reason.
    const corner = await toScreen(page, outer[0] as [number, number]);
    const square = (c: { x: number; y: number }, half: number) =>
      [{ x: c.x - half, y: c.y - half }, { x: c.x + half, y: c.y - half }, { x: c.x + half, y: c.y + half }, { x: c.x - half, y: c.y + half }];
    const across = square(corner, 30);
    for (const p of across) await clickAt(page, p);
    await clickAt(page, across[0]);
    await expect.poll(() => liveHa(page)).toBeGreaterThan(0);
    await page.getByTestId('gat-bevestig').click();
    await expect.poll(() => page.getByTestId('editor-fout').innerText()).toMatch(/binnen/);
    expect((await api<Area>(page, `/api/kavels/${kavel.id}`)).body.properties.version).toBe(kavel.properties.version);

    // Again, inside: a square around the kavel's deepest point, checked to lie inside it.
    await page.getByRole('button', { name: 'Gat opnieuw tekenen' }).click();
    const c = await toScreen(page, deepInteriorPoint(kavel));
    let corners: { x: number; y: number }[] = [];
    for (const half of [40, 25, 12]) {
      corners = square(c, half);
      const ring = await Promise.all(corners.map((p) => toLngLat(page, p)));
      if (booleanContains(kavel, turfPolygon([[...ring, ring[0]]]))) break;
    }
    for (const p of corners) await clickAt(page, p);
    await clickAt(page, corners[0]);
    await expect.poll(() => liveHa(page)).toBeGreaterThan(0);
    const preview = await liveHa(page);
    await page.getByTestId('gat-bevestig').click();

    // The panel reports the hole's area and what remains, as PostGIS computed them.
    const uitkomst = page.getByTestId('gat-uitkomst');
    await uitkomst.waitFor({ state: 'visible' });
    const gatHa = Number(await uitkomst.getAttribute('data-gat-ha'));
    expect(Math.abs(gatHa - preview) / preview).toBeLessThan(0.01);
    const { body: after } = await api<Area>(page, `/api/kavels/${kavel.id}`);
    expect(kavel.properties.oppervlakte_ha - after.properties.oppervlakte_ha).toBeCloseTo(gatHa, 3);
    expect(await uitkomst.innerText()).toBe(`Gat van ${hectare(gatHa)} uitgesneden; er blijft ${hectare(after.properties.oppervlakte_ha)} over.`);
    const rings = after.geometry.type === 'Polygon' ? after.geometry.coordinates : after.geometry.coordinates[0];
    expect(rings).toHaveLength(2); // outer ring + the hole
    await expect.poll(() => page.getByTestId('feature-oppervlakte').innerText()).toBe(hectare(after.properties.oppervlakte_ha));
    await waitForIdle(page);
    await page.screenshot({ path: `${SCREENSHOTS}/42-gat.png` });

    // Editing the holed kavel: the outer ring is edited, the hole is kept and counted.
    await page.getByTestId('actie-bewerken').click();
    await page.getByTestId('editor-gaten-hint').waitFor({ state: 'visible' });
    await expect.poll(() => liveHa(page)).toBeGreaterThan(0);
    expect(Math.abs(await liveHa(page) - after.properties.oppervlakte_ha) / after.properties.oppervlakte_ha).toBeLessThan(0.005);
    // Pull one outer corner a little towards the middle.
    const from = await toScreen(page, outer[0] as [number, number]);
    const to = { x: from.x + (c.x - from.x) * 0.08, y: from.y + (c.y - from.y) * 0.08 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
    await page.mouse.move(to.x, to.y, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => liveHa(page)).toBeLessThan(after.properties.oppervlakte_ha - 0.0005);
    const edited = await liveHa(page);
    await page.screenshot({ path: `${SCREENSHOTS}/42b-gat-bewerken.png` });
    await page.getByTestId('editor-opslaan').click();
    await page.getByTestId('feature-panel').waitFor({ state: 'visible' });
    await expect.poll(async () => (await api<Area>(page, `/api/kavels/${kavel.id}`)).body.properties.version).toBe(after.properties.version + 1);
    const { body: saved } = await api<Area>(page, `/api/kavels/${kavel.id}`);
    const savedRings = saved.geometry.type === 'Polygon' ? saved.geometry.coordinates : saved.geometry.coordinates[0];
    expect(savedRings).toHaveLength(2);
    // The hole did not move (PostGIS may start the ring at another vertex).
    const vertices = (ring: number[][]) => ring.slice(0, -1).map((p) => p.join(',')).sort();
    expect(vertices(savedRings[1])).toEqual(vertices(rings[1]));
    expect(Math.abs(saved.properties.oppervlakte_ha - edited) / edited).toBeLessThan(0.005);
    await page.keyboard.press('Escape');
  });

  it('edits the shape of a record of two separate parts, and saves it as one MultiPolygon', async () => {
    // A kanszone of two separate rectangles on a free spot.
    const spot = await freeSpot(regisseur, 'Leiden', 360, 160);
    const first = rdRectangle(spot.x + 20, spot.y + 40, 120, 80);
    const second = rdRectangle(spot.x + 220, spot.y + 40, 120, 80);
    const geometry: MultiPolygon = { type: 'MultiPolygon', coordinates: [[first], [second]] };
    const made = { body: await createKanszone(regisseur, geometry) };
    await reloadApp(page);

    const panel = await selectOnMap(page, 'kanszones-fill', made.body);
    await panel.getByTestId('actie-bewerken').click();
    // Both parts are in the editor: the live hectares are their sum.
    await expect.poll(() => liveHa(page)).toBeGreaterThan(0);
    expect(Math.abs(await liveHa(page) - made.body.properties.oppervlakte_ha) / made.body.properties.oppervlakte_ha).toBeLessThan(0.005);

    // Drag the north-east corner of the first (selected) part outwards.
    const ne = await toScreen(page, first[2] as [number, number]);
    await page.mouse.move(ne.x, ne.y);
    await page.mouse.down();
    await page.mouse.move(ne.x + 15, ne.y - 15, { steps: 5 });
    await page.mouse.move(ne.x + 30, ne.y - 30, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => liveHa(page)).toBeGreaterThan(made.body.properties.oppervlakte_ha * 1.02);
    const preview = await liveHa(page);
    await page.screenshot({ path: `${SCREENSHOTS}/43-meerdelig-bewerken.png` });
    await page.getByTestId('editor-opslaan').click();
    await page.getByTestId('feature-panel').waitFor({ state: 'visible' });
    const { body: saved } = await api<Area>(page, `/api/kanszones/${made.body.id}`);
    expect(saved.geometry.type).toBe('MultiPolygon');
    expect((saved.geometry as MultiPolygon).coordinates).toHaveLength(2);
    expect(Math.abs(saved.properties.oppervlakte_ha - preview) / preview).toBeLessThan(0.005);
    // The second part did not move.
    const savedSecond = (saved.geometry as MultiPolygon).coordinates[1][0];
    const [w2, s2, e2, n2] = bbox({ type: 'Polygon', coordinates: [savedSecond] });
    const [w0, s0, e0, n0] = bbox({ type: 'Polygon', coordinates: [second] });
    for (const [a, b] of [[w2, w0], [s2, s0], [e2, e0], [n2, n0]]) expect(a).toBeCloseTo(b, 6);
    await page.keyboard.press('Escape');
  });

  it('warns in the edit panel about a transformatie before 2031 off the transformatielijst (R-T1), following its dates, and after saving', async () => {
    // A terrein off the transformatielijst (the default) with a transformatie on it.
    const { terrein, spot } = await createTerrein(regisseur, 'Leiden');
    expect(terrein.properties).toMatchObject({ op_transformatielijst: false });
    const target = await createTransformatie(regisseur, rdPolygon(inside(spot, 80, 60, 200, 150)));
    await reloadApp(page);
    const panel = await selectOnMap(page, 'transformaties-fill', target);
    await panel.getByTestId('actie-bewerken').click();
    const edit = page.getByTestId('edit-panel');
    const controle = edit.getByTestId('editor-controle');
    const vaststelling = edit.getByLabel('Datum vaststelling');
    await vaststelling.fill('2027-01-01');
    await expect.poll(() => controle.innerText()).toMatch(/niet op de transformatielijst.*tot en met 2030/s);
    // After 2030 the terrein may transform: the warning goes.
    await vaststelling.fill('2031-06-01');
    await expect.poll(async () => (await controle.count()) === 0 || !/transformatielijst/.test(await controle.innerText())).toBe(true);
    await vaststelling.fill('2029-06-01');
    await expect.poll(() => controle.innerText()).toMatch(/transformatielijst/);
    await page.screenshot({ path: `${SCREENSHOTS}/44-r-t1-bewerken.png` });
    // Saved all the same, and the warning stays in view with the saved record.
    await edit.getByTestId('editor-opslaan').click();
    const gemeld = page.getByTestId('opslaan-waarschuwingen');
    await gemeld.waitFor({ state: 'visible' });
    expect(await gemeld.locator('li[data-code="niet_op_transformatielijst"]').count()).toBe(1);
    const { body: saved } = await api<Area & { properties: { datum_vaststelling: string } }>(page, `/api/transformaties/${target.id}`);
    expect(saved.properties.datum_vaststelling.slice(0, 10)).toBe('2029-06-01');
    await page.screenshot({ path: `${SCREENSHOTS}/44b-r-t1-opgeslagen.png` });
    await page.keyboard.press('Escape');
  });

  it('lets a werkgroep member change toewijzingen and agreements of its own gemeente only', async () => {
    // Made by the regisseur: a Leiden compensatie with a Leiden transformatie, a Katwijk
    // compensatie, an agreement Leiden is party to and one it is not.
    const leiden = await compensatieEnTransformaties(regisseur, 'Leiden');
    const katwijk = await createCompensatie(regisseur, rdPolygon(await freeSpot(regisseur, 'Katwijk', 200, 150)));
    const eigenBo = await createBestuursovereenkomst(regisseur, 'Leiden', 'Oegstgeest');
    const vreemdeBo = await createBestuursovereenkomst(regisseur, 'Katwijk', 'Oegstgeest');

    const wg = demoAccount('werkgroep', 'Leiden');
    const wgApi = await Api.as('werkgroep', 'Leiden');
    const { page: wgPage, errors: wgErrors } = await openApp(browser, baseUrl, { account: wg });
    try {
      // Its own gemeente's compensatie: it assigns hectares to a transformatie.
      let panel = await selectOnMap(wgPage, 'compensaties-fill', leiden.comp);
      let section = panel.getByTestId('toewijzingen');
      await expect.poll(() => section.getByTestId('toegewezen-ha').innerText()).toBe(hectare(0));
      await section.getByRole('combobox', { name: 'Transformatie' }).selectOption(String(leiden.a.id));
      await section.getByLabel('Hectares').fill('0,4');
      await section.getByRole('button', { name: 'Toewijzen' }).click();
      await expect.poll(() => section.getByTestId('toegewezen-ha').innerText()).toBe(hectare(0.4));
      const stored = await wgApi.get<Overzicht>(`/api/compensaties/${leiden.comp.id}/toewijzingen`);
      expect(stored.toewijzingen.map((t) => [t.transformatie_id, t.hectares])).toEqual([[leiden.a.id, 0.4]]);
      await wgPage.keyboard.press('Escape');

      // Another gemeente's compensatie: nothing to change in the UI, and the API refuses.
      panel = await selectOnMap(wgPage, 'compensaties-fill', katwijk);
      section = panel.getByTestId('toewijzingen');
      await section.getByTestId('toegewezen-ha').waitFor({ state: 'visible' });
      expect(await section.getByRole('button', { name: 'Toewijzen' }).count()).toBe(0);
      expect(await section.getByRole('button', { name: /verwijderen/i }).count()).toBe(0);
      const refused = await wgApi.send('POST', `/api/compensaties/${katwijk.id}/toewijzingen`, { transformatie_id: leiden.a.id, hectares: 0.1 });
      expect(refused.status).toBe(403);
      expect((await wgApi.get<Overzicht>(`/api/compensaties/${katwijk.id}/toewijzingen`)).toewijzingen).toEqual([]);
      await wgPage.keyboard.press('Escape');

      // Agreements: it edits one its gemeente is party to; the other has no edit button and the API refuses.
      await wgPage.getByTestId('monitor-knop').click();
      const bo = wgPage.getByTestId('bo-beheer');
      await bo.waitFor({ state: 'visible' });
      const vreemdeRij = bo.locator(`tr[data-bo="${vreemdeBo.id}"]`);
      await vreemdeRij.waitFor({ state: 'visible' });
      expect(await vreemdeRij.getByRole('button', { name: 'Bewerken' }).count()).toBe(0);
      const patch = await wgApi.send('PATCH', `/api/bestuursovereenkomsten/${vreemdeBo.id}`, { version: vreemdeBo.version, naam: 'Overgenomen' });
      expect(patch.status).toBe(403);

      await bo.locator(`tr[data-bo="${eigenBo.id}"]`).getByRole('button', { name: 'Bewerken' }).click();
      const form = wgPage.getByTestId('bo-form');
      await form.waitFor({ state: 'visible' });
      await form.getByLabel('Bedrag maatwerk (€)').fill('1.500');
      await form.getByRole('button', { name: 'Opslaan' }).click();
      await bo.getByTestId('bo-melding').waitFor({ state: 'visible' });
      const bos = await wgApi.get<Bo[]>('/api/bestuursovereenkomsten');
      expect(bos.find((b) => b.id === eigenBo.id)).toMatchObject({ version: eigenBo.version + 1, maatwerk_bedrag: 1500 });
      expect(bos.find((b) => b.id === vreemdeBo.id)).toMatchObject({ version: vreemdeBo.version, naam: vreemdeBo.naam });

      // A new agreement starts with the werkgroep's own gemeente as a party.
      await bo.getByRole('button', { name: 'Nieuwe bestuursovereenkomst' }).click();
      const eerste = wgPage.getByTestId('bo-partij').nth(0).getByLabel('Gemeente');
      expect(await eerste.locator('option:checked').innerText()).toBe('Leiden');
      await wgPage.screenshot({ path: `${SCREENSHOTS}/45-werkgroep-bo.png` });
      expect(wgErrors.filter((e) => !/status of (403|409|422)/.test(e))).toEqual([]);
    } finally {
      await wgPage.close();
    }
  });

  it('records the zittende bedrijven of a transformatie across a border, shows its terrein, and books it on the other gemeente it spans', async () => {
    type Gemeente = Feature<Polygon | MultiPolygon, { naam: string }> & { id: number };
    const { body: gemeenten } = await api<{ features: Gemeente[] }>(page, '/api/gemeenten');
    // Candidate spots: vertices of one gemeente's outline that lie on another's (a shared border).
    const half = 0.0015; // ≈ 100 m north–south, 170 m east–west
    const square = ([x, y]: number[]): Polygon => ({ type: 'Polygon', coordinates: [[[x - half, y - half], [x + half, y - half], [x + half, y + half], [x - half, y + half], [x - half, y - half]]] });
    let spot: { geometry: Polygon; gemeenten: { id: number; naam: string; ha: number }[] } | undefined;
    outer: for (const a of gemeenten.features) {
      const ring = (a.geometry.type === 'Polygon' ? a.geometry.coordinates[0] : a.geometry.coordinates[0][0]);
      for (let i = 0; i < ring.length; i += 25) {
        const on = gemeenten.features.find((b) => b.id !== a.id && pointToPolygonDistance(point(ring[i]), b, { units: 'meters' }) < 1);
        if (!on) continue;
        const geometry = square(ring[i]);
        const { body } = await api<{ gemeenten?: { id: number; naam: string; ha: number }[]; fouten: { code: string }[] }>(page, '/api/validatie/transformaties', { method: 'POST', body: { geometry } });
        if (body.gemeenten?.length === 2 && body.gemeenten[1].ha > 0.5 && body.fouten.every((f) => f.code === 'geen_bedrijventerrein')) {
          spot = { geometry, gemeenten: body.gemeenten };
          break outer;
        }
      }
    }
    expect(spot, 'a free spot on the border of two gemeenten').toBeDefined();
    const [groot, klein] = spot!.gemeenten;
    const terrein = await api<{ id: number }>(page, '/api/terreinen', { method: 'POST', body: { type: 'Feature', geometry: spot!.geometry, properties: { naam: 'Grensstrook e2e' } } });
    expect(terrein.status, JSON.stringify(terrein.body)).toBe(201);
    const made = await api<Area>(page, '/api/transformaties', { method: 'POST', body: { type: 'Feature', geometry: spot!.geometry, properties: { naam: 'Grenstransformatie e2e' } } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.properties.gemeente).toBe(groot.naam);
    // Made behind the app's back: reload so the map has it.
    await reloadApp(page);

    const panel = await selectOnMap(page, 'transformaties-fill', made.body);
    expect(await panel.getByTestId('feature-terreinen').innerText()).toContain('Grensstrook e2e');
    // What it costs: the net business land lost, as PostGIS computed it.
    const netto = (made.body.properties as Props & { netto_verloren_ha: number }).netto_verloren_ha;
    expect(netto).toBeGreaterThan(0);
    expect(await panel.getByTestId('feature-netto-verloren').innerText()).toContain(hectare(netto));
    await panel.getByTestId('actie-bewerken').click();
    const edit = page.getByTestId('edit-panel');
    await edit.getByTestId('attribute-form').waitFor({ state: 'visible' });
    expect(await edit.getByTestId('terreinen-onder-vlak').innerText()).toContain('Grensstrook e2e');
    const keuze = edit.getByTestId('gemeente-keuze');
    expect(await keuze.locator('option').allInnerTexts()).toEqual([expect.stringContaining(groot.naam), expect.stringContaining(klein.naam)]);
    await keuze.selectOption(String(klein.id));

    const bedrijven = edit.getByTestId('zittende-bedrijven');
    await bedrijven.getByRole('button', { name: 'Bedrijf toevoegen' }).click();
    await bedrijven.getByRole('button', { name: 'Bedrijf toevoegen' }).click();
    const rijen = bedrijven.getByTestId('zittend-bedrijf');
    // A company without a name is refused before anything is sent.
    await edit.getByTestId('editor-opslaan').click();
    await expect.poll(() => edit.getByRole('alert').innerText()).toMatch(/vul bij elk bedrijf een naam in/);
    await rijen.nth(0).getByLabel('Naam bedrijf').fill('Garage Grensweg');
    await rijen.nth(1).getByLabel('Naam bedrijf').fill('Timmerfabriek De Spijker');
    await rijen.nth(1).getByLabel('Huurder of eigenaar').selectOption('eigenaar');
    await rijen.nth(1).getByLabel('Stand van zaken').fill('in gesprek');
    expect(await bedrijven.getByTestId('zittende-telling').innerText()).toBe('1 huurder, 1 eigenaar');
    await page.screenshot({ path: `${SCREENSHOTS}/46-zittende-bedrijven.png` });
    await edit.getByTestId('editor-opslaan').click();
    await edit.waitFor({ state: 'detached' });

    const zittend = page.getByTestId('feature-zittende');
    await expect.poll(() => zittend.innerText()).toMatch(/1 huurder, 1 eigenaar[\s\S]*Garage Grensweg · Huurder[\s\S]*Timmerfabriek De Spijker · Eigenaar · in gesprek/);
    await expect.poll(() => page.getByTestId('feature-panel').innerText()).toContain(klein.naam);
    const { body: saved } = await api<Area & { properties: { gemeente_id: number; zittende_bedrijven: unknown[] } }>(page, `/api/transformaties/${made.body.id}`);
    expect(saved.properties.gemeente_id).toBe(klein.id);
    expect(saved.properties.zittende_bedrijven).toEqual([
      { naam: 'Garage Grensweg', gebruikspositie: 'huurder' },
      { naam: 'Timmerfabriek De Spijker', gebruikspositie: 'eigenaar', status: 'in gesprek' },
    ]);
    await page.screenshot({ path: `${SCREENSHOTS}/46b-zittende-bedrijven-opgeslagen.png` });
    await page.keyboard.press('Escape');
  });
});
