// The regional optimum's solver status as the regisseur reads it: Dutch, never HiGHS's
// English, and with how far a solve stopped by the time limit may be from the best.
import { describe, expect, it } from 'vitest';
import { solverUitkomst } from '../../web/i18n/nl-matching.ts';

describe('the solver outcome in Dutch', () => {
  it('calls a proved optimum so', () => {
    expect(solverUitkomst('Optimal', 0)).toBe('bewezen optimaal');
  });

  it('says a time limit stopped the search, and by how much the best may be higher', () => {
    expect(solverUitkomst('Time limit reached', 0.01234)).toBe('tijdslimiet bereikt, beste gevonden uitkomst; het beste mogelijke ligt hooguit 1,2 % hoger');
    expect(solverUitkomst('Time limit reached', 0.994)).toBe('tijdslimiet bereikt, beste gevonden uitkomst; het beste mogelijke ligt hooguit 99 % hoger');
    // Stopped before the root relaxation: the bound is all options at once, no figure to speak of.
    expect(solverUitkomst('Time limit reached', 28.241038)).toBe('tijdslimiet bereikt, beste gevonden uitkomst; de rekentijd was te kort om te bewijzen hoe dicht deze uitkomst bij het beste mogelijke ligt');
    expect(solverUitkomst('Time limit reached', 1)).toBe('tijdslimiet bereikt, beste gevonden uitkomst; de rekentijd was te kort om te bewijzen hoe dicht deze uitkomst bij het beste mogelijke ligt');
    // No bound proved yet: no figure.
    expect(solverUitkomst('Time limit reached', undefined)).toBe('tijdslimiet bereikt, beste gevonden uitkomst');
  });

  it('names any other status as the solver gave it', () => {
    expect(solverUitkomst('Interrupted by user', 0.5)).toBe('solver meldt “Interrupted by user”; het beste mogelijke ligt hooguit 50 % hoger');
    expect(solverUitkomst('Interrupted by user', 3)).toBe('solver meldt “Interrupted by user”; de rekentijd was te kort om te bewijzen hoe dicht deze uitkomst bij het beste mogelijke ligt');
  });
});
