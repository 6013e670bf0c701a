// Who may do what, as pure rules. The API enforces them (server/auth); the UI only mirrors them.

export const ROLES = ['beheerder', 'regisseur', 'werkgroep', 'stuurgroep'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  id: number;
  rol: Role;
  /** Set for werkgroep members: the one gemeente they work for. */
  gemeente_id: number | null;
}

export const ROL_LABEL: Record<Role, string> = {
  beheerder: 'Beheerder',
  regisseur: 'Regisseur',
  werkgroep: 'Werkgroep',
  stuurgroep: 'Stuurgroep',
};

/** May this actor create or change map records of this gemeente? */
export function mayEditGemeente(actor: Actor, gemeenteId: number): boolean {
  if (actor.rol === 'beheerder' || actor.rol === 'regisseur') return true;
  if (actor.rol === 'werkgroep') return actor.gemeente_id === gemeenteId;
  return false;
}

/** How much of a company's space request an actor may see. */
export type RuimtevraagZicht = 'volledig' | 'anoniem' | 'aggregaat';

export function ruimtevraagZicht(rol: Role): RuimtevraagZicht {
  if (rol === 'beheerder' || rol === 'regisseur') return 'volledig';
  if (rol === 'werkgroep') return 'anoniem';
  return 'aggregaat';
}

/**
 * Names of the companies sitting on a transformation area (and whether they rent or
 * own) are kept by the werkgroep and the regisseur; the stuurgroep sees the counts.
 */
export function mayReadZittendeBedrijven(rol: Role): boolean {
  return rol !== 'stuurgroep';
}
