// The browser of a describe block: Chromium launched and the app opened (signed in
// when an account is given) before the block's tests, and closed after them, so a
// test file states only whom it opens the app as and what it keeps.
import { afterAll, beforeAll, inject } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, type Credentials } from './browser.ts';

/** Where the browser tests save their screenshots (made before the tests run). */
export const SCREENSHOTS = 'test/e2e/screenshots';

export interface AppSession {
  browser: Browser;
  page: Page;
  /** The browser errors collected on `page` (see openApp). */
  errors: string[];
}

/**
 * Registers the block's hooks: before its tests, launch Chromium and open the app as
 * `account()` (read then, so a skipped block needs no account), and hand the session to
 * `opened` for the block's variables and any further set-up on the page; after its
 * tests (and after the block's own after-hooks), close the browser.
 */
export function appSession(account: () => Credentials | undefined, opened: (session: AppSession) => void | Promise<void>): void {
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
    const { page, errors } = await openApp(browser, inject('baseUrl'), { account: account() });
    await opened({ browser, page, errors });
  });
  afterAll(async () => {
    await browser?.close();
  });
}
