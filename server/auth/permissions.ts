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
const REGIE: readonly Role[] = ['beheerder', 'regisseur'];

export const READ_LAYERS = ['gemeenten', 'terreinen', 'kavels', 'kanszones', 'transformaties', 'compensaties'] as const;
export const WRITE_LAYERS = ['terreinen', 'kavels', 'kanszones', 'transformaties', 'compensaties'] as const;

export const rules: Rule[] = [
  // The OpenAPI document itself (app.doc31 in server/app.ts).
  { method: 'GET', path: '/api/openapi.json', roles: ALL },

  ...READ_LAYERS.flatMap((l): Rule[] => [
    { method: 'GET', path: `/api/${l}`, roles: ALL },
    { method: 'GET', path: `/api/${l}/:id`, roles: ALL },
  ]),
  ...WRITE_LAYERS.flatMap((l): Rule[] => [
    // Werkgroep members are further limited to their own gemeente by the write service.
    { method: 'POST', path: `/api/${l}`, roles: EDITORS },
    { method: 'PATCH', path: `/api/${l}/:id`, roles: EDITORS },
    { method: 'DELETE', path: `/api/${l}/:id`, roles: EDITORS },
    { method: 'GET', path: `/api/${l}/:id/history`, roles: ALL },
    { method: 'POST', path: `/api/${l}/:id/restore`, roles: EDITORS },
  ]),

  // Werkgroep editor (issue #4): geometry operations, draw-time validation, milieuruimte.
  ...WRITE_LAYERS.flatMap((l): Rule[] => [
    { method: 'POST', path: `/api/${l}/:id/split`, roles: EDITORS },
    { method: 'POST', path: `/api/${l}/:id/merge`, roles: EDITORS },
    { method: 'POST', path: `/api/${l}/:id/hole`, roles: EDITORS },
    { method: 'POST', path: `/api/validatie/${l}`, roles: EDITORS },
  ]),
  { method: 'POST', path: '/api/milieuruimte/check', roles: EDITORS },
  { method: 'GET', path: '/api/compensaties/:id/toewijzingen', roles: ALL },
  { method: 'POST', path: '/api/compensaties/:id/toewijzingen', roles: EDITORS },
  { method: 'DELETE', path: '/api/compensaties/:id/toewijzingen/:toewijzing_id', roles: EDITORS },
  { method: 'GET', path: '/api/bestuursovereenkomsten', roles: ALL },
  { method: 'GET', path: '/api/bestuursovereenkomsten/:id', roles: ALL },
  { method: 'POST', path: '/api/bestuursovereenkomsten', roles: EDITORS },
  { method: 'PATCH', path: '/api/bestuursovereenkomsten/:id', roles: EDITORS },
  { method: 'DELETE', path: '/api/bestuursovereenkomsten/:id', roles: EDITORS },

  // Company space requests: full for regie, anonymised for werkgroep, aggregates for all.
  { method: 'GET', path: '/api/ruimtevragen', roles: EDITORS },
  { method: 'GET', path: '/api/ruimtevragen/aggregaat', roles: ALL },
  { method: 'GET', path: '/api/ruimtevragen/:id', roles: EDITORS },
  // Candidates: anonymised for the werkgroep (no company data), none for the stuurgroep.
  { method: 'GET', path: '/api/ruimtevragen/:id/kandidaten', roles: EDITORS },
  // The register and matching are company-specific: regie only.
  { method: 'POST', path: '/api/ruimtevragen', roles: REGIE },
  { method: 'POST', path: '/api/ruimtevragen/import', roles: REGIE },
  { method: 'PATCH', path: '/api/ruimtevragen/:id', roles: REGIE },
  { method: 'DELETE', path: '/api/ruimtevragen/:id', roles: REGIE },
  { method: 'POST', path: '/api/matching/regio', roles: REGIE },
  { method: 'POST', path: '/api/matching/regio/voorstellen', roles: REGIE },
  { method: 'GET', path: '/api/matching/instellingen', roles: REGIE },
  { method: 'PATCH', path: '/api/matching/instellingen', roles: REGIE },
  { method: 'GET', path: '/api/matches', roles: REGIE },
  { method: 'POST', path: '/api/matches', roles: REGIE },
  { method: 'GET', path: '/api/matches/:id', roles: REGIE },
  { method: 'PATCH', path: '/api/matches/:id', roles: REGIE },
  { method: 'GET', path: '/api/signalen/scheefwerken', roles: REGIE },

  // Hectare monitor: everyone reads the balance; editors preview their drafts.
  { method: 'GET', path: '/api/balans', roles: ALL },
  { method: 'GET', path: '/api/balans/reeks', roles: ALL },
  { method: 'GET', path: '/api/balans/kaart', roles: ALL },
  { method: 'POST', path: '/api/balans/preview', roles: EDITORS },

];
