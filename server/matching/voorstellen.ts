// Turns a stored regional optimum (server/matching/resultaat.ts) into proposals:
// one voorgesteld match per assignment, all in one short transaction, each
// remembering the chain it belongs to so the map and the werkgroep can follow the
// relocation order. Nothing is solved here: exactly the result the regisseur saw
// becomes the proposals, or nothing (409) when the data changed since. Requests that
// got a match in the meantime are left alone (the regisseur decides there, not the solver).
import type pg from 'pg';
import type { Actor } from '../domain/roles.ts';
import { AUDIT_REDEN, metAudit } from './data.ts';
import { haalMatch, maakMatchIn } from './matches.ts';
import { vergrendelGeldigResultaat } from './resultaat.ts';

export interface KetenPlaats {
  nummer: number;
  stap: number;
  lengte: number;
  cyclus: boolean;
}

export async function regioVoorstellen(pool: pg.Pool, actor: Actor & { naam: string }, resultaatId: number) {
  return metAudit(pool, actor, AUDIT_REDEN.regioVoorstellen, async (client) => {
    const r = await vergrendelGeldigResultaat(client, resultaatId);
    const { optimaal, instellingen: inst, peildatum } = r;
    const { rows } = await client.query<{ ruimtevraag_id: number }>(
      `SELECT DISTINCT ruimtevraag_id FROM match WHERE status NOT IN ('afgevallen', 'gerealiseerd')`);
    const lopend = new Set(rows.map((x) => x.ruimtevraag_id));
    const plaats = new Map<number, KetenPlaats>();
    optimaal.ketens.forEach((k, i) => k.stappen.forEach((s, j) =>
      plaats.set(s.vraag_id, { nummer: i + 1, stap: j + 1, lengte: k.stappen.length, cyclus: k.cyclus })));

    const ids: number[] = [];
    const overgeslagen: { vraag_id: number; reden: string }[] = [];
    for (const t of optimaal.toewijzingen) {
      if (lopend.has(t.vraag_id)) {
        overgeslagen.push({ vraag_id: t.vraag_id, reden: 'Heeft al een lopende match; die gaat voor.' });
        continue;
      }
      const keten = plaats.get(t.vraag_id) ?? null;
      const reden = keten
        ? `Regionale optimalisatie: keten ${keten.nummer}, stap ${keten.stap} van ${keten.lengte}.`
        : 'Regionale optimalisatie.';
      ids.push(await maakMatchIn(client, actor, { ruimtevraag_id: t.vraag_id, kavel_ids: t.kavel_ids, reden }, {
        inst, peildatum, herkomst: { bron: 'regio', resultaat_id: resultaatId, keten, doelwaarde: optimaal.doelwaarde },
      }));
    }
    await client.query(`UPDATE regio_resultaat SET voorgesteld_op = now() WHERE id = $1`, [resultaatId]);
    const matches = [];
    for (const id of ids) matches.push(await haalMatch(client, id));
    return {
      resultaat_id: resultaatId,
      matches,
      overgeslagen,
      niet_toegewezen: optimaal.niet_toegewezen,
      ketens: optimaal.ketens,
      doelwaarde: optimaal.doelwaarde,
    };
  });
}
