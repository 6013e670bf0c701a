// The write transaction of the register and matching, with the audit trail's actor
// and one of a fixed set of reasons.
import type pg from 'pg';
import { withAudit } from '../db/audit.ts';
import type { Actor } from '../domain/roles.ts';
import type { MatchStatus } from '../domain/matching-codes.ts';

/**
 * The audit reasons matching writes, as fixed texts. The audit trail is read through
 * every history route by every role (a kavel's history shows the step that put it in
 * optie), so free text about a company — a match step's reason, its person — never
 * goes there: it stays in match_stap, which only regie reads. `metAudit` takes only
 * these texts, so the compiler refuses a note passed by mistake.
 */
export const AUDIT_REDEN = {
  match: {
    voorgesteld: 'Matchworkflow: voorgesteld',
    besproken_werkgroep: 'Matchworkflow: besproken in de werkgroep, kavels in optie',
    warme_overdracht: 'Matchworkflow: warme overdracht',
    gerealiseerd: 'Matchworkflow: gerealiseerd, verhuizing vastgelegd',
    afgevallen: 'Matchworkflow: afgevallen, optie vervalt',
  } satisfies Record<MatchStatus, string>,
  regioVoorstellen: 'Matchworkflow: voorstellen uit de regionale optimalisatie',
  ruimtevraagIngetrokken: 'Ruimtevraag ingetrokken',
  csvImport: 'CSV-import ruimtevragen',
  instellingen: 'Matching-instellingen gewijzigd',
} as const;
type Teksten<T> = T extends string ? T : { [K in keyof T]: Teksten<T[K]> }[keyof T];
export type AuditReden = Teksten<typeof AUDIT_REDEN>;

/**
 * The one audited write transaction (server/db/audit.ts), restricted to these fixed
 * reasons so that the compiler refuses a free-text note passed by mistake.
 */
export function metAudit<T>(pool: pg.Pool, actor: Actor, reden: AuditReden | null, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withAudit(pool, actor, reden, fn);
}
