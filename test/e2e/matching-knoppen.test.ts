// The buttons of the matching panel can be read: its light panel once used the top
// bar's white "ghost" buttons, so "CSV importeren", "Gewichten" and "Alle tonen"
// were white on white. Every button in the panel must stand out from what is
// behind it (WCAG contrast ratio of at least 3 for its text).
import { describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { appSession } from './session.ts';

const regisseur = (inject('accounts') ?? []).find((a) => a.rol === 'regisseur');

/** Contrast ratio of an element's text colour against the first opaque background behind it. */
async function contrast(el: Locator): Promise<number> {
  return el.evaluate((node) => {
    const rgb = (s: string) => (s.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const c = [r, g, b].map((v) => { const x = v / 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    const tekst = rgb(getComputedStyle(node).color);
    let bg = [255, 255, 255];
    for (let e: Element | null = node; e; e = e.parentElement) {
      const b = rgb(getComputedStyle(e).backgroundColor);
      if (b.length === 3 || (b.length === 4 && b[3] > 0.5)) { bg = b.slice(0, 3); break; }
    }
    const [l1, l2] = [lum(tekst), lum(bg)].sort((a, b) => b - a);
    return (l1 + 0.05) / (l2 + 0.05);
  });
}

describe.skipIf(!inject('chromiumPath'))('the matching panel’s buttons', () => {
  let page: Page;

  appSession(() => regisseur, async (session) => {
    ({ page } = session);
    await page.getByTestId('ruimtevragen-knop').click();
  });

  it('stand out from the panel in the register, on a request and in the regional optimum', async () => {
    const panel = page.getByTestId('matching');
    await panel.locator('tr[data-vraag]').first().waitFor({ state: 'visible', timeout: 30_000 });
    expect(await contrast(panel.getByRole('button', { name: 'CSV importeren' }))).toBeGreaterThanOrEqual(3);
    await panel.locator('tr[data-vraag]').first().click();
    await panel.getByTestId('kandidaat').first().waitFor({ state: 'visible', timeout: 30_000 });
    expect(await contrast(panel.getByRole('button', { name: 'Gewichten' }))).toBeGreaterThanOrEqual(3);
    await panel.getByRole('tab', { name: 'Regionaal optimum' }).click();
    await panel.getByRole('button', { name: 'Bereken regionaal optimum' }).click();
    await panel.getByTestId('keten').first().waitFor({ state: 'visible', timeout: 60_000 });
    await panel.locator('.keten-kop').first().click();
    expect(await contrast(panel.getByRole('button', { name: 'Alle tonen' }))).toBeGreaterThanOrEqual(3);
    for (const knop of await panel.getByRole('button').all()) {
      if (!(await knop.isVisible())) continue;
      const naam = (await knop.innerText()).trim();
      expect(await contrast(knop), `knop "${naam}"`).toBeGreaterThanOrEqual(3);
    }
  });
});
