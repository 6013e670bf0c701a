// How a step words a refused write (web/editor/steps/problem.ts).
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../web/api/client.ts';
import { isConflict, problemOf } from '../../web/editor/steps/problem.ts';
import { VERSIECONFLICT } from '../../server/domain/refusals.ts';

describe('editor write problems', () => {
  it('shows the server message with the spot it names', () => {
    const err = new ApiError(422, 'zelfdoorsnijding', 'De lijnen kruisen zichzelf.', { locatie: [4.5, 52.1] });
    expect(problemOf(err)).toEqual({ message: 'De lijnen kruisen zichzelf.', locatie: [4.5, 52.1] });
    expect(problemOf(new ApiError(422, 'te_klein', 'Te klein.', { locatie: ['a', 'b'] }))).toEqual({ message: 'Te klein.' });
    expect(problemOf(new Error('netwerk weg'))).toEqual({ message: 'netwerk weg' });
  });

  it('recognises a version conflict by its code only', () => {
    expect(isConflict(new ApiError(409, VERSIECONFLICT, 'Gewijzigd door Piet om 10:02.'))).toBe(true);
    expect(isConflict(new ApiError(409, 'in_gebruik', 'In gebruik.'))).toBe(false);
    expect(isConflict(new Error(VERSIECONFLICT))).toBe(false);
  });
});
