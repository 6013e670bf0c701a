// Dutch wording shared by server messages and the web app (web/i18n/format.ts re-exports
// it): hectares and square metres with a decimal comma, singular or plural by count.

/** Hectares the Dutch way: 0,40 ha; 1,23 ha; 0,0012 ha for very small areas. */
export const haNl = (ha: number) =>
  `${ha.toLocaleString('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: ha > 0 && ha < 0.01 ? 4 : 2 })} ha`;

/** Square metres: 4 m²; 1.250,5 m². */
export const m2Nl = (m2: number) => `${m2.toLocaleString('nl-NL', { maximumFractionDigits: 1 })} m²`;

/** The singular or the plural noun for a count: woord(1, 'kavel', 'kavels') → "kavel". */
export const woord = (n: number, enkelvoud: string, meervoud: string) => (n === 1 ? enkelvoud : meervoud);

/** A count with its noun: aantal(1, 'verhuizing', 'verhuizingen') → "1 verhuizing"; 3 → "3 verhuizingen". */
export const aantal = (n: number, enkelvoud: string, meervoud: string) =>
  `${n.toLocaleString('nl-NL')} ${woord(n, enkelvoud, meervoud)}`;

/** "a", "a en b", "a, b en c". */
export function opsomming(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`;
}

/** "30 seconden", "1 minuut", "4 minuten", "1 uur": a wait in Dutch, rounded up (the sign-in throttle's message and screen). */
export function wachttijd(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return aantal(s, 'seconde', 'seconden');
  const m = Math.ceil(s / 60);
  if (m < 60) return aantal(m, 'minuut', 'minuten');
  return `${Math.ceil(m / 60)} uur`;
}
