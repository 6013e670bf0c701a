// Amounts in euros as people type them in Dutch forms, and back.

/** "10.000", "12.500,50", "€ 2.500" and "12500.5" all read as numbers; NaN when it is no amount. */
export function bedragUit(s: string): number {
  const t = s.trim().replace(/[€\s]/g, '');
  if (!t) return NaN;
  // A comma is the decimal sign, dots group thousands; a lone dot before three digits groups too.
  return Number(/,/.test(t) || /\.\d{3}$/.test(t) ? t.replace(/\./g, '').replace(',', '.') : t);
}

/** An amount for a form field: "10.000", "12.500,5". */
export const bedragIn = (n: number) => new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 }).format(n);
