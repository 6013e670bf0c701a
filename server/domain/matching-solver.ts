// Regional assignment of all open requests at once (issue #6): maximise the total
// score — voorrang weighs extra — with every kavel used at most once, and a kavel
// that a requesting company occupies available only when that company is itself
// assigned elsewhere (relocation chains, as in kidney exchange). The model builder
// and the greedy baseline are pure; `solveRegio` needs a loaded HiGHS instance.
import type { MatchStatus } from './matching-codes.ts';

export interface RegioOptie {
  vraag_id: number;
  kavel_ids: number[];
  /** 0..100, from scoreSet. */
  score: number;
}

export interface RegioVraag {
  id: number;
  voorrang: boolean;
  /** The kavel the requesting company occupies now, if any. */
  huidige_kavel_id: number | null;
  /** Dutch reason when the request has no candidate at all (from the hard filters). */
  reden_geen_kandidaten?: string | null;
}

/**
 * A running match (accepted: its kavels are in optie). Fixed in the model: its kavels
 * are taken, its request counts as satisfied — so the kavel its company leaves is free
 * for others — and it appears in the result as it is, not as a new assignment.
 */
export interface VasteMatch {
  match_id: number;
  vraag_id: number;
  kavel_ids: number[];
  status: MatchStatus;
  score: number | null;
}

export interface RegioInstance {
  vragen: RegioVraag[];
  opties: RegioOptie[];
  /** Running matches, fixed in the model. */
  vast?: VasteMatch[];
  /**
   * Kavels in use by a requesting company (kavel id → ruimtevraag id): usable by
   * others only if that request is assigned. Kavels not listed are free.
   */
  voorwaardelijk: ReadonlyMap<number, number>;
  voorrang_factor: number;
}

export interface Toewijzing {
  vraag_id: number;
  kavel_ids: number[];
  score: number;
  /** Score × voorrang factor: the request's term in the objective. */
  gewogen_score: number;
}

export interface KetenStap {
  vraag_id: number;
  naar_kavel_ids: number[];
  /** The kavel this move frees, when the company had one. */
  vrijgekomen_kavel_id: number | null;
  /** Set when this move is a running match (fixed), not a new assignment. */
  match_id?: number;
}

export interface Keten {
  /** In order of execution: each move frees the kavel the next one takes. */
  stappen: KetenStap[];
  /** True for a closed cycle (companies swap kavels; needs temporary space or simultaneous moves). */
  cyclus: boolean;
}

export interface NietToegewezen {
  vraag_id: number;
  reden: string;
}

export interface RegioUitkomst {
  methode: 'highs' | 'gretig';
  status: string;
  doelwaarde: number;
  toewijzingen: Toewijzing[];
  /** Running matches the model kept as they are. */
  vast: VasteMatch[];
  ketens: Keten[];
  niet_toegewezen: NietToegewezen[];
  rekentijd_ms: number;
  /**
   * HiGHS's relative MIP gap, (bound − objective) / objective: 0 when proved optimal,
   * larger when the time limit stopped the search. Absent when not reported.
   */
  gap?: number;
}

/** A request as the regional model sees it, with its best options (from matching-kandidaten.ts). */
export interface RegioInvoerVraag {
  id: number;
  voorrang: boolean;
  huidige_kavel_id: number | null;
}

/**
 * The solver instance: every open request with its best options, the running matches
 * fixed, and the kavels of requesting companies available only when that company is
 * assigned. `opties` and `redenen` per request id; a request with a running match has none.
 */
