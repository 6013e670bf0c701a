// PDFs of the app's print pages, made by headless Chromium (playwright-core with the
// system's Chromium; CHROMIUM_PATH overrides). Chromium is a separate process, so the
// HTTP server keeps answering while it renders (the print page itself calls the API);
// one render at a time, a short queue, and a time limit on each, so a hanging page
// cannot hold a browser forever. The page is opened with the requesting user's own
// cookies, so it shows exactly what that user may see, nothing more.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { ApiError } from '../http/errors.ts';

export const chromiumPad = () => process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** How long one render may take, from starting Chromium to the last byte of the PDF. */
export const RENDER_TIMEOUT_MS = 120_000;
/** Renders waiting behind the one in progress; more get a 503. */
const MAX_WACHTEND = 3;

// SwiftShader gives MapLibre's WebGL a renderer on servers without a GPU.
const ARGS = [
  '--no-sandbox', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
];

export interface PrintOpdracht {
  /** The app's own address, as this server listens (http://127.0.0.1:8071). */
  basis: string;
  /** Path of the print page, e.g. /print/vergadering/3?snapshot=7. */
  pad: string;
  /** The requesting user's cookies (session, and the replica position after a write). */
  cookies: Record<string, string>;
  timeoutMs?: number;
}

const PAGINA_VOET = '<div style="width:100%;font-size:8pt;font-family:sans-serif;color:#333;text-align:center">'
  + 'Pagina <span class="pageNumber"></span> van <span class="totalPages"></span></div>';

let rij: Promise<unknown> = Promise.resolve();
let wachtend = 0;

/** Throws the Dutch 503 that says what to install when this server has no Chromium. */
export function vereisChromium(): string {
  const pad = chromiumPad();
  if (!existsSync(pad)) {
    throw new ApiError(503, 'chromium_ontbreekt',
      `De PDF kan niet worden gemaakt: op de server is geen Chromium gevonden (${pad}). Installeer Chromium ` +
      '(Debian/Ubuntu: apt-get install chromium) of wijs met de omgevingsvariabele CHROMIUM_PATH naar het programma. ' +
      'De afdrukweergave in de browser werkt wel: open het rapport en kies Afdrukken.');
  }
  return pad;
}

/** A PDF of the print page; throws a Dutch 503 without Chromium, 504 when it takes too long. */
export async function printPdf(opdracht: PrintOpdracht): Promise<Buffer> {
  const pad = vereisChromium();
  if (wachtend >= MAX_WACHTEND) {
    throw new ApiError(503, 'pdf_bezet', 'Er worden op dit moment al meerdere rapporten gemaakt. Probeer het over een minuut opnieuw.');
  }
  wachtend++;
  const beurt = rij.then(() => render(pad, opdracht));
  rij = beurt.catch(() => undefined);
  try {
    return await beurt;
  } finally {
    wachtend--;
  }
}

async function render(pad: string, o: PrintOpdracht): Promise<Buffer> {
  const timeout = o.timeoutMs ?? RENDER_TIMEOUT_MS;
  let browser: Browser | undefined;
  let verlopen = false;
  const timer = setTimeout(() => {
    verlopen = true;
    void browser?.close().catch(() => undefined);
  }, timeout);
  try {
    browser = await chromium.launch({ executablePath: pad, args: ARGS, timeout });
    if (verlopen) throw new Error('timeout');
    const context = await browser.newContext({ viewport: { width: 1240, height: 1754 }, locale: 'nl-NL', deviceScaleFactor: 1 });
    await context.addCookies(Object.entries(o.cookies).map(([name, value]) => ({ name, value, url: o.basis, httpOnly: true, sameSite: 'Strict' as const })));
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    await page.goto(o.basis + o.pad, { waitUntil: 'domcontentloaded' });
    // The print page says when its map is an image and every section is filled, or what failed.
    await page.waitForFunction(() => document.body.dataset.printKlaar === 'true' || !!document.body.dataset.printFout);
    const fout = await page.evaluate(() => document.body.dataset.printFout ?? null);
    if (fout) throw new ApiError(502, 'rapport_fout', `Het rapport kon niet worden opgebouwd: ${fout}`);
    return await page.pdf({
      preferCSSPageSize: true, printBackground: true, outline: true, tagged: true,
      // Page numbers in the bottom margin of every page (A4 and the A3 map page alike).
      displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: PAGINA_VOET,
    });
  } catch (err) {
    if (err instanceof ApiError) throw err;
    if (verlopen) throw new ApiError(504, 'pdf_te_traag', `Het rapport was niet binnen ${Math.round(timeout / 1000)} seconden klaar. Probeer het opnieuw.`);
    console.error('[pdf]', err);
    throw new ApiError(502, 'pdf_mislukt', 'Chromium kon het rapport niet maken. Probeer het opnieuw; blijft het mislukken, gebruik dan de afdrukweergave in de browser.');
  } finally {
    clearTimeout(timer);
    await browser?.close().catch(() => undefined);
  }
}
