// Calendar dates as the product uses them: ISO strings (YYYY-MM-DD) that name a
// real day, and "today" in the Netherlands. One definition for server, web and tests.
import { z } from 'zod';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a YYYY-MM-DD string that names a day that exists (no 2024-02-30). */
export function isRealDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Today's date in Europe/Amsterdam as YYYY-MM-DD. */
export function today(now: Date = new Date()): string {
  return now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
}

/** The one validator for a date field: a real day written as YYYY-MM-DD, with a Dutch message. */
export const IsoDate = z
  .string()
  .regex(ISO_DATE, 'gebruik een datum als JJJJ-MM-DD')
  .refine(isRealDate, 'deze datum bestaat niet');
