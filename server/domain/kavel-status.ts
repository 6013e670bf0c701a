// The statuses of a kavel, defined once (the database's CHECK in migration 001 lists
// the same). `in_optie` belongs to the match workflow (server/matching/matches.ts): it
// puts a kavel in optie when a match is accepted and releases it when the match falls
// through or is realised. No layer write sets or clears it, for any role.

export const KAVEL_STATUSSEN = ['bezet', 'beschikbaar', 'potentieel', 'in_optie', 'vrijkomend'] as const;
export type KavelStatus = (typeof KAVEL_STATUSSEN)[number];

/** The status only the match workflow sets and clears. */
export const WORKFLOW_STATUS = 'in_optie' satisfies KavelStatus;

/** The statuses a layer write may give a kavel. */
export const BEWERKBARE_KAVEL_STATUSSEN = KAVEL_STATUSSEN.filter((s) => s !== WORKFLOW_STATUS);

export type StatusOordeel = { ok: true } | { ok: false; code: 'status_via_match'; message: string };

/**
 * May a layer write change a kavel's status from `huidig` (undefined for a new kavel) to
 * `gevraagd` (undefined: not changed)? Sending the unchanged in_optie back is no change.
 */
export function magStatusZetten(huidig: string | undefined, gevraagd: unknown): StatusOordeel {
  if (gevraagd === undefined || gevraagd === huidig) return { ok: true };
  if (gevraagd === WORKFLOW_STATUS) {
    return { ok: false, code: 'status_via_match', message: 'Een kavel komt alleen in optie via een match (besproken in werkgroep), niet door de status te wijzigen.' };
  }
  if (huidig === WORKFLOW_STATUS) {
    return { ok: false, code: 'status_via_match', message: 'Deze kavel is in optie voor een match. De status verandert pas als de match afvalt of gerealiseerd wordt.' };
  }
  return { ok: true };
}

/** The status a restore writes: the workflow's status is neither restored nor undone (undefined: keep the current). */
export function herstelStatus(huidig: string, hersteld: unknown): unknown {
  return huidig === WORKFLOW_STATUS || hersteld === WORKFLOW_STATUS ? undefined : hersteld;
}
