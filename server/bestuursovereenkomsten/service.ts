// Bestuursovereenkomsten (R-B1..R-B6, R-K1..R-K5): partijen (two or more gemeenten with
// their rol), signing date, kostenposten per category and maatwerk, with the
// transforming gemeente's contribution computed by server/domain/bijdrage.ts.
// Writes are audited and version-checked; a werkgroep member edits only agreements
// their gemeente is a party to.
import type pg from 'pg';
import { ApiError, notFound } from '../http/errors.ts';
import { assertVersion, versionConflict, withAudit } from '../db/audit.ts';
import { bijdrage, isSubsidiabel } from '../domain/bijdrage.ts';
import { mayEditGemeente, type Actor } from '../domain/roles.ts';
import { bestuursovereenkomstPast } from '../domain/toewijzing.ts';
import {
  boParties, deleteBo, gemeenteNamen, inUseByToewijzing, insertBo, lockBo, replaceKostenposten, replacePartijen, selectBos,
  toewijzingGemeenten, updateBo, type BoRow,
} from './queries.ts';
import { SCALARS, type Bestuursovereenkomst, type BoNieuw, type BoWijziging, type Partij } from './schemas.ts';

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

/** An agreement with its kostenposten judged (subsidiabel) and the contribution computed. */
function withBijdrage(r: BoRow): Bestuursovereenkomst {
  const kostenposten = r.kostenposten.map((k) => ({ ...k, bedrag: Number(k.bedrag), subsidiabel: isSubsidiabel(k.categorie) }));
  const basis = Number(r.basis_pct);
  const b = bijdrage(kostenposten, basis);
  const maatwerk = r.maatwerk_bedrag === null ? 0 : Number(r.maatwerk_bedrag);
  return {
    ...r, basis_pct: basis, maatwerk_bedrag: r.maatwerk_bedrag === null ? null : maatwerk, kostenposten,
    bijdrage: { basis_pct: basis, ...b, maatwerk_bedrag: maatwerk, totaal: Math.round((b.bijdrage + maatwerk) * 100) / 100 },
  };
}

export async function listBos(db: Queryable): Promise<Bestuursovereenkomst[]> {
  return (await selectBos(db, null)).map(withBijdrage);
}

export async function getBo(db: Queryable, id: number): Promise<Bestuursovereenkomst> {
  const [bo] = await selectBos(db, [id]);
  if (!bo) throw notFound('Bestuursovereenkomst', id);
  return withBijdrage(bo);
}

function checkPartijen(actor: Actor, partijen: Partij[]) {
  const ids = partijen.map((p) => p.gemeente_id);
  if (new Set(ids).size !== ids.length) {
    throw new ApiError(422, 'partijen_dubbel', 'Elke gemeente is maar één keer partij.', { reden: 'partijen_dubbel' });
  }
  if (!partijen.some((p) => p.rol === 'transformerend') || !partijen.some((p) => p.rol === 'compenserend')) {
    throw new ApiError(422, 'partijen_onvolledig', 'Een bestuursovereenkomst heeft een transformerende en een compenserende gemeente.', { reden: 'partijen_onvolledig' });
  }
  assertParty(actor, ids);
}

function assertParty(actor: Actor, gemeenteIds: number[]) {
  if (actor.rol === 'werkgroep' && !gemeenteIds.some((g) => mayEditGemeente(actor, g))) {
    throw new ApiError(403, 'andere_gemeente', 'U mag alleen bestuursovereenkomsten wijzigen waarin uw gemeente partij is.');
  }
}

const scalars = (body: BoNieuw | BoWijziging) =>
  Object.fromEntries(SCALARS.filter((k) => body[k] !== undefined).map((k) => [k, body[k]]));

async function replaceChildren(client: pg.PoolClient, id: number, body: BoNieuw | BoWijziging) {
  if (body.partijen) await replacePartijen(client, id, body.partijen);
  if (body.kostenposten) await replaceKostenposten(client, id, body.kostenposten);
}

/** The locked agreement whose version is checked and whose parties include the actor's gemeente. */
async function lockForChange(client: pg.PoolClient, actor: Actor, id: number, version: number) {
  const current = await lockBo(client, id);
  if (!current) throw notFound('Bestuursovereenkomst', id);
  assertParty(actor, current.gemeenteIds);
  await assertVersion(client, 'bestuursovereenkomst', id, current.version, version);
  return current;
}

export async function createBo(pool: pg.Pool, actor: Actor, body: BoNieuw): Promise<Bestuursovereenkomst> {
  checkPartijen(actor, body.partijen);
  const id = await withAudit(pool, actor, null, async (client) => {
    const newId = await insertBo(client, scalars(body));
    await replaceChildren(client, newId, body);
    return newId;
  });
  return getBo(pool, id);
}

export async function updateBestuursovereenkomst(pool: pg.Pool, actor: Actor, id: number, version: number, body: BoWijziging) {
  if (body.partijen) checkPartijen(actor, body.partijen);
  await withAudit(pool, actor, null, async (client) => {
    const current = await lockForChange(client, actor, id, version);
    if (!(await updateBo(client, id, version, scalars(body)))) throw await versionConflict(client, 'bestuursovereenkomst', id, current.version);
    if (body.partijen) {
      // The toewijzingen that refer to this agreement keep both their gemeenten as parties.
      const partijen = body.partijen.map((p) => p.gemeente_id);
      for (const g of await toewijzingGemeenten(client, id)) await assertBoPast(client, id, g.t, g.c, partijen);
    }
    await replaceChildren(client, id, body);
  });
  return getBo(pool, id);
}

export async function deleteBestuursovereenkomst(pool: pg.Pool, actor: Actor, id: number, version: number): Promise<void> {
  await withAudit(pool, actor, null, async (client) => {
    await lockForChange(client, actor, id, version);
    if (await inUseByToewijzing(client, id)) {
      throw new ApiError(409, 'in_gebruik', `Bestuursovereenkomst ${id} hoort bij toewijzingen van compensatie en kan niet worden verwijderd.`);
    }
    await deleteBo(client, id, version);
  });
}

/**
 * The agreement of a toewijzing has both gemeenten as parties (server/domain/toewijzing.ts).
 * Checked when a toewijzing is made and when the agreement's parties change (`partijen`: the new ones).
 */
export async function assertBoPast(db: Queryable, boId: number, transformerendId: number, compenserendId: number, partijen?: number[]) {
  const bo = await boParties(db, boId);
  if (!bo) throw new ApiError(422, 'bestuursovereenkomst_onbekend', `Bestuursovereenkomst ${boId} bestaat niet.`, { reden: 'bestuursovereenkomst_onbekend' });
  const namen = await gemeenteNamen(db, [transformerendId, compenserendId]);
  const gemeente = (id: number) => ({ id, naam: namen.get(id) ?? `gemeente ${id}` });
  const past = bestuursovereenkomstPast({ naam: bo.naam, partijen: partijen ?? bo.partijen }, gemeente(transformerendId), gemeente(compenserendId));
  if (!past.ok) throw new ApiError(422, past.code, past.message, { reden: past.code, ontbrekende_gemeente_ids: past.ontbrekend });
}
