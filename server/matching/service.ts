// Matching: candidates for one request, the regional assignment of all open
// requests, the match workflow, its settings and the scheefwerken signal. Each
// operation is one transaction; the rules are in server/domain/matching-*.ts.
import { versionConflict } from '../db/audit.ts';
import type pg from 'pg';
import highsLoader from 'highs';
import { inTransaction } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import { today } from '../domain/dates.ts';
import type { Actor } from '../domain/roles.ts';
import { isBeschikbaar, UITSLUITING_MELDING, volgendeStatussen, type MatchStatus } from '../domain/matching-codes.ts';
import {
  bovengrens, heeftGewicht, instellingenUit, maxSamenvoegen, type Instellingen, type MatchVraag,
} from '../domain/matching-model.ts';
import {
  besteKandidaten, geenKandidaatReden, kandidaatTabel, kandidatenUitSets, TIE_BREAK, type KandidaatResultaat,
} from '../domain/matching-kandidaten.ts';
import { bouwMatrix, gretig, gretigeKeuze, highsOpties, regioInstance, uitOplossing, type HighsLike, type RegioInstance } from '../domain/matching-solver.ts';
import { invoerVoorZicht, type KandidaatZicht } from '../domain/matching-zicht.ts';
import { scheefwerken } from '../domain/matching-scheefwerken.ts';
import { kavelsVanVragers, laadOpenVragen, laadVraag } from '../ruimtevragen/queries.ts';
import { AUDIT_REDEN, metAudit } from './audit.ts';
import { solveInThread } from './highs-thread.ts';
import { passendPerVraag, telUitsluitingen, uitsluitingenPerKavel, zoekGroepen, zoekKandidaatSets, type ZoekVraag } from './kandidaat-queries.ts';
import * as q from './queries.ts';

type Client = pg.PoolClient;

/** Today in the Netherlands as an ISO date (server/domain/dates.ts). */
export const vandaag = () => today();

/** Settings from the table, overridden per request (gewicht_*, tolerantie, …); 422 when no criterion weighs anything. */
export function metOverrides(base: Instellingen, overrides: Record<string, unknown>): Instellingen {
  const getallen = Object.fromEntries(Object.entries(overrides).filter((e): e is [string, number] => typeof e[1] === 'number'));
  const inst = instellingenUit(getallen, base);
  if (!heeftGewicht(inst)) throw new ApiError(422, 'gewichten_nul', 'Minstens één gewicht moet groter dan 0 zijn; anders krijgt elke kavel score 0.');
  return inst;
}

// ---------------------------------------------------------------- candidates

/** What the hard rules of a request need from it. */
const zoekVraag = (v: MatchVraag, inst: Instellingen): ZoekVraag => ({
  id: v.id, min_ha: v.min_ha, top: bovengrens(v, inst), mc: v.mc, watergebonden: v.watergebonden,
  gewenst_tot: v.gewenst_tot, eigen_kavel_id: v.huidige_kavel_id,
});

/** The facts of every kavel in these sets and of the requesters' current kavels (for the distance). */
async function kavelFeiten(client: Client, sets: readonly number[][], vragen: readonly MatchVraag[]) {
  const ids = new Set<number>();
  for (const s of sets) for (const id of s) ids.add(id);
  for (const v of vragen) if (v.huidige_kavel_id !== null) ids.add(v.huidige_kavel_id);
  return new Map((await q.laadKavelsOpId(client, [...ids])).map((k) => [k.id, k]));
}

/**
 * Candidates for one request as a zicht may see them: free kavels only (kavels of
 * other requesters appear in the regional model). For the werkgroep the request's
 * confidential facts are blanked first (server/domain/matching-zicht.ts), so the
 * company's current kavel does not even take part.
 */
export async function kandidatenVanVraag(pool: pg.Pool, id: number, basis: Instellingen, zicht: KandidaatZicht = 'volledig', datum = vandaag()) {
  return inTransaction(pool, async (client) => {
    const { vraag, inst } = invoerVoorZicht(zicht, await laadVraag(client, id), basis);
    const zoek = { vragen: [zoekVraag(vraag, inst)], voorwaardelijk: [], maxSamenvoegen: maxSamenvoegen(inst) };
    const { sets, perVraag } = await zoekKandidaatSets(client, zoek);
    const telling = (await telUitsluitingen(client, zoek)).get(vraag.id)!;
    const eigen = (perVraag.get(vraag.id) ?? []).map((i) => sets[i]);
    const kavels = await kavelFeiten(client, eigen, [vraag]);
    const resultaat: KandidaatResultaat = kandidatenUitSets(vraag, eigen, { kavels, inst, vandaag: datum }, telling);
    return { vraag, inst, kavels, resultaat };
  });
}

