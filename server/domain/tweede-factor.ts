// Who must give a second factor, and where a session stands on its way in. Pure rules;
// the authorise middleware applies them to every request.
import type { Role } from './roles.ts';

/** The roles that read confidential company data sign in with a second factor. */
export const TWEEDE_FACTOR_VERPLICHT: readonly Role[] = ['beheerder', 'regisseur'];

export const tweedeFactorVerplicht = (rol: Role): boolean => TWEEDE_FACTOR_VERPLICHT.includes(rol);

/**
 * - `volledig`: signed in; the role's routes are open.
 * - `tweede_factor`: the password (or identity provider) was right; the account has a
 *   second factor and must give a code before anything else.
 * - `inschrijven`: as above, but the role requires a second factor the account does
 *   not have yet: it must enrol first.
 */
export type AanmeldStap = 'volledig' | 'tweede_factor' | 'inschrijven';
export const AANMELD_STAPPEN = ['volledig', 'tweede_factor', 'inschrijven'] as const satisfies readonly AanmeldStap[];

/**
 * The step of a session, derived on every request from the account as it is now: a
 * role changed to one that requires a second factor closes an open session until the
 * factor is given.
 */
export function aanmeldStap(rol: Role, heeftTweedeFactor: boolean, tweedeFactorGegeven: boolean): AanmeldStap {
  if (tweedeFactorGegeven) return 'volledig';
  if (heeftTweedeFactor) return 'tweede_factor';
  return tweedeFactorVerplicht(rol) ? 'inschrijven' : 'volledig';
}
