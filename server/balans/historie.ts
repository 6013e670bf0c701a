// The date a change took effect ("ingangsdatum", valid time): entered by the werkgroep
// with a change (default today), handed to the history triggers of migration 012 for
// the rest of the write transaction. Checked here first, with a Dutch message.
import type pg from 'pg';
import { ApiError } from '../http/errors.ts';
import { today } from '../domain/dates.ts';
import { datumLang as datumNl } from '../domain/dates.ts';

type Queryable = Pick<pg.PoolClient, 'query'>;

/**
 * Takes `ingangsdatum` out of a write's values (it is no column) and sets it for the
 * transaction. A change may not take effect in the future, nor before the record's
 * previous change (`vorige`, its geldig_vanaf): that would rewrite its history.
 */
export async function zetIngangsdatum(client: Queryable, values: Record<string, unknown>, vorige?: string | null): Promise<void> {
  const datum = values.ingangsdatum as string | null | undefined;
  delete values.ingangsdatum;
  if (datum == null) return;
  weigerToekomst(datum);
  if (vorige && datum < vorige) {
    throw new ApiError(422, 'ingangsdatum_te_vroeg',
      `De datum van deze wijziging (${datumNl(datum)}) ligt vóór de vorige wijziging van ${datumNl(vorige)}. Kies ${datumNl(vorige)} of later.`,
      { reden: 'ingangsdatum_te_vroeg', ingangsdatum: datum, vorige_wijziging: vorige });
  }
  await client.query(`SELECT set_config('app.ingangsdatum', $1, true)`, [datum]);
}

/** A change takes effect today or earlier, never in the future. */
export function weigerToekomst(datum: string): void {
  if (datum > today()) {
    throw new ApiError(422, 'ingangsdatum_in_toekomst',
      `De datum van deze wijziging (${datumNl(datum)}) ligt in de toekomst. Een wijziging geldt vanaf vandaag of een eerdere datum.`,
      { reden: 'ingangsdatum_in_toekomst', ingangsdatum: datum });
  }
}