export function regioInstance(
  vragen: readonly RegioInvoerVraag[], opties: ReadonlyMap<number, readonly { kavel_ids: number[]; score: number }[]>,
  redenen: ReadonlyMap<number, string | null>, vast: VasteMatch[], voorrang_factor: number,
): RegioInstance {
  const voorwaardelijk = new Map<number, number>();
  for (const v of vragen) if (v.huidige_kavel_id !== null) voorwaardelijk.set(v.huidige_kavel_id, v.id);
  const vasteVragen = new Set(vast.map((f) => f.vraag_id));
  return {
    vragen: vragen.map((v) => ({ id: v.id, voorrang: v.voorrang, huidige_kavel_id: v.huidige_kavel_id, reden_geen_kandidaten: redenen.get(v.id) ?? null })),
    opties: vragen.filter((v) => !vasteVragen.has(v.id))
      .flatMap((v) => (opties.get(v.id) ?? []).map((o) => ({ vraag_id: v.id, kavel_ids: o.kavel_ids, score: o.score }))),
    vast,
    voorwaardelijk,
    voorrang_factor,
  };
}

const gewicht = (inst: RegioInstance, v: RegioVraag | undefined) => (v?.voorrang ? inst.voorrang_factor : 1);
const coef = (x: number) => Number(x.toFixed(6));

/** Requests and kavels of the running matches. */
function vastVan(inst: RegioInstance) {
  const vast = inst.vast ?? [];
  return { vragen: new Set(vast.map((f) => f.vraag_id)), kavels: new Set(vast.flatMap((f) => f.kavel_ids)) };
}

/**
 * The requester that must move before kavel k is free, if any. A company whose
 * match is running counts as moving: its kavel is free.
 */
function bezetter(inst: RegioInstance, k: number, vast = vastVan(inst)): number | undefined {
  const occupant = inst.voorwaardelijk.get(k);
  return occupant !== undefined && !vast.vragen.has(occupant) ? occupant : undefined;
}

/**
 * The options that may appear in the model: none for a request with a running match,
 * none on a kavel a running match holds, none on the requester's own kavel.
 */
function geldigeOpties(inst: RegioInstance) {
  const vragen = new Map(inst.vragen.map((v) => [v.id, v]));
  const vast = vastVan(inst);
  return inst.opties
    .map((o, i) => ({ o, i }))
    .filter(({ o }) => vragen.has(o.vraag_id) && !vast.vragen.has(o.vraag_id) && !o.kavel_ids.some((k) => vast.kavels.has(k))
      && !o.kavel_ids.includes(vragen.get(o.vraag_id)!.huidige_kavel_id ?? -1));
}

/**
 * The MIP as HiGHS's structured input: column j is option `variabelen[j]` (binary),
 * row i is `Σ waarde·x ≤ bovengrens[i]`, its entries at start[i]..start[i+1] (CSR).
 *   max Σ w_r·score_o·x_o
 *   Σ_{o of r} x_o ≤ 1                               for every request r         (row v<r>)
 *   Σ_{o ∋ k} x_o ≤ 1                                for every free kavel k      (row k<k>)
 *   Σ_{o ∋ k} x_o − Σ_{o of r(k)} x_o ≤ 0            for a kavel k occupied by requester r(k)
 * A row with a single +1 entry is left out: the column's bound says the same.
 */
export interface RegioMatrix {
  /** The option (index into `inst.opties`) of each column. */
  variabelen: number[];
  /** Objective coefficient of each column (maximised). */
  kosten: Float64Array;
  /** Row names, for the LP text: v<request id> and k<kavel id>. */
  rijen: string[];
  bovengrens: Float64Array;
  start: Int32Array;
  kolom: Int32Array;
  waarde: Float64Array;
}

