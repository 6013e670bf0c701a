// What the signed-in account may do in the editor, from /api/auth/me: the routes its
// role may call (`mag`, from the routes' own access declarations) and, for a
// werkgroep member, its gemeente compared with the record's. The API enforces the
// same; this only avoids offering what would be refused.
import type { Me } from '../api/session.ts';
import { isEditableLayer, type EditableLayer } from '../api/layers.ts';

export { EDITABLE_LAYERS, isEditableLayer, type EditableLayer } from '../api/layers.ts';

/** Editor operations on a record, as routes of the contract. */
export type Operation = 'bewerken' | 'splitsen' | 'samenvoegen' | 'gat';

const ROUTE: Record<Operation, (layer: EditableLayer) => string> = {
  bewerken: (l) => `PATCH /api/${l}/{id}`,
  splitsen: (l) => `POST /api/${l}/{id}/split`,
  samenvoegen: (l) => `POST /api/${l}/{id}/merge`,
  gat: (l) => `POST /api/${l}/{id}/hole`,
};

/** May this account draw new records of the layer? */
export function mayCreate(me: Me | null | undefined, layer: EditableLayer): boolean {
  return !!me && me.mag.includes(`POST /api/${layer}`);
}

/** May this account draw at all (is the editing toolbar for it)? */
export function mayEdit(me: Me | null | undefined): boolean {
  return !!me && me.mag.some((route) => route.startsWith('POST /api/') && isEditableLayer(route.slice('POST /api/'.length)));
}

/**
 * May this account do `operation` on a record of this gemeente? Its role must be allowed
 * the route, and an account that works for one gemeente (werkgroep) only acts on that one's.
 */
export function mayDo(me: Me | null | undefined, operation: Operation, layer: EditableLayer, gemeenteId: number | null | undefined): boolean {
  if (!me || !me.mag.includes(ROUTE[operation](layer))) return false;
  return me.gemeente_id == null || me.gemeente_id === gemeenteId;
}
