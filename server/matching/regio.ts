// The regional assignment on the database: candidates for every open request
// (including kavels of other requesters, which relocation chains can free),
// then HiGHS and the greedy baseline on the same instance.
import type pg from 'pg';
import highsLoader from 'highs';
import { kandidatenVoor, TIE_BREAK, type Instellingen, type MatchKavel, type MatchVraag } from '../domain/matching.ts';
import { bouwModel, gretig, highsOpties, uitOplossing, type HighsLike, type RegioInstance, type VasteMatch } from '../domain/matching-solver.ts';
import { solveInThread } from './highs-thread.ts';
import { laadBuren, laadKavels, laadOpenVragen, vandaag } from './data.ts';

let highsPromise: Promise<HighsLike> | undefined;
/** HiGHS (WASM), loaded once per process. */
export const laadHighs = () => (highsPromise ??= (highsLoader as unknown as () => Promise<HighsLike>)());

/** The solver instance from requests and kavels (pure; also used by the benchmark). Running matches are fixed. */
export function bouwRegioInstance(
  vragen: MatchVraag[], kavels: MatchKavel[], buren: ReadonlyMap<number, readonly number[]>, inst: Instellingen, datum: string,
  vast: VasteMatch[] = [],
): RegioInstance {
  const voorwaardelijk = new Map<number, number>();
  for (const v of vragen) if (v.huidige_kavel_id !== null) voorwaardelijk.set(v.huidige_kavel_id, v.id);
  const vrij = new Set([...voorwaardelijk.keys()]);
  const vasteVragen = new Set(vast.map((f) => f.vraag_id));
  const opties: RegioInstance['opties'] = [];
  const redenen = new Map<number, string | null>();
  for (const v of vragen) {
    if (vasteVragen.has(v.id)) continue;
    const res = kandidatenVoor(v, { kavels, buren, inst, vandaag: datum, filter: { voorwaardelijk: vrij }, metToelichting: false });
    redenen.set(v.id, res.reden_geen_kandidaten);
    for (const k of res.kandidaten.slice(0, Math.max(1, Math.floor(inst.max_opties_per_vraag)))) {
      opties.push({ vraag_id: v.id, kavel_ids: k.kavel_ids, score: k.score });
    }
  }
  return {
    vragen: vragen.map((v) => ({ id: v.id, voorrang: v.voorrang, huidige_kavel_id: v.huidige_kavel_id, reden_geen_kandidaten: redenen.get(v.id) ?? null })),
    opties,
    vast,
    voorwaardelijk,
    voorrang_factor: inst.voorrang_factor,
  };
}

/** Accepted matches of open requests (their kavels in optie): fixed in the regional model. */
export async function laadLopendeMatches(db: Pick<pg.Pool, 'query'>): Promise<VasteMatch[]> {
  const { rows } = await db.query(
    `SELECT m.id AS match_id, m.ruimtevraag_id AS vraag_id, m.status, m.score,
            array_agg(mk.kavel_id ORDER BY mk.kavel_id) AS kavel_ids
     FROM match m JOIN match_kavel mk ON mk.match_id = m.id AND mk.actief
     JOIN ruimtevraag r ON r.id = m.ruimtevraag_id AND r.status IN ('open', 'in_behandeling')
     GROUP BY m.id ORDER BY m.id`);
  return rows.map((r) => ({ match_id: r.match_id, vraag_id: r.vraag_id, status: r.status, score: r.score === null ? null : Number(r.score),
    kavel_ids: (r.kavel_ids as unknown[]).map(Number) }));
}

/** HiGHS on the instance in the worker thread, so the server keeps answering while it solves. */
export async function solveRegioInThread(instance: RegioInstance, tijdslimiet_s: number) {
  const started = performance.now();
  const { lp, variabelen } = bouwModel(instance);
  const res = variabelen.length > 0 ? await solveInThread(lp, highsOpties(tijdslimiet_s)) : null;
  return uitOplossing(instance, variabelen, res, performance.now() - started);
}

export async function regioToewijzing(pool: Pick<pg.Pool, 'query'>, inst: Instellingen, datum = vandaag()) {
  const vragen = await laadOpenVragen(pool);
  const kavels = await laadKavels(pool, true);
  const buren = await laadBuren(pool, kavels.map((k) => k.id));
  const vast = await laadLopendeMatches(pool);
  const opbouwStart = performance.now();
  const instance = bouwRegioInstance(vragen, kavels, buren, inst, datum, vast);
  const opbouwMs = performance.now() - opbouwStart;
  const optimaal = await solveRegioInThread(instance, inst.max_rekentijd_s);
  const basis = gretig(instance);
  return {
    instance, vragen, kavels,
    samenvatting: {
      vragen: vragen.length, kavels: kavels.length, opties: instance.opties.length, vast: vast.length, peildatum: datum,
      opbouw_ms: Math.round(opbouwMs), voorrang_factor: inst.voorrang_factor, gewichten: inst.gewichten, tolerantie: inst.tolerantie,
      tie_break: TIE_BREAK,
      doel: 'Maximaliseer de som van de scores (0–100) van de toegewezen vragen; voorrangsvragen tellen × voorrang_factor. ' +
        'Elke kavel hooguit één keer; een kavel van een vragend bedrijf komt alleen vrij als dat bedrijf zelf een andere kavel krijgt. '
        + 'Lopende matches (kavels in optie) liggen vast: hun kavels zijn bezet en hun vragen zijn vervuld.',
    },
    optimaal,
    gretig: basis,
  };
}
