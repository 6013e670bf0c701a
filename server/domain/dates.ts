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

// One formatter: toLocaleDateString with options builds a new one per call (0.1 ms).
const AMSTERDAM_DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Europe/Amsterdam as YYYY-MM-DD. */
export function today(now: Date = new Date()): string {
  return AMSTERDAM_DAY.format(now);
}

/** The one validator for a date field: a real day written as YYYY-MM-DD, with a Dutch message. */
export const IsoDate = z
  .string()
  .regex(ISO_DATE, 'gebruik een datum als JJJJ-MM-DD')
  .refine(isRealDate, 'deze datum bestaat niet');

// Dates shown to people: one Dutch format everywhere, never ISO. Long in sentences and
// panels ("15 september 2025"), short in tables and lists ("15-09-2025"); a moment also
// gets its time in Europe/Amsterdam ("15-09-2025 14:03"). The web app shows them through
// web/i18n/format.ts; server messages use them directly.
const LANG = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const KORT = new Intl.DateTimeFormat('nl-NL', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
const MOMENT = new Intl.DateTimeFormat('nl-NL', {
  day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam',
});

/** The calendar day of an ISO date ("2025-09-15") or a moment ("2025-09-15T22:30:00Z": its day in the Netherlands). */
function dag(iso: string): Date | null {
  const day = ISO_DATE.test(iso) ? iso : /^\d{4}-\d{2}-\d{2}[T ]/.test(iso) ? today(new Date(iso)) : null;
  if (!day) return null;
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * A date's text, remembered: the balance writes the same few dates into dozens of
 * sentences per answer, and formatting one costs microseconds. Bounded, as a guard.
 */
function onthouden(format: Intl.DateTimeFormat) {
  const teksten = new Map<string, string>();
  return (iso: string): string => {
    let tekst = teksten.get(iso);
    if (tekst === undefined) {
      const d = dag(iso);
      tekst = d ? format.format(d) : iso;
      if (teksten.size >= 10_000) teksten.clear();
      teksten.set(iso, tekst);
    }
    return tekst;
  };
}
const lang = onthouden(LANG);
const kort = onthouden(KORT);

/** "2025-09-15" → "15 september 2025". Anything that is no date comes back as it is. */
export function datumLang(iso: string): string {
  return lang(iso);
}

/** "2025-09-15" → "15-09-2025". */
export function datumKort(iso: string): string {
  return kort(iso);
}

/** A moment ("2025-09-15T12:03:00Z") → "15-09-2025 14:03" (Europe/Amsterdam). */
export function tijdstipNl(iso: string | Date): string {
  const d = iso instanceof Date ? iso : new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : MOMENT.format(d).replace(',', '');
}
