// CSV exports (issue 10 #16): a cell a spreadsheet would run as a formula is neutralised,
// line breaks (\r too) stay inside their quoted cell, and the file reads back as written.
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { toCsv } from '../../web/monitor/csv.ts';

const readBack = (csv: string) => parse(csv.replace(/^\ufeff/, ''), { delimiter: ';', relax_column_count: false }) as string[][];

describe('toCsv', () => {
  it('neutralises cells that start with =, +, -, @ (and tab or carriage return)', () => {
    const hostile = ['=HYPERLINK("http://evil.example","klik")', '+31 71 123', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1'];
    const rows = readBack(toCsv(['Waarde'], hostile.map((h) => [h])));
    expect(rows[0]).toEqual(['Waarde']);
    for (const [i, h] of hostile.entries()) {
      expect(rows[i + 1][0]).toBe(`'${h}`);
    }
  });

  it('keeps numbers as numbers, negative ones too, with a decimal comma', () => {
    const rows = readBack(toCsv(['a', 'b', 'c'], [[-3.25, 0, 1234.5]]));
    expect(rows[1]).toEqual(['-3,25', '0', '1234,5']);
  });

  it('quotes separators, quotes and line breaks, \\r included, and reads back exactly', () => {
    const cells = ['Leiden; Katwijk', 'Zeg "ja"', 'twee\nregels', 'met\rcarriage return', 'gewoon'];
    const csv = toCsv(cells.map((_, i) => `k${i}`), [cells]);
    expect(csv.startsWith('\ufeff')).toBe(true);
    // No bare \r outside a quoted cell: every record ends with \r\n and a lone \r sits between quotes.
    expect(csv).toContain('"met\rcarriage return"');
    expect(readBack(csv)[1]).toEqual(cells);
  });
});