// ---------------------------------------------------------------- the regional assignment

let highsPromise: Promise<HighsLike> | undefined;
/** HiGHS (WASM), loaded once per process (for the benchmark; the server solves in a worker thread). */
export const laadHighs = () => (highsPromise ??= (highsLoader as unknown as () => Promise<HighsLike>)());

/**
 * HiGHS on the instance in the worker thread, so the server keeps answering while it
 * solves, starting from the greedy choice: whatever the time limit, the answer is
 * never below the greedy baseline.
 */
export async function solveRegioInThread(instance: RegioInstance, tijdslimiet_s: number) {
  const started = performance.now();
  const model = bouwMatrix(instance);
  const { variabelen } = model;
  const start = gretigeKeuze(instance);
  const kolom = new Map(variabelen.map((i, j) => [i, j]));
  const res = variabelen.length > 0 ? await solveInThread(model, highsOpties(tijdslimiet_s), start.map((i) => kolom.get(i)!)) : null;
  return uitOplossing(instance, variabelen, res, performance.now() - started, start);
}

/**
 * The solver instance from the database: for every open request without a running
 * match its best options (kavels of other requesting companies included: relocation
 * chains can free them), the running matches fixed.
 */
export async function regioInstanceUitDatabase(pool: pg.Pool, inst: Instellingen, datum: string) {
  const vragen = await laadOpenVragen(pool);
  const vast = await q.laadLopendeMatches(pool);
  const vasteVragen = new Set(vast.map((f) => f.vraag_id));
  const voorwaardelijk = vragen.flatMap((v) => (v.huidige_kavel_id !== null ? [v.huidige_kavel_id] : []));
  const vrij = new Set(voorwaardelijk);
  const gezocht = vragen.filter((v) => !vasteVragen.has(v.id));
  const n = Math.max(1, Math.floor(inst.max_opties_per_vraag));
  const opties = new Map<number, { kavel_ids: number[]; score: number }[]>();
  const redenen = new Map<number, string | null>();
  const t0 = performance.now();
  let scoren = 0;
  const { aantalKavels } = await inTransaction(pool, async (client) => {
    const zoek = { vragen: gezocht.map((v) => zoekVraag(v, inst)), voorwaardelijk, maxSamenvoegen: maxSamenvoegen(inst) };
    const groepen = await zoekGroepen(client, zoek);
    const kavels = await kavelFeiten(client, groepen.sets, vragen);
    const tabel = kandidaatTabel(groepen.sets, kavels);
    const perId = new Map(gezocht.map((v) => [v.id, v]));
    // Each request's sets are scored as they arrive; only its best n are kept.
    for await (const { id, sets } of passendPerVraag(client, zoek.vragen.map((v) => v.id))) {
      const s0 = performance.now();
      opties.set(id, besteKandidaten(perId.get(id)!, sets, tabel, { kavels, inst, vandaag: datum, voorwaardelijk: vrij }, n));
      scoren += performance.now() - s0;
    }
    // Why a request has no candidate at all: counted only for those.
    const zonder = zoek.vragen.filter((v) => !opties.get(v.id)?.length);
    for (const [id, telling] of await telUitsluitingen(client, { ...zoek, vragen: zonder })) redenen.set(id, geenKandidaatReden(telling));
    return groepen;
  });
  const t1 = performance.now();
  const instance = regioInstance(vragen, opties, redenen, vast, inst.voorrang_factor);
  return {
    instance, vragen, vast, aantalKavels,
    kandidaten_sql_ms: Math.round(t1 - t0 - scoren), opbouw_ms: Math.round(performance.now() - t0),
  };
}

