// The voortgangsrapportage as a PDF (issue #13, item 4), made by the server with headless
// Chromium from the print page: its text (pdftotext) holds the meeting and its frozen
// figures and page numbers, the map page is A3 landscape and not blank (pdftoppm: the
// grey values vary far more than on a white page), and the PDF of a snapshot does not
// change after a polygon is edited. Needs poppler-utils (CI installs it).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp } from './browser.ts';
import { Api, createTerrein, createTransformatie, demoAccount, inside, rdPolygon, unique } from './fixtures.ts';
import { today } from '../../server/domain/dates.ts';

const baseUrl = inject('baseUrl');
const dir = mkdtempSync(path.join(tmpdir(), 'rapport-'));
const nl1 = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Page sizes in points from pdfinfo, one per page. */
function paginas(pdf: string): { b: number; h: number }[] {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '99', pdf], { encoding: 'utf8' });
  return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => ({ b: Number(m[1]), h: Number(m[2]) }));
}

/** Variance of the grey values of one page, rendered by pdftoppm as a binary PGM. */
function grijsVariantie(pdf: string, pagina: number): number {
  const prefix = path.join(dir, `p${pagina}`);
  execFileSync('pdftoppm', ['-gray', '-r', '40', '-f', String(pagina), '-l', String(pagina), pdf, prefix]);
  const file = readdirSync(dir).find((f) => f.startsWith(`p${pagina}-`) && f.endsWith('.pgm'))!;
  const buf = readFileSync(path.join(dir, file));
  // P5 header: magic, width, height, maxval, each followed by whitespace.
  const kop = buf.subarray(0, 40).toString('latin1').match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/)!;
  const pixels = buf.subarray(kop[0].length);
  let som = 0;
  let kwadraat = 0;
  for (const p of pixels) { som += p; kwadraat += p * p; }
  const n = pixels.length;
  return kwadraat / n - (som / n) ** 2;
}

describe.skipIf(!inject('chromiumPath'))('the voortgangsrapportage PDF', () => {
  let browser: Browser;
  let page: Page;
  let regisseur: Api;

  beforeAll(async () => {
    browser = await launchBrowser();
    regisseur = await Api.as('regisseur');
    ({ page } = await openApp(browser, baseUrl, { account: demoAccount('stuurgroep') }));
  });
  afterAll(async () => browser?.close());

  it('holds the meeting, its figures and page numbers, with a map page in A3 landscape that is not blank; a later edit leaves it unchanged', async () => {
    const { spot } = await createTerrein(regisseur, 'Leiden');
    const t = await createTransformatie(regisseur, rdPolygon(inside(spot, 50, 50, 200, 100)));
    const titel = unique('E2E rapport');
    const v = await regisseur.ok<{ id: number }>('POST', '/api/vergaderingen', { datum: today(), gremium: 'stuurgroep', titel });
    const frozen = await regisseur.ok<{ snapshot: { inhoud: { balans: { regio: { netto_verloren: { ha: number }; restant: { ha: number } } } } } }>(
      'POST', `/api/vergaderingen/${v.id}/snapshot`, {});

    // As the stuurgroep, through its own session.
    const haal = async (naam: string) => {
      const res = await page.request.get(`${baseUrl}/api/vergaderingen/${v.id}/rapport.pdf`, { timeout: 180_000 });
      expect(res.status(), await res.text().catch(() => '')).toBe(200);
      expect(res.headers()['content-type']).toBe('application/pdf');
      const file = path.join(dir, naam);
      writeFileSync(file, await res.body());
      return file;
    };
    const pdf = await haal('rapport.pdf');
    const tekst = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(tekst).toContain('Voortgangsrapportage');
    expect(tekst).toContain(titel);
    const regio = frozen.snapshot.inhoud.balans.regio;
    expect(tekst).toContain(`${nl1.format(regio.netto_verloren.ha)} ha`);
    expect(tekst).toContain(`${nl1.format(regio.restant.ha)} ha`);
    expect(tekst).toMatch(/Pagina 1 van \d+/);
    expect(tekst).toContain('Bestuursovereenkomsten');

    const maten = paginas(pdf);
    expect(maten.length).toBeGreaterThan(2);
    // A4 portrait first, then the map page in A3 landscape (1191 × 842 pt).
    expect(maten[0].b).toBeCloseTo(595, -1);
    expect(maten[0].h).toBeCloseTo(842, -1);
    const kaartNr = maten.findIndex((m) => m.b > 1100 && m.h < 900) + 1;
    expect(kaartNr).toBeGreaterThan(0);
    const variantie = grijsVariantie(pdf, kaartNr);
    expect(variantie).toBeGreaterThan(200);

    // An edit after freezing changes nothing in the report of that snapshot.
    await regisseur.ok('PATCH', `/api/transformaties/${t.id}`, {
      version: (t.properties as { version: number }).version,
      geometry: rdPolygon(inside(spot, 50, 50, 300, 150)),
    });
    const opnieuw = execFileSync('pdftotext', ['-layout', await haal('rapport-2.pdf'), '-'], { encoding: 'utf8' });
    const zonderDatum = (s: string) => s.replace(/Gemaakt op.*\n/, '');
    expect(zonderDatum(opnieuw)).toBe(zonderDatum(tekst));
  });
});
