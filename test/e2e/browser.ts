// Headless Chromium for the browser tests: the system Chromium (never a
// downloaded one), with SwiftShader so MapLibre's WebGL renders without a GPU.
import { chromium, type Browser, type Page } from 'playwright-core';

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

/**
 * Opens the app and waits until the map reports ready: the first `idle` with
 * every data layer loaded (document.body.dataset.mapReady, set in web/map/MapView.tsx).
 * Browser console errors are collected so a test can assert there were none.
 */
export async function openApp(browser: Browser, baseUrl: string, timeout = 90_000): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: VIEWPORT, locale: 'nl-NL' });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  await page.goto(baseUrl, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => document.body.dataset.mapReady === 'true', undefined, { timeout });
  return { page, errors };
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