export function bouwMatrix(inst: RegioInstance): RegioMatrix {
  const vragen = new Map(inst.vragen.map((v) => [v.id, v]));
  const opties = geldigeOpties(inst);
  // Columns in option order; the rows list column numbers.
  const perVraag = new Map<number, number[]>();
  const perKavel = new Map<number, number[]>();
  const kosten = new Float64Array(opties.length);
  opties.forEach(({ o }, j) => {
    kosten[j] = coef(o.score * gewicht(inst, vragen.get(o.vraag_id)));
    (perVraag.get(o.vraag_id) ?? perVraag.set(o.vraag_id, []).get(o.vraag_id)!).push(j);
    for (const k of o.kavel_ids) (perKavel.get(k) ?? perKavel.set(k, []).get(k)!).push(j);
  });
  const rijen: string[] = [];
  const bovengrens: number[] = [];
  const start = [0];
  const kolom: number[] = [];
  const waarde: number[] = [];
  const rij = (naam: string, plus: readonly number[], min: readonly number[], rhs: number) => {
    rijen.push(naam);
    bovengrens.push(rhs);
    for (const j of plus) { kolom.push(j); waarde.push(1); }
    for (const j of min) { kolom.push(j); waarde.push(-1); }
    start.push(kolom.length);
  };
  for (const [r, cols] of [...perVraag].sort((a, b) => a[0] - b[0])) if (cols.length > 1) rij(`v${r}`, cols, [], 1);
  const vast = vastVan(inst);
  for (const [k, cols] of [...perKavel].sort((a, b) => a[0] - b[0])) {
    const occupant = bezetter(inst, k, vast);
    if (occupant !== undefined) rij(`k${k}`, cols, perVraag.get(occupant) ?? [], 0);
    else if (cols.length > 1) rij(`k${k}`, cols, [], 1);
  }
  return {
    variabelen: opties.map(({ i }) => i), kosten, rijen, bovengrens: Float64Array.from(bovengrens),
    start: Int32Array.from(start), kolom: Int32Array.from(kolom), waarde: Float64Array.from(waarde),
  };
}

/** The same model in CPLEX LP format (variable x<i> = option i chosen), for HiGHS's one-call `solve`. */
export function lpTekst(m: RegioMatrix): string {
  const naam = (j: number) => `x${m.variabelen[j]}`;
  const lines: string[] = ['Maximize', ' obj:'];
  m.kosten.forEach((c, j) => lines.push(`  + ${c} ${naam(j)}`));
  if (m.variabelen.length === 0) lines.push('  0 dummy');
  lines.push('Subject To');
  m.rijen.forEach((r, i) => {
    lines.push(` ${r}:`);
    for (let e = m.start[i]; e < m.start[i + 1]; e++) lines.push(`  ${m.waarde[e] > 0 ? '+' : '-'} ${naam(m.kolom[e])}`);
    lines.push(`  <= ${m.bovengrens[i]}`);
  });
  if (m.variabelen.length === 0) lines.push(' c0: dummy <= 0');
  lines.push('Bounds');
  for (let j = 0; j < m.variabelen.length; j++) lines.push(` 0 <= ${naam(j)} <= 1`);
  lines.push('Binary');
  for (let j = 0; j < m.variabelen.length; j++) lines.push(` ${naam(j)}`);
  lines.push('End');
  return lines.join('\n');
}

/** The model (see RegioMatrix) as LP text. */
export function bouwModel(inst: RegioInstance): { lp: string; variabelen: number[] } {
  const m = bouwMatrix(inst);
  return { lp: lpTekst(m), variabelen: m.variabelen };
}

/** Is this choice of options feasible (each request once, each kavel once, occupied kavels freed)? */
export function isToelaatbaar(inst: RegioInstance, gekozen: number[]): boolean {
  const vast = vastVan(inst);
  const vragen = new Set<number>();
  const kavels = new Set<number>();
  for (const i of gekozen) {
    const o = inst.opties[i];
    if (vragen.has(o.vraag_id) || vast.vragen.has(o.vraag_id)) return false;
    vragen.add(o.vraag_id);
    for (const k of o.kavel_ids) {
      if (kavels.has(k) || vast.kavels.has(k)) return false;
      kavels.add(k);
    }
  }
  for (const k of kavels) {
    const occupant = bezetter(inst, k, vast);
    if (occupant !== undefined && !vragen.has(occupant)) return false;
  }
  const huidige = new Map(inst.vragen.map((v) => [v.id, v.huidige_kavel_id]));
  return gekozen.every((i) => !inst.opties[i].kavel_ids.includes(huidige.get(inst.opties[i].vraag_id) ?? -1));
}

