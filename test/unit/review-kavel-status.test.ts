// A kavel's in_optie belongs to the match workflow: no layer write sets or clears it.
import { describe, expect, it } from 'vitest';
import { BEWERKBARE_KAVEL_STATUSSEN, herstelStatus, KAVEL_STATUSSEN, magStatusZetten } from '../../server/domain/kavel-status.ts';

describe('magStatusZetten', () => {
  it('refuses setting in_optie and clearing it; allows the other statuses and an unchanged in_optie', () => {
    expect(magStatusZetten(undefined, 'in_optie')).toMatchObject({ ok: false, code: 'status_via_match' });
    expect(magStatusZetten('beschikbaar', 'in_optie')).toMatchObject({ ok: false });
    for (const s of BEWERKBARE_KAVEL_STATUSSEN) expect(magStatusZetten('in_optie', s)).toMatchObject({ ok: false });
    expect(magStatusZetten('in_optie', 'in_optie')).toEqual({ ok: true });
    expect(magStatusZetten('in_optie', undefined)).toEqual({ ok: true });
    expect(magStatusZetten('bezet', 'vrijkomend')).toEqual({ ok: true });
    expect(BEWERKBARE_KAVEL_STATUSSEN).toEqual(KAVEL_STATUSSEN.filter((s) => s !== 'in_optie'));
  });

  it('never restores or undoes an option', () => {
    expect(herstelStatus('in_optie', 'beschikbaar')).toBeUndefined();
    expect(herstelStatus('beschikbaar', 'in_optie')).toBeUndefined();
    expect(herstelStatus('bezet', 'beschikbaar')).toBe('beschikbaar');
  });
});
