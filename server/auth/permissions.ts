// LEGACY: the hand-written table of who may call which API route, for the routes
// that do not yet declare their access beside their definition (apiRoute in
// server/http/access.ts). Each feature moves its rules into its route
// declarations; when this list is empty the file goes.
import type { Role } from '../domain/roles.ts';

export interface Rule {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Route pattern as registered in Hono (e.g. /api/kavels/:id). */
  path: string;
  roles: readonly Role[] | 'openbaar';
}

const ALL: readonly Role[] = ['beheerder', 'regisseur', 'werkgroep', 'stuurgroep'];
const EDITORS: readonly Role[] = ['beheerder', 'regisseur', 'werkgroep'];

/** The map layers (for the export routes until they take LAYER_PATHS from server/layers/definitions.ts). */
export { LAYER_PATHS as READ_LAYERS } from '../layers/definitions.ts';

export const rules: Rule[] = [
  // The OpenAPI document itself (app.doc31 in server/app.ts).
  { method: 'GET', path: '/api/openapi.json', roles: ALL },


  // Hectare monitor: everyone reads the balance; editors preview their drafts.
  { method: 'GET', path: '/api/balans', roles: ALL },
  { method: 'GET', path: '/api/balans/reeks', roles: ALL },
  { method: 'GET', path: '/api/balans/kaart', roles: ALL },
  { method: 'POST', path: '/api/balans/preview', roles: EDITORS },

];