export async function regioToewijzing(pool: pg.Pool, inst: Instellingen, datum = vandaag()) {
  const { instance, vragen, vast, aantalKavels, kandidaten_sql_ms, opbouw_ms } = await regioInstanceUitDatabase(pool, inst, datum);
  const optimaal = await solveRegioInThread(instance, inst.max_rekentijd_s);
  const basis = gretig(instance);
  return {
    instance,
    samenvatting: {
      vragen: vragen.length, kavels: aantalKavels, opties: instance.opties.length, vast: vast.length, peildatum: datum,
      opbouw_ms, kandidaten_sql_ms, voorrang_factor: inst.voorrang_factor, gewichten: inst.gewichten, tolerantie: inst.tolerantie,
      tie_break: TIE_BREAK,
      doel: 'Maximaliseer de som van de scores (0–100) van de toegewezen vragen; voorrangsvragen tellen × voorrang_factor. ' +
        'Elke kavel hooguit één keer; een kavel van een vragend bedrijf komt alleen vrij als dat bedrijf zelf een andere kavel krijgt. '
        + 'Lopende matches (kavels in optie) liggen vast: hun kavels zijn bezet en hun vragen zijn vervuld.',
    },
    optimaal,
    gretig: basis,
  };
}

/** Computes the regional optimum and stores it, so that exactly this result can become matches. */
export async function berekenRegio(pool: pg.Pool, actor: Actor, overrides: Record<string, unknown>, peildatum?: string) {
  const inst = metOverrides(await q.laadInstellingen(pool), overrides);
  const datum = peildatum ?? vandaag();
  // The fingerprint first: a change during the solve then shows up as a change since the calculation.
  const invoer_versies = await q.invoerVersies(pool);
  const r = await regioToewijzing(pool, inst, datum);
  const opgeslagen = await inTransaction(pool, (client) =>
    q.insertResultaat(client, actor.id, { peildatum: datum, instellingen: inst, invoer_versies, optimaal: r.optimaal }));
  const verschil = r.optimaal.doelwaarde - r.gretig.doelwaarde;
  return {
    resultaat_id: opgeslagen.id,
    berekend_op: opgeslagen.berekend_op,
    samenvatting: { ...r.samenvatting, doelwaarde_optimaal: r.optimaal.doelwaarde, doelwaarde_gretig: r.gretig.doelwaarde,
      verbetering: Math.round(verschil * 1000) / 1000,
      verbetering_pct: r.gretig.doelwaarde > 0 ? Math.round((1000 * verschil) / r.gretig.doelwaarde) / 10 : null },
    optimaal: r.optimaal,
    gretig: r.gretig,
  };
}

// ---------------------------------------------------------------- the match workflow

export interface StapInvoer {
  datum?: string;
  persoon?: string;
  reden?: string;
}

export interface NieuweMatch extends StapInvoer {
  ruimtevraag_id: number;
  kavel_ids: number[];
}

export async function maakMatch(pool: pg.Pool, actor: Actor & { naam: string }, m: NieuweMatch) {
  const id = await metAudit(pool, actor, AUDIT_REDEN.match.voorgesteld, (client) => maakMatchIn(client, actor, m));
  return q.haalMatch(pool, id);
}

/** Extra facts stored with a match's criteria (e.g. the regional run and chain it came from). */
export type MatchHerkomst = Record<string, unknown>;

