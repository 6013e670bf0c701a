// The top bar on every screen size: the product name whole, the sample-data notice never
// over the name and never more than two lines, the workspaces in a row or in the menu.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp } from './browser.ts';
import { demoAccount } from './fixtures.ts';

const baseUrl = inject('baseUrl');

interface Box { left: number; right: number; top: number; bottom: number }
const overlap = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe.skipIf(!baseUrl)('top bar', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    // The beheerder has the most workspaces, so the fullest top bar.
    ({ page, errors } = await openApp(browser, baseUrl, { account: demoAccount('beheerder') }));
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function measure() {
    return page.evaluate(() => {
      const box = (sel: string) => {
        const el = document.querySelector(sel);
        if (!el || (el as HTMLElement).offsetParent === null) return null;
        const r = el.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      };
      const name = document.querySelector('.brand-name') as HTMLElement;
      const text = document.querySelector('.sample-notice-text') as HTMLElement;
      const lineHeight = parseFloat(getComputedStyle(text).lineHeight);
      return {
        nameWhole: name.scrollWidth <= name.clientWidth,
        brand: box('.brand')!, badge: box('[data-testid="voorbeeld-badge"]')!,
        text: box('.sample-notice-text'), textLines: text.offsetParent ? Math.round(text.getBoundingClientRect().height / lineHeight) : 0,
        menu: box('#hoofdmenu'), menuButton: box('[data-testid="menu-knop"]'),
        bar: box('.top-bar')!,
        overflow: document.documentElement.scrollWidth - window.innerWidth,
      };
    });
  }

  it.each([[1920, 1080], [1600, 1000], [1280, 800], [1024, 768], [390, 844]])('at %i × %i', async (width, height) => {
    await page.setViewportSize({ width, height });
    await expect.poll(async () => (await measure()).bar.bottom).toBeLessThanOrEqual(64);
    const m = await measure();
    expect(m.nameWhole, 'the product name is not cut off').toBe(true);
    expect(m.overflow).toBeLessThanOrEqual(0);
    expect(overlap(m.brand, m.badge), 'the badge lies over the name').toBe(false);
    if (m.text) {
      expect(overlap(m.brand, m.text)).toBe(false);
      expect(m.textLines).toBeLessThanOrEqual(2);
    }
    // The workspaces: in a row beside the notice, or folded into the menu button.
    if (m.menu) expect(overlap(m.menu, m.badge)).toBe(false);
    else expect(m.menuButton).not.toBeNull();
    for (const part of [m.badge, m.text, m.menu, m.menuButton].filter((b): b is Box => b !== null)) {
      expect(part.right).toBeLessThanOrEqual(width);
      expect(part.bottom).toBeLessThanOrEqual(m.bar.bottom);
    }
    expect(errors.splice(0)).toEqual([]);
  });
});