/** What HiGHS answers (the `highs` npm package). */
export interface HighsOplossing {
  Status: string;
  ObjectiveValue: number;
  Columns: Record<string, { Primal: number }>;
  /** Reported by the worker thread (server/matching/highs-worker.mjs). */
  mip_gap?: number | null;
  /** The best bound HiGHS proved on the objective. */
  mip_dual_bound?: number | null;
}

/** What the worker thread answers to a RegioMatrix: the value of each column, by position. */
export type MatrixOplossing = Omit<HighsOplossing, 'Columns'> & { colValue: Float64Array };

/** Minimal HiGHS interface (the `highs` npm package). */
export interface HighsLike {
  solve(lp: string, options?: Record<string, unknown>): HighsOplossing;
}

/**
 * Solver options: exact (gap 0), one thread and a fixed seed so the same input gives the
 * same answer. Presolve and the root reduced-cost heuristic are off: on this model (set
 * packing, every coefficient 1) presolve removes little and the heuristic's sub-MIP was
 * most of the solve. Measured on synthetic data, same optimum: 1,000 × 10,000 from
 * 4.1–6.2 s to 0.9–1.5 s (two seeds), 3,000 × 30,000 from 43–47 s to 6.2–7.1 s.
 */
export const highsOpties = (tijdslimiet_s = 30): Record<string, unknown> => ({
  time_limit: tijdslimiet_s, mip_rel_gap: 0, random_seed: 0, output_flag: false, threads: 1,
  presolve: 'off', mip_heuristic_run_root_reduced_cost: false,
});

/**
 * The outcome from HiGHS's answer to `bouwModel` or `bouwMatrix` (null: the model had no variables).
 * Given the start it was handed (`start`: chosen options), never worse than that:
 * a time limit can stop HiGHS before it has even taken the start in.
 */
export function uitOplossing(
  inst: RegioInstance, variabelen: number[], res: HighsOplossing | MatrixOplossing | null, ms: number, start: number[] = [],
): RegioUitkomst {
  const waarde = !res ? () => 0
    : 'colValue' in res ? (_: number, j: number) => res.colValue[j]
    : (i: number) => res.Columns[`x${i}`]?.Primal ?? 0;
  const gekozen = variabelen.filter((i, j) => waarde(i, j) > 0.5);
  let uit = uitkomst(inst, 'highs', res?.Status ?? 'Optimal', gekozen, ms);
  if (start.length) {
    const vanStart = uitkomst(inst, 'highs', res?.Status ?? 'Optimal', start, ms);
    if (vanStart.doelwaarde > uit.doelwaarde) uit = vanStart;
  }
  if (!res) return { ...uit, gap: 0 };
  // The gap of what is reported, against the bound HiGHS proved.
  const bound = res.mip_dual_bound;
  if (typeof bound === 'number' && Number.isFinite(bound) && uit.doelwaarde > 0) {
    return { ...uit, gap: res.Status === 'Optimal' ? 0 : Math.max(0, Number(((bound - uit.doelwaarde) / uit.doelwaarde).toFixed(6))) };
  }
  return typeof res.mip_gap === 'number' && Number.isFinite(res.mip_gap) ? { ...uit, gap: res.mip_gap } : uit;
}

export function solveRegio(highs: HighsLike, inst: RegioInstance, opts: { tijdslimiet_s?: number } = {}): RegioUitkomst {
  const started = performance.now();
  const { lp, variabelen } = bouwModel(inst);
  const res = variabelen.length > 0 ? highs.solve(lp, highsOpties(opts.tijdslimiet_s)) : null;
  return uitOplossing(inst, variabelen, res, performance.now() - started);
}

