// How a step shows a refused write: a version conflict opens the conflict dialog
// (someone else saved first), anything else is shown at the polygon with its spot.
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { VERSIECONFLICT } from '../../../server/domain/refusals.ts';
import type { EditorAction, ServerProblem } from '../session.ts';

/** An API error as the panel shows it. */
export function problemOf(err: unknown): ServerProblem {
  if (err instanceof ApiError) {
    const loc = err.details?.locatie;
    const spot = Array.isArray(loc) && loc.length === 2 && loc.every((n) => typeof n === 'number') ? { locatie: loc as [number, number] } : {};
    return { message: err.message, ...spot };
  }
  return { message: err instanceof Error ? err.message : String(err) };
}

export const isConflict = (err: unknown): err is ApiError => err instanceof ApiError && err.code === VERSIECONFLICT;

/** A failed write of a step: the conflict's message for the dialog, or the problem for the panel and map. */
export function useWriteFailure(dispatch: (action: EditorAction) => void) {
  const [conflict, setConflict] = useState<string | null>(null);
  const fail = (err: unknown) => {
    if (isConflict(err)) setConflict(err.message);
    else dispatch({ type: 'problem', problem: problemOf(err) });
  };
  return { conflict, setConflict, fail };
}
