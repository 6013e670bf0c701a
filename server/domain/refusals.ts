// The codes with which the API refuses a change to the map, defined once: the
// server's schemas name them (the OpenAPI document lists them), the editor reacts
// to them, and the tests check for them.
import { GEOMETRY_PROBLEM_CODES } from './geometry.ts';
import { FOUT_CODES } from './editor-rules.ts';

/** Someone else saved the record first (409, with who and when). */
export const VERSIECONFLICT = 'versieconflict';

/**
 * Why a drawn shape cannot be stored: its form (geometry.ts, PostGIS validity, size),
 * its place (region, gemeente, the werkgroep's scope, a kavel's terrein) and the
 * editor rules' fouten (editor-rules.ts). The draft check lists these as `fouten`.
 */
export const VLAK_WEIGERINGEN = [
  ...GEOMETRY_PROBLEM_CODES,
  'zelfdoorsnijding', 'ongeldige_geometrie', 'te_klein',
  'buiten_regio', 'gemeente_buiten_vlak', 'andere_gemeente',
  'kavel_buiten_terrein', 'terrein_onbekend', 'meting_mislukt',
  ...FOUT_CODES,
] as const;
export type VlakWeigering = (typeof VLAK_WEIGERINGEN)[number];
