// Rules for managing accounts, without I/O: the service applies them to the rows it
// has locked.
import type { Role } from './roles.ts';

export interface AccountStand {
  rol: Role | null;
  actief: boolean;
}

const isActiveBeheerder = (a: AccountStand) => a.actief && a.rol === 'beheerder';

/**
 * Would this change leave the installation without an active beheerder? `activeBeheerders`
 * counts the active beheerders before the change (the account itself included).
 */
export function removesLastBeheerder(before: AccountStand, after: AccountStand, activeBeheerders: number): boolean {
  return isActiveBeheerder(before) && !isActiveBeheerder(after) && activeBeheerders <= 1;
}

/** A werkgroep member belongs to one gemeente; the other roles are regional. */
export function gemeenteProblem(rol: Role | null, gemeenteId: number | null): string | null {
  if (rol === 'werkgroep' && gemeenteId === null) return 'Een werkgroeplid hoort bij een van de zes gemeenten: kies de gemeente.';
  return null;
}

/** Hours a one-time link to set a password stays valid. */
export const LINK_GELDIG_UREN = 24;

/** The part of an e-mail address after the @, lower case. */
export const emailDomein = (email: string): string => email.trim().toLowerCase().split('@').pop() ?? '';
