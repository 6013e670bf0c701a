// Dates shown in one Dutch format (issue 10 #18), never ISO: long in sentences and panels,
// short in tables, a moment in Dutch time; the web formatter and the server's messages use the same.
import { describe, expect, it } from 'vitest';
import { datumKort, datumLang, tijdstipNl, today } from '../../server/domain/dates.ts';
import { formatDate, formatDateShort, formatMoment } from '../../web/i18n/format.ts';

describe('Dutch dates', () => {
  it('formats a calendar date long and short', () => {
    expect(datumLang('2025-09-15')).toBe('15 september 2025');
    expect(datumKort('2025-09-15')).toBe('15-09-2025');
    expect(datumLang('2024-02-29')).toBe('29 februari 2024');
  });

  it('takes the Dutch day of a moment, and its Dutch time', () => {
    // 22:30 UTC on 15 September is 00:30 on 16 September in Amsterdam (summer time).
    expect(datumLang('2025-09-15T22:30:00Z')).toBe('16 september 2025');
    expect(tijdstipNl('2025-09-15T12:03:00Z')).toBe('15-09-2025 14:03');
    expect(tijdstipNl('2025-01-15T12:03:00Z')).toBe('15-01-2025 13:03');
  });

  it('is what the web app shows, with a dash for no date', () => {
    expect(formatDate('2025-09-15')).toBe('15 september 2025');
    expect(formatDateShort('2025-09-15')).toBe('15-09-2025');
    expect(formatMoment('2025-09-15T12:03:00Z')).toBe('15-09-2025 14:03');
    for (const f of [formatDate, formatDateShort, formatMoment]) expect(f(null)).not.toMatch(/\d/);
  });
});

describe('today', () => {
  it.each([
    ['2026-03-29T00:30:00Z', '2026-03-29'], // the night summer time starts
    ['2026-06-30T22:00:00Z', '2026-07-01'], // midnight in Amsterdam, still June in UTC
    ['2026-12-31T23:30:00Z', '2027-01-01'],
    ['2026-10-25T22:59:00Z', '2026-10-25'], // winter time: 23:59 in Amsterdam
    ['2026-01-05T12:00:00Z', '2026-01-05'],
  ])('%s is %s in Amsterdam', (moment, dag) => {
    expect(today(new Date(moment))).toBe(dag);
  });
});
