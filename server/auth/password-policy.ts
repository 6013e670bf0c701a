// What makes a password acceptable: long enough, and not one an attacker tries first.
// "Common" means: on the list of the ~49,000 most used passwords that ships with
// zxcvbn-ts (it holds Dutch ones such as "welkom01" and "wachtwoord"), or such a
// password dressed up with digits and symbols ("Wachtwoord2024!"), a word repeated
// ("welkomwelkom"), hardly any distinct characters ("aaaaaaaaaaaa"), or the name of
// this service, the region or the account itself.
import { dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 12;

// Words of this service and region that a guesser tries next to the list.
const CONTEXT_WORDS = [
  'schuifruimte', 'schuifruimte071', 'economie071', 'bedrijventerrein', 'bedrijventerreinen',
  'leiden', 'katwijk', 'leiderdorp', 'oegstgeest', 'voorschoten', 'zoeterwoude', 'sleutelstad',
  'gemeente', 'werkgroep', 'stuurgroep', 'regisseur', 'beheerder', 'wachtwoord', 'welkom', 'geheim',
];

let common: Set<string> | undefined;
const commonPasswords = () =>
  (common ??= new Set([...dictionary['passwords-common'], ...CONTEXT_WORDS].map((p) => p.toLowerCase())));

/** Without leading and trailing digits and symbols, the usual decoration of a weak word. */
const stripDecoration = (p: string) => p.replace(/^[^\p{L}]+/u, '').replace(/[^\p{L}]+$/u, '');

/** "abcabc" → "abc": the unit a string repeats, or the string itself. */
function repeatedUnit(p: string): string {
  for (let n = 1; n <= p.length / 2; n++) {
    if (p.length % n === 0 && p.slice(0, n).repeat(p.length / n) === p) return p.slice(0, n);
  }
  return p;
}

export interface PasswordContext {
  email?: string;
  naam?: string;
}

export type PasswordProblem =
  | { code: 'wachtwoord_te_kort'; message: string }
  | { code: 'wachtwoord_te_zwak'; message: string };

/** Why this password may not be used, or null when it may. */
export function passwordProblem(password: string, context: PasswordContext = {}): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return { code: 'wachtwoord_te_kort', message: `Een wachtwoord heeft minstens ${MIN_PASSWORD_LENGTH} tekens.` };
  }
  const p = password.normalize('NFKC').toLowerCase();
  const personal = [context.email?.trim().toLowerCase(), context.email?.trim().toLowerCase().split('@')[0],
    context.naam?.trim().toLowerCase(), context.naam?.trim().toLowerCase().replace(/\s+/g, '')]
    .filter((w): w is string => !!w && w.length >= 4);

  const core = stripDecoration(p);
  const withDigits = p.replace(/^[^\p{L}\p{N}]+/u, '').replace(/[^\p{L}\p{N}]+$/u, ''); // "Economie071!!!"
  const candidates = new Set([p, core, withDigits, repeatedUnit(p), repeatedUnit(core), stripDecoration(repeatedUnit(p))]);
  const weak =
    new Set(p).size <= 3 ||
    [...candidates].some((c) => c.length < 4 || commonPasswords().has(c)) ||
    personal.some((w) => p.includes(w) || w.includes(core));
  if (weak) {
    return {
      code: 'wachtwoord_te_zwak',
      message: 'Dit wachtwoord is te voorspelbaar: het staat (met cijfers of tekens eromheen) in de lijst van ' +
        'veelgebruikte wachtwoorden, of bestaat uit uw naam, e-mailadres of een herhaling. ' +
        'Kies bijvoorbeeld een zin van vier of meer eigen woorden.',
    };
  }
  return null;
}
