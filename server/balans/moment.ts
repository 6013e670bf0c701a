// Which moment a question about the balance is about: today's live tables, or the
// situation on a past peildatum from the dated history.
import { today } from '../domain/dates.ts';
import type { Moment } from './queries.ts';

/** The situation on `peildatum` (YYYY-MM-DD); today or absent: the live tables. */
export function momentOp(peildatum?: string): Moment {
  return peildatum && peildatum !== today() ? { soort: 'historie', peildatum } : { soort: 'actueel', peildatum: today() };
}
