// Who sees the editing tools. Mirrors server/domain/roles.ts (mayEditGemeente);
// the API enforces the same rule, this only avoids offering what would be refused.
import type { Me } from '../api/types.ts';

export const EDITABLE_LAYERS = ['transformaties', 'compensaties', 'kavels', 'kanszones', 'terreinen'] as const;
export type EditableLayer = (typeof EDITABLE_LAYERS)[number];

export const isEditableLayer = (layer: string): layer is EditableLayer =>
  (EDITABLE_LAYERS as readonly string[]).includes(layer);

/** May this account edit at all (draw new records)? */
export function mayEdit(me: Me | null | undefined): boolean {
  return !!me && (me.rol === 'beheerder' || me.rol === 'regisseur' || (me.rol === 'werkgroep' && me.gemeente_id != null));
}

/** May this account change a record of this gemeente (by name, as features carry it)? */
export function mayEditFeature(me: Me | null | undefined, gemeente: string | null | undefined): boolean {
  if (!me || !mayEdit(me)) return false;
  if (me.rol === 'werkgroep') return !!gemeente && gemeente === me.gemeente;
  return true;
}
