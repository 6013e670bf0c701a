// Turns the regional optimum into proposals: one voorgesteld match per assignment,
// all in one transaction, each remembering the chain it belongs to so the map and
// the werkgroep can follow the relocation order. Requests that already have a
// running match are left alone (the regisseur decides there, not the solver).
import type pg from 'pg';
import type { Actor } from '../domain/roles.ts';
import type { Instellingen } from '../domain/matching.ts';
import { AUDIT_REDEN, metAudit } from './data.ts';
import { haalMatch, maakMatchIn } from './matches.ts';
import { regioToewijzing } from './regio.ts';

export interface KetenPlaats {
  nummer: number;
  stap: number;
  lengte: number;
  cyclus: boolean;
}

export async function regioVoorstellen(pool: pg.Pool, actor: Actor & { naam: string }, inst: Instellingen, datum?: string) {
  return metAudit(pool, actor, AUDIT_REDEN.regioVoorstellen, async (client) => {
    const r = await regioToewijzing(client, inst, datum);
    const { rows } = await client.query<{ ruimtevraag_id: number }>(
      `SELECT DISTINCT ruimtevraag_id FROM match WHERE status NOT IN ('afgevallen', 'gerealiseerd')`);
    const lopend = new Set(rows.map((x) => x.ruimtevraag_id));
    const plaats = new Map<number, KetenPlaats>();
    r.optimaal.ketens.forEach((k, i) => k.stappen.forEach((s, j) =>
      plaats.set(s.vraag_id, { nummer: i + 1, stap: j + 1, lengte: k.stappen.length, cyclus: k.cyclus })));

    const ids: number[] = [];
    const overgeslagen: { vraag_id: number; reden: string }[] = [];
    for (const t of r.optimaal.toewijzingen) {
      if (lopend.has(t.vraag_id)) {
        overgeslagen.push({ vraag_id: t.vraag_id, reden: 'Heeft al een lopende match; die gaat voor.' });
        continue;
      }
      const keten = plaats.get(t.vraag_id) ?? null;
      const reden = keten
        ? `Regionale optimalisatie: keten ${keten.nummer}, stap ${keten.stap} van ${keten.lengte}.`
        : 'Regionale optimalisatie.';
      ids.push(await maakMatchIn(client, actor, { ruimtevraag_id: t.vraag_id, kavel_ids: t.kavel_ids, reden }, {
        inst, herkomst: { bron: 'regio', keten, doelwaarde: r.optimaal.doelwaarde },
      }));
    }
    const matches = [];
    for (const id of ids) matches.push(await haalMatch(client, id));
    return {
      matches,
      overgeslagen,
      niet_toegewezen: r.optimaal.niet_toegewezen,
      ketens: r.optimaal.ketens,
      doelwaarde: r.optimaal.doelwaarde,
    };
  });
}
