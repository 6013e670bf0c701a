// Login waits and the password policy (issue 10, item 14), as pure rules.
import { describe, expect, it } from 'vitest';
import { backoffSeconds, FREE_FAILURES } from '../../server/auth/rate-limit.ts';
import { wachttijd as formatWait } from '../../server/domain/nl-tekst.ts';
import { passwordProblem } from '../../server/auth/password-policy.ts';

describe('login waits', () => {
  it('lets the first failures pass, then doubles from 30 s up to an hour', () => {
    const waits = Array.from({ length: 14 }, (_, n) => backoffSeconds(n, FREE_FAILURES));
    expect(waits).toEqual([0, 0, 0, 0, 0, 30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
  });

  it('says the wait in Dutch, rounded up to a unit a person reads', () => {
    expect(formatWait(1)).toBe('1 seconde');
    expect(formatWait(29.2)).toBe('30 seconden');
    expect(formatWait(60)).toBe('1 minuut');
    expect(formatWait(61)).toBe('2 minuten');
    expect(formatWait(3540)).toBe('59 minuten');
    expect(formatWait(3600)).toBe('1 uur');
    expect(formatWait(3601)).toBe('2 uur');
  });
});

describe('password policy', () => {
  it.each([
    ['welkom01welkom01', 'a Dutch list password, repeated'],
    ['Wachtwoord2024!', 'a Dutch list word with a year and a symbol'],
    ['!!Feyenoord1908', 'a club name with decoration in front'],
    ['qwertyuiop12', 'a keyboard row on the list'],
    ['123456789012', 'digits only'],
    ['abababababab', 'hardly any distinct characters'],
    ['Zoeterwoude2025', 'the name of a gemeente of the region'],
    ['Economie071!!!', 'the name of the programme'],
  ])('refuses %s (%s)', (pw) => {
    expect(passwordProblem(pw)?.code).toBe('wachtwoord_te_zwak');
  });

  it('refuses short passwords as too short', () => {
    expect(passwordProblem('K0rt!')?.code).toBe('wachtwoord_te_kort');
  });

  it('refuses a password made of the account\'s own name or e-mail', () => {
    expect(passwordProblem('pietje.puk.leiden!', { email: 'pietje.puk.leiden@gemeente.nl' })?.code).toBe('wachtwoord_te_zwak');
    expect(passwordProblem('JanVanDerBerg2025', { naam: 'Jan van der Berg' })?.code).toBe('wachtwoord_te_zwak');
  });

  it.each(['kanszone-bij-de-oude-rijn', 'test-wachtwoord-071', 'Tr0mmel-Haven-Gras', 'vlinder paraplu 1987 kade'])(
    'accepts %s', (pw) => {
      expect(passwordProblem(pw, { email: 'a.jansen@leiden.nl', naam: 'Anna Jansen' })).toBeNull();
    });
});
