// Headless Chromium for the browser tests: the system Chromium (never a
// downloaded one), with SwiftShader so MapLibre's WebGL renders without a GPU.
import { chromium, type Browser, type Page } from 'playwright-core';
import { totpCode } from '../../server/auth/totp.ts';
import { REGION_BOUNDS, REGION_PADDING } from '../../web/map/region.ts';

export const VIEWPORT = { width: 1600, height: 900 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--use-gl=angle',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Pages whose old document is being unloaded by reloadApp. */
const unloading = new WeakSet<Page>();

export interface Credentials {
  email: string;
  wachtwoord: string;
  /** TOTP secret of an account with a second factor (the demo beheerder and regisseur). */
  totp?: string;
}

/**
 * Gives the second factor on the sign-in screen: the current code of `secret`. A code
 * works once, so when another test just used it, this waits for the next one.
 */
export async function giveSecondFactor(page: Page, secret: string, timeout = 90_000): Promise<void> {
  const form = page.getByTestId('code-form');
  await form.waitFor({ state: 'visible', timeout });
  for (let attempt = 0; attempt < 3; attempt++) {
    await form.getByLabel('Code').fill(totpCode(secret));
    // The server's answer, not the screen: a message of an earlier try may still be shown.
    const [answer] = await Promise.all([
      page.waitForResponse((res) => res.url().endsWith('/api/auth/tweede-factor') && res.request().method() === 'POST', { timeout }),
      form.getByRole('button', { name: 'Bevestigen' }).click(),
    ]);
    if (answer.ok()) {
      await form.waitFor({ state: 'detached', timeout });
      return;
    }
    const body = (await answer.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    if (body?.error?.code !== 'code_al_gebruikt') throw new Error(`second factor refused: ${answer.status()} ${JSON.stringify(body)}`);
    await page.waitForTimeout(30_500 - (Date.now() % 30_000));
  }
  throw new Error('no fresh TOTP code accepted');
}

/**
 * Opens the app, signs in through the sign-in form (when credentials are
 * given) and waits until the map reports ready: the first `idle` with every
 * data layer loaded (document.body.dataset.mapReady, set in web/map/MapView.tsx).
 * Browser errors are collected so a test can assert there were none; the 401
 * of the "who am I" check before signing in is expected and not collected.
 */
export async function openApp(
  browser: Browser,
  baseUrl: string,
  options: { account?: Credentials; timeout?: number; viewport?: { width: number; height: number } } = {},
): Promise<{ page: Page; errors: string[] }> {
  const timeout = options.timeout ?? 90_000;
  const page = await browser.newPage({ viewport: options.viewport ?? VIEWPORT, locale: 'nl-NL' });
  // Playwright waits (waitFor, click, fill…) get room for a loaded 2-core machine.
  page.setDefaultTimeout(60_000);
  const errors: string[] = [];
  let signedIn = !options.account;
  // While reloadApp unloads the old document, the requests it aborts are not errors.
  // The last requests the browser lost, named with a map error to say where it came from.
  const lost: string[] = [];
  page.on('requestfailed', (r) => {
    lost.push(`${new URL(r.url()).pathname} ${r.headers()['range'] ?? ''} ${r.failure()?.errorText ?? ''}`.replace(/\s+/g, ' '));
    lost.splice(0, lost.length - 3);
  });
  const collect = (message: string) => {
    if (unloading.has(page)) return;
    errors.push(message.startsWith('[kaart]') && lost.length ? `${message} (laatst mislukte verzoeken: ${lost.join('; ')})` : message);
  };
  page.on('pageerror', (err) => collect(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && signedIn) collect(msg.text());
  });
  // (Not ended at 'framenavigated': the old document is unloaded after the new one commits,
  // and what it reports while unloading arrives after that event; reloadApp ends it.)
  const failedRequests: string[] = [];
  page.on('response', (res) => {
    if (res.status() >= 400) failedRequests.push(`${res.status()} ${res.url()}`);
  });
  await page.goto(baseUrl, { waitUntil: 'domcontentloaded' });
  if (options.account) {
    const form = page.getByTestId('login-form');
    await form.waitFor({ state: 'visible', timeout });
    await form.getByLabel('E-mailadres').fill(options.account.email);
    await form.getByLabel('Wachtwoord').fill(options.account.wachtwoord);
    // With a second factor, errors count once it is given (a refused code answers 400).
    signedIn = !options.account.totp;
    await form.getByRole('button', { name: 'Inloggen' }).click();
    if (options.account.totp) {
      await giveSecondFactor(page, options.account.totp, timeout);
      signedIn = true;
    }
  }
  await waitForMapReady(page, timeout, errors, failedRequests);
  return { page, errors };
}

/**
 * Reloads the app (for data made through the API after the page loaded) and waits
 * until the map is ready again; the session stays.
 */
export async function reloadApp(page: Page, timeout = 90_000): Promise<void> {
  // A reload aborts the requests in flight (tiles, layer data), and the map reports each
  // aborted one as an error: let it settle first, and ignore what the old document
  // reports until the new one has replaced it.
  if (await page.evaluate(() => window.__map !== undefined)) await waitForIdle(page);
  unloading.add(page);
  await page.reload({ waitUntil: 'domcontentloaded' });
  unloading.delete(page);
  await waitForMapReady(page, timeout);
}

async function waitForMapReady(page: Page, timeout: number, errors: string[] = [], failedRequests: string[] = []) {
  try {
    await page.waitForFunction(() => document.body.dataset.mapReady === 'true', undefined, { timeout });
  } catch (err) {
    // Say why: a blank map with no reason is the hardest failure to debug.
    const text = await page.locator('body').innerText().catch(() => '');
    throw new Error(
      `map not ready after ${timeout} ms\nbrowser errors: ${JSON.stringify(errors)}\n` +
        `failed requests: ${JSON.stringify(failedRequests)}\npage text: ${text.slice(0, 500)}`,
      { cause: err },
    );
  }
}

/** Back to the regional view the app opens with (as web/map/MapView.tsx fits it). */
export async function showRegion(page: Page): Promise<void> {
  await page.evaluate(([bounds, padding]) => {
    window.__map!.fitBounds(bounds, { padding, animate: false });
  }, [REGION_BOUNDS, REGION_PADDING] as const);
  await waitForIdle(page);
}

/** Resolves after the map's next `idle` (all tiles loaded, no transition running). */
export async function waitForIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__map!;
        if (map.loaded() && !map.isMoving()) {
          map.once('idle', () => resolve());
          map.triggerRepaint();
        } else {
          map.once('idle', () => resolve());
        }
      }),
  );
}
