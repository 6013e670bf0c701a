// The one CSV writer of the web app (csv-stringify), for Dutch spreadsheets: semicolon
// separator, decimal comma, BOM for Excel, CRLF records. A text cell that a spreadsheet
// would run as a formula (it starts with =, +, -, @, a tab or a carriage return) gets a
// leading apostrophe; line breaks (\r too) stay inside their quoted cell.
import { stringify } from 'csv-stringify/browser/esm/sync';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text as a spreadsheet shows it, never as a formula it runs. */
export const neutralise = (s: string) => (FORMULA_START.test(s) ? `'${s}` : s);

export function toCsv(header: string[], rows: unknown[][]): string {
  return '\ufeff' + stringify([header, ...rows], {
    delimiter: ';',
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
    cast: {
      string: neutralise,
      number: (n) => n.toLocaleString('nl-NL', { maximumFractionDigits: 4, useGrouping: false }),
      boolean: (b) => (b ? 'ja' : 'nee'),
      object: (o) => neutralise(JSON.stringify(o)),
    },
  });
}

export function downloadCsv(filename: string, header: string[], rows: unknown[][]) {
  const url = URL.createObjectURL(new Blob([toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}
