// Which moment a question about the balance is about: today's live tables, the
// situation on a past peildatum from the dated history, or what the system had
// recorded at a moment (the audit trail).
import { datumLang, today } from '../domain/dates.ts';
import { ApiError } from '../http/errors.ts';
import { eersteVastlegging, type Moment, type Queryable } from './queries.ts';

/** The situation on `peildatum` (YYYY-MM-DD); today or absent: the live tables. */
export function momentOp(peildatum?: string): Moment {
  return peildatum && peildatum !== today() ? { soort: 'historie', peildatum } : { soort: 'actueel', peildatum: today() };
}

/**
 * The moment of GET /api/balans: with `vastgelegd_op` what was recorded then (not
 * before the first record, not in the future), else the situation on the peildatum.
 */
export async function momentVoor(db: Queryable, peildatum?: string, vastgelegdOp?: string): Promise<Moment> {
  if (!vastgelegdOp) return momentOp(peildatum);
  const eerste = await eersteVastlegging(db);
  const t = new Date(vastgelegdOp);
  if (!eerste || t < new Date(eerste)) {
    const datum = eerste ? datumLang(today(new Date(eerste))) : null;
    throw new ApiError(422, 'voor_eerste_vastlegging',
      datum ? `Op dat moment was nog niets vastgelegd: het eerste gegeven is van ${datum}.` : 'Er is nog niets vastgelegd.',
      { eerste_vastlegging: eerste });
  }
  if (t.getTime() > Date.now()) {
    throw new ApiError(422, 'vastgelegd_op_in_toekomst', 'Dit moment ligt in de toekomst; laat vastgelegd_op weg voor wat nu vastligt.');
  }
  return { soort: 'vastgelegd', peildatum: peildatum ?? today(t), tijdstip: t.toISOString() };
}
