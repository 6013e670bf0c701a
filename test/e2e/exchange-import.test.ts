// The import screen in a real browser against the real server and a fresh database:
// upload the example GeoPackage, map its fields, see the features on the map and the
// report, dry run, import, and find the kavels on the map. (The business park they
// lie on is imported first through the API, as a municipality would deliver it.)
import { describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { waitForIdle } from './browser.ts';
import { appSession } from './session.ts';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts') ?? [];
const account = accounts.find((a) => a.rol === 'werkgroep' && a.gemeente === 'Leiden');
const GPKG = path.resolve('geodata/examples/leiden_kavels.gpkg');
const BRON = 'Gemeente Leiden kavelregister (e2e)';

describe.skipIf(!baseUrl || !account)('import screen', () => {
  let page: Page;
  let errors: string[];

  appSession(() => account, (session) => {
    ({ page, errors } = session);
  });

  /** The business park of the example, imported through the API with the page's session. */
  async function importeerTerrein() {
    const bytes = [...readFileSync(GPKG)];
    const result = await page.evaluate(async ({ bytes, bron }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const h = { 'x-csrf-token': me.csrfToken };
      const up = await (await fetch('/api/import?bestandsnaam=leiden_kavels.gpkg', { method: 'POST', headers: { ...h, 'content-type': 'application/octet-stream' }, body: new Uint8Array(bytes) })).json();
      const json = { ...h, 'content-type': 'application/json' };
      const wacht = async () => {
        for (;;) {
          const s = await (await fetch(`/api/import/${up.id}`)).json();
          if (s.taak.status !== 'bezig') return s;
          await new Promise((r) => setTimeout(r, 200));
        }
      };
      await fetch(`/api/import/${up.id}/controle`, { method: 'POST', headers: json, body: JSON.stringify({
        bestand: 'leiden_kavels.gpkg', laag: 'bedrijventerrein', doel: 'terreinen', bron, bron_id_veld: 'TERREIN_ID', velden: { naam: { veld: 'NAAM' } },
      }) });
      await wacht();
      await fetch(`/api/import/${up.id}/uitvoeren`, { method: 'POST', headers: json, body: JSON.stringify({ verwijder_ontbrekend: [] }) });
      return (await wacht()).resultaat;
    }, { bytes, bron: BRON });
    expect(result).toMatchObject({ aangemaakt: 1 });
  }

  it('imports the example GeoPackage: mapping, preview on the map, report, dry run, commit', async () => {
    await importeerTerrein();
    await page.getByTestId('uitwisseling-knop').click();
    const scherm = page.getByTestId('import-scherm');
    await scherm.waitFor();
    await page.getByTestId('import-bestand').setInputFiles(GPKG);

    // Layer and CRS as found by GDAL.
    const laag = page.getByTestId('import-laag');
    await laag.waitFor();
    await laag.selectOption({ label: 'kavels (6 · MultiPolygon)' });
    expect(await page.getByTestId('import-crs').locator('option').first().innerText()).toContain('RD New (EPSG:28992)');

    // Target, source and the field mapping with value previews.
    await page.getByTestId('import-doel').selectOption('kavels');
    await page.getByTestId('import-bron').fill(BRON);
    await page.getByTestId('import-bron-id').selectOption('KAVELNR');
    const koppeling = page.getByTestId('import-koppeling');
    await page.getByTestId('koppel-naam').selectOption('veld:NAAM');
    await page.getByTestId('koppel-milieucategorie_max').selectOption('veld:MILIEUCAT');
    await page.getByTestId('koppel-status').selectOption('veld:STATUS');
    expect(await koppeling.innerText()).toContain('Kavel één');
    expect(await koppeling.innerText()).toContain('3,1');

    await page.getByTestId('import-controleer').click();
    const rapport = page.getByTestId('import-rapport');
    await rapport.waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('aantal-nieuw').getAttribute('data-count')).toBe('6');
    expect(await page.getByTestId('aantal-fout').getAttribute('data-count')).toBe('0');

    // The six features are on the map, coloured as new.
    await expect.poll(async () => {
      await waitForIdle(page);
      return page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['uitwisseling-import-fill'] })
        .filter((f) => f.properties.oordeel === 'nieuw').map((f) => f.properties.naam).filter((v, i, a) => a.indexOf(v) === i).length);
    }, { timeout: 20_000 }).toBe(6);

    // The report downloads as CSV.
    const href = await page.getByTestId('import-rapport-csv').getAttribute('href');
    const csv = await page.evaluate(async (u) => (await fetch(u!)).text(), href);
    expect(csv).toContain('Kavel Ærø €');

    // The register holds from 1 March 2024: the kavels are dated so.
    await page.getByTestId('import-ingangsdatum').fill('2024-03-01');
    await page.getByTestId('import-proefdraai').click();
    await expect.poll(() => page.getByTestId('import-proef').textContent(), { timeout: 60_000 }).toContain('6 nieuw');
    expect(await page.getByTestId('import-proef').textContent()).toContain('ingaand op 1 maart 2024');
    await page.getByTestId('import-uitvoeren').click();
    await expect.poll(() => page.getByTestId('import-klaar').textContent(), { timeout: 60_000 }).toContain('6 nieuw');
    expect(await page.getByTestId('import-klaar').textContent()).toContain('ingaand op 1 maart 2024');
    const geldig = await page.evaluate(async (bron) => {
      const fc = await (await fetch('/api/kavels')).json() as { features: { properties: { bron: string | null; geldig_vanaf: string | null } }[] };
      return [...new Set(fc.features.filter((f) => f.properties.bron === bron).map((f) => f.properties.geldig_vanaf))];
    }, BRON);
    expect(geldig).toEqual(['2024-03-01']);

    // The kavels are on the map as kavels now.
    const namen = ['Kavel één', 'Kavel Café-Noord', 'Kavel Ærø €', 'Kavel Groenewoud-Öst', 'Kavel Rijnzicht', 'Kavel Zuidrand'];
    await expect.poll(async () => {
      await waitForIdle(page);
      const op = await page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['kavels-fill'] }).map((f) => String(f.properties.naam)));
      return namen.filter((n) => op.includes(n));
    }, { timeout: 30_000 }).toEqual(namen);
    expect(errors).toEqual([]);
  });
});
