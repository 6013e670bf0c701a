// The editing toolbar in the room it has. Where that is little it shows its tools as
// icons: on a phone (390×844) every tool is visible at once, without scrolling sideways,
// also while drawing (when "Annuleren" joins it); on a projector beside the open monitor
// it stays one row. The tools keep their Dutch names for screen readers. On a laptop
// without a panel open it has the width up to the zoom buttons, with its tools' names.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, reloadApp } from './browser.ts';
import { demoAccount } from './fixtures.ts';
import { blockBrowser, SCREENSHOTS } from './session.ts';

const baseUrl = inject('baseUrl');

/** How far the toolbar's content runs past its box, and the tools that lie (partly) off the screen. */
const fit = (page: Page) => page.evaluate(() => {
  const bar = document.querySelector<HTMLElement>('[data-testid=editor-toolbar]')!;
  const off = [...bar.querySelectorAll<HTMLElement>('button, select')]
    .filter((el) => {
      const r = el.getBoundingClientRect();
      return r.left < 0 || r.right > window.innerWidth;
    })
    .map((el) => el.dataset.testid ?? el.textContent);
  return { overflow: bar.scrollWidth - bar.clientWidth, off };
});

describe.skipIf(!inject('chromiumPath'))('the editing toolbar in the room it has', () => {
  const browser = blockBrowser();

  it('shows every tool at once, and still while drawing', async () => {
    const { page, errors } = await openApp(browser(), baseUrl, { account: demoAccount('werkgroep', 'Leiden') });
    await page.setViewportSize({ width: 390, height: 844 });
    await reloadApp(page);
    await page.getByTestId('editor-toolbar').waitFor({ state: 'visible' });

    const idle = await fit(page);
    expect(idle.overflow, 'toolbar scrolls sideways (px)').toBeLessThanOrEqual(0);
    expect(idle.off).toEqual([]);
    for (const name of ['Tekenen', 'Selecteren/bewerken', 'Verwijderen', 'Ongedaan maken', 'Opnieuw']) {
      expect(await page.getByTestId('editor-toolbar').getByRole('button', { name, exact: true }).count(), name).toBe(1);
    }
    await page.screenshot({ path: `${SCREENSHOTS}/63-werkbalk-telefoon.png` });

    await page.getByRole('button', { name: 'Tekenen', exact: true }).click();
    await page.getByTestId('tool-annuleren').waitFor({ state: 'visible' });
    const drawing = await fit(page);
    expect(drawing.overflow, 'toolbar scrolls sideways while drawing (px)').toBeLessThanOrEqual(0);
    expect(drawing.off).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/64-werkbalk-telefoon-tekenen.png` });
    await page.getByTestId('tool-annuleren').click();
    await page.getByTestId('tool-annuleren').waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it.each([
    { naam: 'a projector', width: 1920, height: 1080 },
    { naam: 'a laptop', width: 1366, height: 768 },
  ])('stays one row beside the open monitor on $naam', async ({ width, height }) => {
    const { page, errors } = await openApp(browser(), baseUrl, { account: demoAccount('regisseur') });
    await page.setViewportSize({ width, height });
    await reloadApp(page);
    const toolbar = page.getByTestId('editor-toolbar');
    const oneRow = (await toolbar.boundingBox())!.height;
    await page.getByTestId('monitor-knop').click();
    await page.getByTestId('monitor').waitFor({ state: 'visible' });
    expect((await toolbar.boundingBox())!.height, 'toolbar height beside the monitor (px)').toBeLessThanOrEqual(oneRow + 1);
    expect(await toolbar.getByRole('button', { name: 'Ongedaan maken', exact: true }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('takes one row up to the zoom buttons on a laptop (1366×768) while no panel is open', async () => {
    const { page, errors } = await openApp(browser(), baseUrl, { account: demoAccount('werkgroep', 'Leiden'), viewport: { width: 1366, height: 768 } });
    const toolbar = page.getByTestId('editor-toolbar');
    const box = (await toolbar.boundingBox())!;
    const zoom = (await page.locator('.maplibregl-ctrl-zoom-in').boundingBox())!;
    expect(box.height, 'toolbar height (px): one row').toBeLessThan(60);
    expect(box.x + box.width, 'toolbar right edge left of the zoom buttons').toBeLessThan(zoom.x);
    expect(await toolbar.innerText()).toContain('Selecteren/bewerken');
    await page.screenshot({ path: `${SCREENSHOTS}/65-werkbalk-laptop.png` });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
