// The draft check while drawing: every refusal a save would give, collected instead of
// thrown, plus the gemeenten (and for a transformatie the terreinen) under the shape,
// the editor rules' warnings and, for housing, the milieuruimte. Nothing is written.
import type pg from 'pg';
import type { z } from '@hono/zod-openapi';
import { inTransaction } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import { mayEditGemeente, type Actor } from '../domain/roles.ts';
import { kiesGemeente, werkgroepMagTekenen } from '../domain/gemeente-keuze.ts';
import { isWoonfunctie } from '../domain/layer-values.ts';
import type { VlakWeigering } from '../domain/refusals.ts';
import type { WritableLayer } from './writable.ts';
import { prepareGeometry } from './geometry.ts';
import { ANDERE_GEMEENTE_MELDING, assertKavelInTerrein, assertMayEdit, gemeenteOfRecord, gemeentenInVlak, terreinenInVlak } from './placement.ts';
import { judge, transformatieDatum } from './checks.ts';
import { milieuruimte } from './milieuruimte.ts';
import { gemeenteIdOf } from './queries.ts';
import type { DraftCheck, DraftFout, DraftSchema } from './schemas.ts';

export type Draft = z.infer<typeof DraftSchema>;

/** A refusal of the save path, as a finding of the draft check. */
function asFout(err: unknown): DraftFout {
  if (!(err instanceof ApiError)) throw err;
  return {
    code: err.code as VlakWeigering, message: err.message,
    ...(err.details === undefined ? {} : { details: err.details as DraftFout['details'] }),
  };
}

export async function checkDraft(pool: pg.Pool, actor: Actor, layer: WritableLayer, draft: Draft): Promise<DraftCheck> {
  return inTransaction(pool, async (client) => {
    const fouten: DraftFout[] = [];
    let prepared: { ewkt: string; ha: number } | null = null;
    try {
      prepared = await prepareGeometry(client, draft.geometry);
    } catch (err) {
      fouten.push(asFout(err));
    }
    if (!prepared) return { geldig: false, oppervlakte_ha: null, gemeente_id: null, fouten, waarschuwingen: [] };
    const { ewkt, ha } = prepared;

    const gemeenten = await gemeentenInVlak(client, ewkt);
    const huidig = draft.id !== undefined ? await gemeenteIdOf(client, layer, draft.id) : undefined;
    const keuze = kiesGemeente(gemeenten, draft.properties?.gemeente_id, huidig);
    // Where a werkgroep member may draw (the largest part in its own gemeente), then whose record it becomes.
    const recht = actor.rol === 'werkgroep' ? werkgroepMagTekenen(gemeenten, actor.gemeente_id ?? -1) : { ok: true as const };
    if (!recht.ok) fouten.push({ code: recht.code, message: recht.message, details: { gemeenten } });
    let gemeenteId: number | null = null;
    if (keuze.ok) {
      gemeenteId = keuze.gemeente_id;
      if (recht.ok && layer.gemeente === 'column' && !mayEditGemeente(actor, gemeenteId)) {
        fouten.push({ code: 'andere_gemeente', message: ANDERE_GEMEENTE_MELDING });
      }
    } else fouten.push({ code: keuze.code, message: keuze.message });

    const terreinId = draft.properties?.terrein_id;
    if (layer.table === 'kavel' && terreinId !== undefined) {
      try {
        await assertKavelInTerrein(client, ewkt, terreinId);
        if (recht.ok) assertMayEdit(actor, await gemeenteOfRecord(client, layer, { terrein_id: terreinId }));
      } catch (err) {
        fouten.push(asFout(err));
      }
    }
    const terreinen = layer.table === 'transformatie' ? await terreinenInVlak(client, ewkt) : undefined;
    const oordeel = await judge(client, layer.path, ewkt, { excludeId: draft.id, datum: transformatieDatum(draft.properties ?? {}) });
    fouten.push(...oordeel.fouten.map((f) => ({ code: f.code, message: f.message, ...(f.ids ? { details: { ids: f.ids } } : {}) })));
    const functie = draft.properties?.nieuwe_functie;
    const mr = layer.table === 'transformatie' && isWoonfunctie(functie) ? await milieuruimte(client, ewkt, functie) : undefined;
    return {
      geldig: fouten.length === 0, oppervlakte_ha: ha, gemeente_id: gemeenteId, gemeenten, ...(terreinen ? { terreinen } : {}), fouten,
      waarschuwingen: oordeel.waarschuwingen, ...(mr ? { milieuruimte: mr } : {}),
    };
  });
}
