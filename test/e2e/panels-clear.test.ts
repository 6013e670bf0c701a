// The open workspace panels (monitor, ruimtevragen, vergaderingen, uitwisseling) leave the
// map's zoom buttons and the whole editor toolbar free (issue #13 item 7): at 1600×900 each
// of them, and the toolbar's last button, is what the browser finds at its own centre.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appSession } from './session.ts';

const regisseur = (inject('accounts') ?? []).find((a) => a.rol === 'regisseur');

/** Whether the element found by `selector` is the topmost thing at its centre. */
const onTop = (page: Page, selector: string) => page.evaluate((sel) => {
  const el = [...document.querySelectorAll<HTMLElement>(sel)].at(-1);
  if (!el) return `${sel}: not found`;
  const r = el.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return hit === el || el.contains(hit) ? 'vrij' : `${sel} under ${hit?.closest('aside, section, div')?.className ?? hit?.tagName}`;
}, selector);

describe.skipIf(!inject('chromiumPath'))('workspace panels leave the map controls free', () => {
  let page: Page;
  appSession(() => regisseur, (session) => {
    ({ page } = session);
  });

  for (const [knop, paneel] of [
    ['monitor-knop', 'monitor'], ['ruimtevragen-knop', 'matching'], ['vergaderingen-knop', 'vergaderingen'], ['uitwisseling-knop', 'uitwisseling'],
  ] as const) {
    it(`keeps the zoom buttons and the editor toolbar clear of ${paneel}`, async () => {
      await page.getByTestId(knop).click();
      await page.getByTestId(paneel).waitFor({ state: 'visible' });
      expect(await onTop(page, '.maplibregl-ctrl-zoom-in')).toBe('vrij');
      expect(await onTop(page, '.maplibregl-ctrl-zoom-out')).toBe('vrij');
      expect(await onTop(page, '[data-testid="editor-toolbar"] button')).toBe('vrij');
      await page.getByTestId(knop).click();
      await page.getByTestId(paneel).waitFor({ state: 'detached' });
    }, 120_000);
  }
});