/**
 * The one-at-a-time baseline: requests in a fixed order (voorrang first, then best
 * candidate score, then id) each take their best option still free; repeated until
 * nothing changes, so a kavel freed by a move can serve a later request.
 */
export function gretig(inst: RegioInstance): RegioUitkomst {
  const started = performance.now();
  return uitkomst(inst, 'gretig', 'Heuristiek', gretigeKeuze(inst), performance.now() - started);
}

/** The options the greedy baseline chooses (indexes into `inst.opties`): a feasible start for HiGHS. */
export function gretigeKeuze(inst: RegioInstance): number[] {
  const opties = geldigeOpties(inst);
  const perVraag = new Map<number, number[]>();
  for (const { o, i } of opties) (perVraag.get(o.vraag_id) ?? perVraag.set(o.vraag_id, []).get(o.vraag_id)!).push(i);
  for (const idx of perVraag.values()) idx.sort((a, b) => inst.opties[b].score - inst.opties[a].score || a - b);
  const best = (r: number) => inst.opties[perVraag.get(r)?.[0] ?? -1]?.score ?? -1;
  const vast = vastVan(inst);
  const volgorde = inst.vragen.filter((v) => !vast.vragen.has(v.id))
    .sort((a, b) => Number(b.voorrang) - Number(a.voorrang) || best(b.id) - best(a.id) || a.id - b.id);
  const bezet = new Set<number>();
  const toegewezen = new Set<number>();
  const gekozen: number[] = [];
  for (let changed = true; changed;) {
    changed = false;
    for (const v of volgorde) {
      if (toegewezen.has(v.id)) continue;
      const pick = (perVraag.get(v.id) ?? []).find((i) => inst.opties[i].kavel_ids.every((k) => {
        if (bezet.has(k)) return false;
        const occupant = bezetter(inst, k, vast);
        return occupant === undefined || toegewezen.has(occupant);
      }));
      if (pick === undefined) continue;
      gekozen.push(pick);
      toegewezen.add(v.id);
      for (const k of inst.opties[pick].kavel_ids) bezet.add(k);
      changed = true;
    }
  }
  return gekozen;
}

function uitkomst(inst: RegioInstance, methode: RegioUitkomst['methode'], status: string, gekozen: number[], ms: number): RegioUitkomst {
  const vragen = new Map(inst.vragen.map((v) => [v.id, v]));
  const vast = vastVan(inst);
  const toewijzingen = gekozen.map((i): Toewijzing => {
    const o = inst.opties[i];
    return { vraag_id: o.vraag_id, kavel_ids: o.kavel_ids, score: o.score, gewogen_score: coef(o.score * gewicht(inst, vragen.get(o.vraag_id))) };
  }).sort((a, b) => a.vraag_id - b.vraag_id);
  const assigned = new Set(toewijzingen.map((t) => t.vraag_id));
  const used = new Set(toewijzingen.flatMap((t) => t.kavel_ids));
  const geldig = geldigeOpties(inst).map(({ o }) => o);
  const niet_toegewezen = inst.vragen.filter((v) => !assigned.has(v.id) && !vast.vragen.has(v.id)).sort((a, b) => a.id - b.id).map((v): NietToegewezen => {
    const opts = geldig.filter((o) => o.vraag_id === v.id);
    if (opts.length === 0) {
      const alleenInOptie = inst.opties.some((o) => o.vraag_id === v.id && o.kavel_ids.some((k) => vast.kavels.has(k)));
      return { vraag_id: v.id, reden: alleenInOptie
        ? 'De passende kavels zijn in optie voor een lopende match.'
        : v.reden_geen_kandidaten ?? 'Geen kavel voldoet aan de harde eisen.' };
    }
    const blockedByOccupant = opts.every((o) => o.kavel_ids.some((k) => {
      const occupant = bezetter(inst, k, vast);
      return !used.has(k) && occupant !== undefined && !assigned.has(occupant);
    }));
    if (blockedByOccupant) {
      return { vraag_id: v.id, reden: 'De passende kavels komen pas vrij als het bedrijf dat er nu zit verhuist; dat bedrijf krijgt in deze toewijzing geen andere kavel.' };
    }
    return { vraag_id: v.id, reden: `Alle ${opts.length} passende kandidaat(-combinaties) gaan naar andere vragen; zo is de totaalscore van de regio het hoogst.` };
  });
  const doelwaarde = coef(toewijzingen.reduce((s, t) => s + t.gewogen_score, 0));
  return {
    methode, status, doelwaarde, toewijzingen, vast: inst.vast ?? [], ketens: ketens(inst, toewijzingen), niet_toegewezen,
    rekentijd_ms: Math.round(ms * 10) / 10,
  };
}

