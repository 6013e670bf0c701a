// Toewijzing: a compensatie gives hectares to a transformatie (n:m). A compensatie
// never gives out more than it has: checked in the write transaction with the
// compensatie row locked, so concurrent requests cannot over-allocate together.
// The compensating gemeente decides over its hectares (werkgroep scope).
import type pg from 'pg';
import type { z } from '@hono/zod-openapi';
import { ApiError } from '../http/errors.ts';
import { assertVersion, withAudit } from '../db/audit.ts';
import type { Actor } from '../domain/roles.ts';
import { VERVALLEN } from '../domain/layer-values.ts';
import { haNl } from '../domain/nl-tekst.ts';
import { assertMayEdit } from '../editor/placement.ts';
import { assertBoPast } from '../bestuursovereenkomsten/service.ts';
import { zetIngangsdatum } from '../balans/historie.ts';
import {
  deleteToewijzing, insertToewijzing, lockToewijzing, selectCompensatie, selectKeuzes, selectToewijzingen, selectTransformatie, toegewezenHa,
  type KeuzeRow,
} from './queries.ts';
import type { ToewijzingInSchema, ToewijzingenOverzicht } from './schemas.ts';

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

/** Hectare comparisons allow for floating point (1e-9 ha = 0,1 mm²). */
const EPS_HA = 1e-9;

const compensatieOnbekend = (id: number) => new ApiError(404, 'niet_gevonden', `Compensatie met id ${id} bestaat niet.`);

export async function overzicht(db: Queryable, compensatieId: number): Promise<ToewijzingenOverzicht> {
  const c = await selectCompensatie(db, compensatieId);
  if (!c) throw compensatieOnbekend(compensatieId);
  const toewijzingen = await selectToewijzingen(db, compensatieId);
  const toegewezen = toewijzingen.reduce((s, r) => s + r.hectares, 0);
  return {
    compensatie_id: compensatieId, status: c.status, oppervlakte_ha: c.oppervlakte_ha,
    toegewezen_ha: toegewezen, beschikbaar_ha: Math.max(0, c.oppervlakte_ha - toegewezen), toewijzingen,
  };
}

/** The transformaties the compensatie can still be given to (none once it is vervallen). */
export async function keuzes(db: Queryable, compensatieId: number): Promise<KeuzeRow[]> {
  const c = await selectCompensatie(db, compensatieId);
  if (!c) throw compensatieOnbekend(compensatieId);
  return c.status === VERVALLEN ? [] : selectKeuzes(db, compensatieId);
}

/** Locks the compensatie row (serialises every allocation from it) and checks the actor's scope. */
async function lockCompensatie(client: pg.PoolClient, actor: Actor, id: number) {
  const comp = await selectCompensatie(client, id, true);
  if (!comp) throw compensatieOnbekend(id);
  assertMayEdit(actor, comp.gemeente_id);
  return comp;
}

export async function wijsToe(pool: pg.Pool, actor: Actor, id: number, body: z.infer<typeof ToewijzingInSchema>) {
  return withAudit(pool, actor, null, async (client) => {
    await zetIngangsdatum(client, { ingangsdatum: body.ingangsdatum });
    const comp = await lockCompensatie(client, actor, id);
    if (comp.status === VERVALLEN) {
      throw new ApiError(422, 'compensatie_vervallen', `Compensatie ${id} is vervallen en kan geen hectares meer toewijzen.`, { reden: 'compensatie_vervallen' });
    }
    const t = await selectTransformatie(client, body.transformatie_id);
    if (!t) throw new ApiError(422, 'transformatie_onbekend', `Transformatie ${body.transformatie_id} bestaat niet.`, { reden: 'transformatie_onbekend' });
    if (t.status === VERVALLEN) {
      throw new ApiError(422, 'transformatie_vervallen', `Transformatie ${body.transformatie_id} is vervallen; daar hoeft niets voor gecompenseerd te worden.`, { reden: 'transformatie_vervallen' });
    }
    if (body.bestuursovereenkomst_id != null) await assertBoPast(client, body.bestuursovereenkomst_id, t.gemeente_id, comp.gemeente_id);
    const beschikbaar = comp.oppervlakte_ha - (await toegewezenHa(client, id));
    if (body.hectares > beschikbaar + EPS_HA) {
      throw new ApiError(422, 'onvoldoende_hectares',
        `Compensatie ${id} heeft nog ${haNl(Math.max(0, beschikbaar))} beschikbaar; ${haNl(body.hectares)} toewijzen kan niet.`,
        { reden: 'onvoldoende_hectares', beschikbaar_ha: Math.max(0, beschikbaar), gevraagd_ha: body.hectares, oppervlakte_ha: comp.oppervlakte_ha });
    }
    const nieuw = await insertToewijzing(client, {
      compensatie_id: id, transformatie_id: body.transformatie_id, hectares: body.hectares, bestuursovereenkomst_id: body.bestuursovereenkomst_id ?? null,
    });
    const o = await overzicht(client, id);
    return { ...o, toewijzing: o.toewijzingen.find((r) => r.id === nieuw)! };
  });
}

/** Withdraws a toewijzing at `version` (409 with who and when when it changed meanwhile). */
export async function trekIn(pool: pg.Pool, actor: Actor, id: number, toewijzingId: number, version: number): Promise<ToewijzingenOverzicht> {
  return withAudit(pool, actor, null, async (client) => {
    await lockCompensatie(client, actor, id);
    const current = await lockToewijzing(client, toewijzingId, id);
    if (!current) throw new ApiError(404, 'niet_gevonden', `Toewijzing met id ${toewijzingId} bestaat niet bij compensatie ${id}.`);
    await assertVersion(client, 'compensatie_toewijzing', toewijzingId, current.version, version);
    await deleteToewijzing(client, toewijzingId);
    return overzicht(client, id);
  });
}
