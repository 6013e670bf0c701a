// CSV the way Dutch spreadsheets open it: semicolons, decimal commas, a BOM so Excel
// reads UTF-8, Windows line ends, and formula-like text neutralised.
import { stringify } from 'csv-stringify/sync';
import { celTekst } from '../domain/spreadsheet-cell.ts';

export function naarCsv(kolommen: string[], rijen: unknown[][]): string {
  return stringify([kolommen.map(celTekst), ...rijen.map((r) => r.map(celTekst))], {
    delimiter: ';', bom: true, record_delimiter: 'windows', quoted_match: /[;"\r\n]/,
  });
}
