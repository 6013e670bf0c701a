// Cells for Dutch spreadsheets: decimal comma, yes/no in Dutch, and text that a
// spreadsheet would run as a formula (=, +, -, @, or a leading tab/return) neutralised
// with a leading apostrophe, so an exported name like "=HYPERLINK(...)" stays text.

const FORMULE_START = /^[=+\-@\t\r]/;

export function neutraliseer(tekst: string): string {
  return FORMULE_START.test(tekst) ? `'${tekst}` : tekst;
}

export function celTekst(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? v.toLocaleString('nl-NL', { useGrouping: false, maximumFractionDigits: 6 }) : '';
  if (typeof v === 'boolean') return v ? 'ja' : 'nee';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return neutraliseer(JSON.stringify(v));
  return neutraliseer(String(v));
}
