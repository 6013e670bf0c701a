// The milieucategorie colours must be told apart at a glance (issue #13, item 7: 4.1,
// 4.2 and 5.1 looked alike). Measured as the CIE76 colour difference ΔE*ab in CIELAB
// (D65): about 2.3 is just noticeable; neighbouring categories must differ by at least
// 12, and any two categories by at least as much, for the ten VNG categories and for a
// shorter list.
import { describe, expect, it } from 'vitest';
import { categoryColors } from '../../web/map/palette.ts';
import type { Milieucategorie } from '../../web/api/layers.ts';

/** sRGB hex → CIELAB (D65), the standard formulas. */
function lab(hex: string): [number, number, number] {
  const lin = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const [r, g, b] = [1, 3, 5].map((i) => lin(parseInt(hex.slice(i, i + 2), 16) / 255));
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}
const deltaE = (a: string, b: string) => Math.hypot(...lab(a).map((v, i) => v - lab(b)[i]));

const categorie = (code: string, volgorde: number): Milieucategorie =>
  ({ code, volgorde, omschrijving: code, richtafstand_m: 0, richtafstand_gemengd_m: 0 });
const VNG = ['1', '2', '3.1', '3.2', '4.1', '4.2', '5.1', '5.2', '5.3', '6'].map(categorie);

const MINIMUM = 12;

describe('milieucategorie colours', () => {
  it.each([
    ['the ten VNG categories', VNG],
    ['six categories', VNG.slice(0, 6)],
  ])('differ by at least the minimum ΔE between any two colours: %s', (_naam, lijst) => {
    const kleuren = [...categoryColors(lijst).values()];
    expect(kleuren).toHaveLength(lijst.length);
    const paren = kleuren.flatMap((a, i) => kleuren.slice(i + 1).map((b) => ({ a, b, d: deltaE(a, b) })));
    const kleinste = paren.reduce((m, p) => (p.d < m.d ? p : m));
    expect(kleinste.d, `${kleinste.a} and ${kleinste.b}`).toBeGreaterThanOrEqual(MINIMUM);
  });

  it('go from light to dark, so the order still reads as light to heavy', () => {
    const l = [...categoryColors(VNG).values()].map((k) => lab(k)[0]);
    for (let i = 1; i < l.length; i++) expect(l[i]).toBeLessThan(l[i - 1]);
  });

  it('tell 4.1, 4.2 and 5.1 apart', () => {
    const k = categoryColors(VNG);
    expect(deltaE(k.get('4.1')!, k.get('4.2')!)).toBeGreaterThanOrEqual(MINIMUM);
    expect(deltaE(k.get('4.2')!, k.get('5.1')!)).toBeGreaterThanOrEqual(MINIMUM);
  });
});
