// The browser of a describe block: Chromium launched (and the app opened, signed in
// when an account is given) before the block's tests, and closed after them, so a
// test file states only whom it opens the app as and what it keeps.
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, type Credentials } from './browser.ts';
import { Api, demoAccount, type Rol } from './fixtures.ts';

/** Where the browser tests save their screenshots (made before the tests run). */
export const SCREENSHOTS = 'test/e2e/screenshots';

export interface AppSession {
  browser: Browser;
  page: Page;
  /** The browser errors collected on `page` (see openApp). */
  errors: string[];
}

/**
 * Registers the block's hooks for Chromium: launched before its tests (the screenshot
 * folder made), closed after them (and after the block's own after-hooks: vitest runs
 * after-hooks in reverse order). Returns the browser, to be read inside hooks and tests;
 * each test opens the pages it needs.
 */
export function blockBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is launched in beforeAll; read it inside a hook or a test');
    return browser;
  };
}

/**
 * Registers the block's hooks: before its tests, launch Chromium and open the app as
 * `account()` (read then, so a skipped block needs no account), and hand the session to
 * `opened` for the block's variables and any further set-up on the page; after its
 * tests (and after the block's own after-hooks), close the browser.
 */
export function appSession(account: () => Credentials | undefined, opened: (session: AppSession) => void | Promise<void>): void {
  const browser = blockBrowser();
  beforeAll(async () => {
    const { page, errors } = await openApp(browser(), inject('baseUrl'), { account: account() });
    await opened({ browser: browser(), page, errors });
  });
}

/**
 * appSession as the demo account of `rol` (and gemeente), handing `opened` also the API
 * signed in as that account; after each test, the page must have logged no browser error
 * but the refused writes with a status in `refused` (answers the UI shows; Chromium logs
 * them as failed loads).
 */
export function demoSession(
  account: { rol: Rol; gemeente?: string; refused: readonly number[] },
  opened: (session: AppSession & { api: Api }) => void | Promise<void>,
): void {
  const { rol, gemeente, refused } = account;
  const shown = new RegExp(`status of (${refused.join('|')})`);
  let errors: string[] = [];
  appSession(() => demoAccount(rol, gemeente), async (session) => {
    errors = session.errors;
    await opened({ ...session, api: await Api.as(rol, gemeente) });
  });
  afterEach(() => {
    expect(errors.splice(0).filter((e) => !shown.test(e))).toEqual([]);
  });
}
