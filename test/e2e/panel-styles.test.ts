// A workspace opened first, in a fresh page, has its whole look: the panels come in their
// own chunks, and the styles they share once came with another panel's chunk. The
// ruimtevragen opened before the monitor had its close button under the title (and on a
// phone its form ran off the panel's right edge); the uitwisseling opened before the
// ruimtevragen lay below the map, off the screen.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, reloadApp } from './browser.ts';
import { demoAccount } from './fixtures.ts';
import { blockBrowser, SCREENSHOTS } from './session.ts';

const baseUrl = inject('baseUrl');

async function openRuimtevragen(page: Page, phone: boolean) {
  if (phone) await page.getByTestId('menu-knop').click();
  await page.getByTestId('ruimtevragen-knop').click();
  await page.getByTestId('register').waitFor({ state: 'visible' });
}

/** The close button's place in the panel header, against the header and the title. */
const kop = (page: Page) => page.evaluate(() => {
  const header = document.querySelector('[data-testid=matching] header')!.getBoundingClientRect();
  const titel = document.querySelector('[data-testid=matching] header h2')!.getBoundingClientRect();
  const sluit = document.querySelector('[data-testid=matching] header button')!.getBoundingClientRect();
  return { headerRight: header.right, titelTop: titel.top, titelBottom: titel.bottom, sluitRight: sluit.right, sluitTop: sluit.top };
});

describe.skipIf(!inject('chromiumPath'))('a workspace opened before the monitor', () => {
  const browser = blockBrowser();

  it.each([
    { naam: 'projector', width: 1920, height: 1080 },
    { naam: 'telefoon', width: 390, height: 844 },
  ])('has its close button at the header\'s right and its form inside the panel ($naam)', async ({ naam, width, height }) => {
    const { page, errors } = await openApp(browser(), baseUrl, { account: demoAccount('regisseur') });
    await page.setViewportSize({ width, height });
    await reloadApp(page);
    await openRuimtevragen(page, width < 900);

    const k = await kop(page);
    expect(k.sluitRight, 'close button at the right of the header').toBeGreaterThan(k.headerRight - 40);
    expect(k.sluitTop, 'close button on the title\'s row').toBeLessThan(k.titelBottom);

    await page.getByRole('button', { name: 'Nieuwe ruimtevraag' }).click();
    const form = page.getByTestId('vraag-form');
    await form.waitFor({ state: 'visible' });
    const uitsteek = await page.evaluate(() => {
      const panel = document.querySelector('[data-testid=matching]')!.getBoundingClientRect();
      const velden = [...document.querySelectorAll('[data-testid=vraag-form] :is(input, select, textarea)')];
      return Math.max(...velden.map((v) => v.getBoundingClientRect().right - panel.right));
    });
    expect(uitsteek, 'fields past the panel\'s right edge (px)').toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENSHOTS}/60-ruimtevragen-eerst-${naam}.png` });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('shows the uitwisseling over the map when it is the first workspace opened', async () => {
    const { page, errors } = await openApp(browser(), baseUrl, { account: demoAccount('werkgroep', 'Leiden') });
    await page.getByTestId('uitwisseling-knop').click();
    const panel = page.getByTestId('uitwisseling');
    await panel.waitFor({ state: 'visible' });
    const plek = await page.evaluate(() => {
      const r = document.querySelector('[data-testid=uitwisseling]')!.getBoundingClientRect();
      const d = document.documentElement;
      return { top: r.top, bottom: r.bottom, right: r.right, breedte: d.clientWidth, hoogte: d.clientHeight, scroll: d.scrollHeight - d.clientHeight };
    });
    expect(plek.scroll, 'the page scrolls down (px)').toBeLessThanOrEqual(0);
    expect(plek.top).toBeGreaterThanOrEqual(0);
    expect(plek.bottom).toBeLessThanOrEqual(plek.hoogte);
    expect(plek.right, 'panel at the right of the map').toBeGreaterThan(plek.breedte - 40);
    await page.screenshot({ path: `${SCREENSHOTS}/61-uitwisseling-eerst.png` });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