/** Creates a voorgesteld match inside the caller's transaction; checks the kavels against the hard rules. */
export async function maakMatchIn(
  client: Client, actor: Actor & { naam: string }, m: NieuweMatch,
  opties: { herkomst?: MatchHerkomst; inst?: Instellingen; peildatum?: string } = {},
): Promise<number> {
  // The date the timing criterion is judged on: today, or the regional result's peildatum.
  const datum = opties.peildatum ?? vandaag();
  const inst: Instellingen = opties.inst ?? await q.laadInstellingen(client);
  const vraag = await laadVraag(client, m.ruimtevraag_id);
  if (vraag.status === 'ingetrokken' || vraag.status === 'gematcht') {
    throw new ApiError(422, 'vraag_afgesloten', `Ruimtevraag ${vraag.id} is ${vraag.status}; maak er geen nieuwe match voor.`);
  }
  const ids = [...new Set(m.kavel_ids)].sort((a, b) => a - b);
  const bekend = new Set((await q.laadKavelsOpId(client, ids)).map((k) => k.id));
  const missing = ids.filter((id) => !bekend.has(id));
  if (missing.length) throw new ApiError(422, 'kavel_onbekend', `Kavel ${missing.join(', ')} bestaat niet.`);
  // Kavels of other companies that ask to move are available in a relocation chain.
  const voorwaardelijk = await kavelsVanVragers(client, vraag.id);
  const zoek = zoekVraag(vraag, inst);
  const redenen = await uitsluitingenPerKavel(client, zoek, ids, voorwaardelijk);
  const problemen = ids.flatMap((id) => (redenen.get(id) ?? []).map((u) => ({ kavel_id: id, reden: u, melding: UITSLUITING_MELDING[u] })));
  if (problemen.length) {
    throw new ApiError(422, 'voldoet_niet', `Kavel ${problemen[0].kavel_id}: ${problemen[0].melding}.`, problemen);
  }
  const { sets, perVraag } = await zoekKandidaatSets(client, { vragen: [zoek], voorwaardelijk, maxSamenvoegen: maxSamenvoegen(inst), alleen: ids });
  const gevonden = (perVraag.get(vraag.id) ?? []).some((i) => sets[i].join() === ids.join());
  if (!gevonden) {
    throw new ApiError(422, 'voldoet_niet', ids.length > 1
      ? 'Deze kavels vormen samen geen passende kandidaat: ze moeten aan elkaar grenzen, op één terrein liggen en samen de gevraagde omvang hebben.'
      : `Kavel ${ids[0]} heeft niet de gevraagde omvang (${vraag.min_ha}–${vraag.max_ha} ha, met tolerantie).`);
  }
  const kavels = await kavelFeiten(client, [ids], [vraag]);
  const telling = { totaal: ids.length, geschikt: ids.length, uitgesloten: {} };
  const [kandidaat] = kandidatenUitSets(vraag, [ids], { kavels, inst, vandaag: datum, voorwaardelijk: new Set(voorwaardelijk) }, telling).kandidaten;
  const criteria = { criteria: kandidaat.criteria, gewichten: inst.gewichten, tolerantie: inst.tolerantie, tie_break: TIE_BREAK, berekend_op: datum, ...opties.herkomst };
  const id = await q.insertMatch(client, vraag.id, kandidaat.score, criteria, ids);
  await stap(client, actor, id, null, 'voorgesteld', { ...m, reden: m.reden ?? 'Voorgesteld uit de kandidatenlijst.' });
  return id;
}

async function stap(client: Client, actor: Actor & { naam: string }, matchId: number, van: MatchStatus | null, naar: MatchStatus, s: StapInvoer) {
  await q.insertStap(client, {
    matchId, van, naar, datum: s.datum ?? vandaag(), persoon: s.persoon?.trim() || actor.naam, reden: s.reden ?? '', accountId: actor.id,
  });
}

export interface StatusWijziging extends StapInvoer {
  status: MatchStatus;
  reden: string;
}

/**
 * The next step of a match: besproken_werkgroep puts its kavels in optie (the
 * partial unique index on match_kavel(kavel_id) WHERE actief makes a second
 * allocation impossible), gerealiseerd moves the company, afgevallen releases them.
 */
export async function wijzigMatchStatus(pool: pg.Pool, actor: Actor & { naam: string }, id: number, version: number, w: StatusWijziging) {
  await metAudit(pool, actor, AUDIT_REDEN.match[w.status], async (client) => {
    const m = await q.vergrendelMatch(client, id);
    if (m.version !== version) throw await versionConflict(client, 'match', id, m.version);
    const van = m.status;
    if (!volgendeStatussen(van).includes(w.status)) {
      const next = volgendeStatussen(van);
      throw new ApiError(422, 'ongeldige_stap', next.length
        ? `Van '${van}' kan een match alleen naar ${next.map((s) => `'${s}'`).join(' of ')}.`
        : `Een match met status '${van}' is afgesloten.`, { huidige_status: van, toegestaan: next });
    }
    let oudeKavel: number | null = null;
    if (w.status === 'besproken_werkgroep') {
      const ks = await q.vergrendelKavelsVanMatch(client, id);
      const blocked = ks.filter((k) => k.status === 'in_optie');
      if (blocked.length) {
        throw new ApiError(409, 'kavel_al_in_optie', `Kavel ${blocked.map((k) => k.kavel_id).join(', ')} is al in optie.`, { kavel_ids: blocked.map((k) => k.kavel_id) });
      }
      // Still available: free, or in use by a company that itself asks to move (a relocation chain).
      const voorwaardelijk = new Set(await kavelsVanVragers(client, m.ruimtevraag_id));
      const weg = ks.filter((k) => !isBeschikbaar(k.status) && !voorwaardelijk.has(k.kavel_id));
      if (weg.length) {
        throw new ApiError(409, 'kavel_niet_beschikbaar', `Kavel ${weg.map((k) => k.kavel_id).join(', ')} is niet meer beschikbaar (status ${weg[0].status}).`, { kavel_ids: weg.map((k) => k.kavel_id) });
      }
      await q.zetKavelsInOptie(client, id, m.ruimtevraag_id);
    } else if (w.status === 'gerealiseerd') {
      oudeKavel = await q.realiseer(client, id, m.ruimtevraag_id, w.datum ?? vandaag());
    } else if (w.status === 'afgevallen') {
      await q.laatKavelsVrij(client, id, m.ruimtevraag_id);
    }
    if (!(await q.zetMatchStatus(client, id, version, w.status, oudeKavel))) throw await versionConflict(client, 'match', id, m.version);
    await stap(client, actor, id, van, w.status, w);
  });
  return q.haalMatch(pool, id);
}