/**
 * Relocation chains in an assignment: a move into a free kavel frees the mover's
 * old kavel for the next company, and so on. Moves that take no occupied kavel
 * and free none are not chains. Closed loops (swaps) are reported as cycles.
 */
export function ketens(inst: RegioInstance, toewijzingen: Toewijzing[]): Keten[] {
  const vragen = new Map(inst.vragen.map((v) => [v.id, v]));
  // Moves: the new assignments and the running matches (a running match can head a chain).
  const zetten = [
    ...toewijzingen.map((t) => ({ vraag_id: t.vraag_id, kavel_ids: t.kavel_ids, match_id: undefined as number | undefined })),
    ...(inst.vast ?? []).map((f) => ({ vraag_id: f.vraag_id, kavel_ids: f.kavel_ids, match_id: f.match_id as number | undefined })),
  ].sort((a, b) => a.vraag_id - b.vraag_id);
  const byVraag = new Map(zetten.map((t) => [t.vraag_id, t]));
  // who takes kavel k (only occupied kavels matter)
  const nemer = new Map<number, number>();
  for (const t of zetten) for (const k of t.kavel_ids) if (inst.voorwaardelijk.has(k)) nemer.set(k, t.vraag_id);
  const stap = (r: number): KetenStap => {
    const oud = vragen.get(r)?.huidige_kavel_id ?? null;
    const zet = byVraag.get(r)!;
    return {
      vraag_id: r, naar_kavel_ids: zet.kavel_ids, vrijgekomen_kavel_id: oud !== null && inst.voorwaardelijk.get(oud) === r ? oud : null,
      ...(zet.match_id !== undefined ? { match_id: zet.match_id } : {}),
    };
  };
  const volgende = (r: number): number[] => {
    const oud = vragen.get(r)?.huidige_kavel_id;
    const n = oud !== undefined && oud !== null ? nemer.get(oud) : undefined;
    return n !== undefined ? [n] : [];
  };
  const neemtBezet = (t: { kavel_ids: number[] }) => t.kavel_ids.some((k) => inst.voorwaardelijk.has(k));
  const visited = new Set<number>();
  const out: Keten[] = [];
  // Heads: moves into free kavels only, whose old kavel someone takes.
  for (const t of zetten) {
    if (neemtBezet(t) || volgende(t.vraag_id).length === 0) continue;
    const stappen: KetenStap[] = [];
    // Breadth-first over takers (a group option may take several occupied kavels).
    const queue = [t.vraag_id];
    while (queue.length) {
      const r = queue.shift()!;
      if (visited.has(r)) continue;
      visited.add(r);
      stappen.push(stap(r));
      queue.push(...volgende(r));
    }
    out.push({ stappen, cyclus: false });
  }
  // What remains among moves into occupied kavels: cycles.
  for (const t of zetten) {
    if (visited.has(t.vraag_id) || !neemtBezet(t)) continue;
    const stappen: KetenStap[] = [];
    let r: number | undefined = t.vraag_id;
    while (r !== undefined && !visited.has(r)) {
      visited.add(r);
      stappen.push(stap(r));
      r = volgende(r)[0];
    }
    out.push({ stappen, cyclus: true });
  }
  return out;
}