export interface KetenPlaats {
  nummer: number;
  stap: number;
  lengte: number;
  cyclus: boolean;
}

/**
 * Turns a stored regional optimum into proposals: one voorgesteld match per
 * assignment, all in one short transaction, each remembering the chain it belongs to
 * so the map and the werkgroep can follow the relocation order. Nothing is solved
 * here: exactly the result the regisseur saw becomes the proposals, or nothing (409)
 * when the data changed since. Requests that got a match in the meantime are left
 * alone (the regisseur decides there, not the solver).
 */
export async function regioVoorstellen(pool: pg.Pool, actor: Actor & { naam: string }, resultaatId: number) {
  return metAudit(pool, actor, AUDIT_REDEN.regioVoorstellen, async (client) => {
    const r = await q.vergrendelGeldigResultaat(client, resultaatId);
    const { optimaal, instellingen: inst, peildatum } = r;
    const lopend = await q.vragenMetLopendeMatch(client);
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
    await q.markeerVoorgesteld(client, resultaatId);
    const matches = [];
    for (const id of ids) matches.push(await q.haalMatch(client, id));
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

// ---------------------------------------------------------------- settings and signals

/** Changes settings (each within its bounds, checked by the schema); 422 for an unknown one or when nothing weighs anything. */
export async function wijzigInstellingen(pool: pg.Pool, actor: Actor, body: Record<string, number>) {
  await metAudit(pool, actor, AUDIT_REDEN.instellingen, async (client) => {
    for (const [sleutel, waarde] of Object.entries(body)) {
      if (!(await q.zetInstelling(client, sleutel, waarde))) throw new ApiError(422, 'onbekende_instelling', `Onbekende instelling '${sleutel}'.`);
    }
    if (!heeftGewicht(await q.laadInstellingen(client))) {
      throw new ApiError(422, 'gewichten_nul', 'Minstens één gewicht moet groter dan 0 zijn; anders krijgt elke kavel score 0.');
    }
  });
  return q.instellingenLijst(pool);
}

/** Scheefwerken: companies whose activity is far lighter than their kavel's milieucategorie (thresholds from the settings). */
export async function scheefwerkenSignalen(pool: pg.Pool) {
  const inst = await q.laadInstellingen(pool);
  const rows = await q.bedrijvenOpKavel(pool);
  const drempels = { drempel_stappen: inst.scheefwerken_drempel_stappen, lichte_categorie: inst.scheefwerken_lichte_categorie };
  const signalen = rows.flatMap((r) => {
    const s = scheefwerken({
      activiteit: Number(r.activiteit), activiteit_code: r.activiteit_code, kavel_max: Number(r.kavel_max), kavel_max_code: r.kavel_max_code,
      minimum: r.minimum === null ? null : Number(r.minimum), minimum_code: r.minimum_code, watergebonden: r.watergebonden,
    }, drempels);
    if (!s) return [];
    return [{
      bedrijf_id: r.bedrijf_id, bedrijf_naam: r.bedrijf_naam, kvk_nummer: r.kvk_nummer, sector: r.sector, arbeidsplaatsen: r.arbeidsplaatsen,
      kavel_id: r.kavel_id, kavel_naam: r.kavel_naam, oppervlakte_ha: Number(r.oppervlakte_ha), terrein_id: r.terrein_id, terrein: r.terrein,
      gemeente: r.gemeente, milieucategorie_activiteit: r.activiteit_code, milieucategorie_kavel_max: r.kavel_max_code,
      open_ruimtevraag_id: r.open_ruimtevraag_id, ...s,
    }];
  }).sort((a, b) => b.stappen_onder_max - a.stappen_onder_max || a.bedrijf_id - b.bedrijf_id);
  return { drempels, aantal: signalen.length, hectare: signalen.reduce((s, x) => s + x.oppervlakte_ha, 0), signalen };
}
