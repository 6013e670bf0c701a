// The score of a candidate (one kavel, or adjacent kavels merged) for a request:
// seven criteria, each 0..1 with a Dutch explanation, weighted into 0..100
// (domain brief §6 C11). Pure; the regional model scores hundreds of thousands of
// candidates, so the number alone is computed without building any text.
import {
  bovengrens, CRITERIA, type Criterium, type Instellingen, type MatchKavel, type MatchVraag,
} from './matching-model.ts';
import { datumLang } from './dates.ts';
import { aantal } from './nl-tekst.ts';

export const CRITERIUM_LABEL: Record<Criterium, string> = {
  omvang: 'Omvang',
  planstatus: 'Planstatus (hard boven zacht)',
  timing: 'Beschikbaar op tijd',
  gemeente: 'Gewenste gemeente',
  afstand: 'Afstand tot huidige locatie',
  arbeidsplaatsen: 'Arbeidsplaatsen per hectare',
  milieuruimte: 'Milieucategorie passend (niet te zwaar)',
};

export interface CriteriumUitslag {
  criterium: Criterium;
  label: string;
  /** 0..1 */
  score: number;
  gewicht: number;
  /** Share of the total score (0..100) this criterion contributes. */
  bijdrage: number;
  toelichting: string;
}

export interface ScoreContext {
  inst: Instellingen;
  /** ISO date of "today" (passed in so results are reproducible). */
  vandaag: string;
  /** The requester's current location (RD New), when known. */
  huidig: { x: number; y: number } | null;
}

const EPS = 1e-9;
export const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const ha1 = (ha: number) => (Math.round(ha * 100) / 100).toLocaleString('nl-NL', { maximumFractionDigits: 2 });
const pct = (x: number) => `${Math.round(x * 100)}%`;

const tijdstippen = new Map<string, number>();
/** Date.parse, memoised: the same few dates recur for every candidate. */
function tijdstip(iso: string): number {
  let t = tijdstippen.get(iso);
  if (t === undefined) {
    t = Date.parse(iso);
    if (tijdstippen.size > 10_000) tijdstippen.clear();
    tijdstippen.set(iso, t);
  }
  return t;
}
const days = (a: string, b: string) => (tijdstip(b) - tijdstip(a)) / 86_400_000;

/** What the criteria are computed from: the set's totals, summed in the set's order. */
interface Meting {
  ha: number;
  hardHa: number;
  cx: number;
  cy: number;
  headroomSum: number;
  /** The latest `beschikbaar_vanaf` (ms since 1970, as Date.parse); -Infinity when every kavel is available now. */
  vanafMax: number;
  gemeenteOk: boolean;
}

/**
 * Candidate sets with their totals in flat arrays: the regional model scores
 * millions of (request, set) pairs, and a request changes only how the totals are
 * weighed, so each set's kavels are summed once, here, and not again for every
 * request. The caller numbers the sets so that a request reads them nearly in
 * order (server/matching/kandidaat-queries.ts). Only the milieucategorie
 * headroom depends on the request's category: summed once per category asked for.
 * Every total is summed over the set's kavels in the set's own order, so a set
 * scores the same here as alone (scoreSet).
 */
export interface SetTabel {
  /** The kavel ids of each set, as given. */
  ids: readonly number[][];
  /** Per set: */
  ha: Float64Array;
  /** Area with hard planning capacity. */
  hardHa: Float64Array;
  /** Σ x·ha and Σ y·ha (RD New). */
  xHa: Float64Array;
  yHa: Float64Array;
  /** The latest `beschikbaar_vanaf` (Date.parse); -Infinity when every kavel is available now. */
  vanafMax: Float64Array;
  /** The gemeente of every kavel in the set; NaN when they lie in more than one. */
  gemeente: Float64Array;
  /** The sets' kavels, for the headroom and mixed gemeenten. */
  kavels: readonly (readonly MatchKavel[])[];
  /** Σ (mc_max − mc)·ha per set, per milieucategorie asked for (filled when first asked). */
  headroom: Map<number, Float64Array>;
}

/** The table of these sets (each a list of kavels; a kavel may be in many sets). */
export function setTabel(sets: readonly (readonly MatchKavel[])[]): SetTabel {
  const n = sets.length;
  const t: SetTabel = {
    ids: sets.map((set) => set.map((k) => k.id)), kavels: sets, headroom: new Map(),
    ha: new Float64Array(n), hardHa: new Float64Array(n), xHa: new Float64Array(n), yHa: new Float64Array(n),
    vanafMax: new Float64Array(n), gemeente: new Float64Array(n),
  };
  sets.forEach((set, s) => {
    let ha = 0, hardHa = 0, xHa = 0, yHa = 0, vanafMax = -Infinity;
    for (const k of set) {
      ha += k.ha;
      if (k.planstatus === 'hard') hardHa += k.ha;
      xHa += k.x * k.ha;
      yHa += k.y * k.ha;
      const vanaf = k.beschikbaar_vanaf ? tijdstip(k.beschikbaar_vanaf) : -Infinity;
      if (vanaf > vanafMax) vanafMax = vanaf;
    }
    t.ha[s] = ha;
    t.hardHa[s] = hardHa;
    t.xHa[s] = xHa;
    t.yHa[s] = yHa;
    t.vanafMax[s] = vanafMax;
    t.gemeente[s] = set.length > 0 && set.every((k) => k.gemeente_id === set[0].gemeente_id) ? set[0].gemeente_id : NaN;
  });
  return t;
}

/** Σ (mc_max − mc)·ha of every set of the table, for milieucategorie mc. */
function headroomVan(t: SetTabel, mc: number): Float64Array {
  let h = t.headroom.get(mc);
  if (!h) {
    h = new Float64Array(t.kavels.length);
    for (let s = 0; s < h.length; s++) {
      let som = 0;
      for (const k of t.kavels[s]) som += (k.mc_max - mc) * k.ha;
      h[s] = som;
    }
    t.headroom.set(mc, h);
  }
  return h;
}

/** A Date.parse of a date back to its ISO date. */
const isoDag = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * What a request's score needs, worked out once per request: the regional model
 * scores thousands of sets for each.
 */
export interface ScoreVraag {
  v: MatchVraag;
  ctx: ScoreContext;
  /** The weights in the order of CRITERIA, and their sum. */
  gewichten: number[];
  totaal: number;
  /** The largest area that still fits. */
  top: number;
  /** The wanted start (today when none) as Date.parse. */
  gewenstMs: number;
  /** Today as Date.parse. */
  vandaagMs: number;
  /** Days from the wanted start to the latest wanted date, when that is later. */
  periode: number | null;
  /** The wanted gemeenten; null: no preference. */
  gemeenten: ReadonlySet<number> | null;
}

export function scoreVraag(v: MatchVraag, ctx: ScoreContext): ScoreVraag {
  const gewenst = v.gewenst_vanaf ?? ctx.vandaag;
  return {
    v, ctx, gewichten: CRITERIA.map((c) => ctx.inst.gewichten[c]), totaal: CRITERIA.reduce((s, c) => s + ctx.inst.gewichten[c], 0),
    top: bovengrens(v, ctx.inst), gewenstMs: tijdstip(gewenst), vandaagMs: tijdstip(ctx.vandaag),
    periode: v.gewenst_tot && v.gewenst_tot > gewenst ? days(gewenst, v.gewenst_tot) : null,
    gemeenten: v.gewenste_gemeente_ids.length ? new Set(v.gewenste_gemeente_ids) : null,
  };
}

function meet(p: ScoreVraag, t: SetTabel, s: number): Meting {
  const g = t.gemeente[s];
  const gemeenteOk = !p.gemeenten || (Number.isNaN(g) ? t.kavels[s].every((k) => p.gemeenten!.has(k.gemeente_id)) : p.gemeenten.has(g));
  return {
    ha: t.ha[s], hardHa: t.hardHa[s], cx: t.xHa[s], cy: t.yHa[s], headroomSum: headroomVan(t, p.v.mc)[s],
    vanafMax: t.vanafMax[s], gemeenteOk,
  };
}

/** The seven criterion scores (0..1), in the order of CRITERIA, written into `uit`. */
function criteriumScores(p: ScoreVraag, m: Meting, uit: Float64Array): void {
  const { v, ctx } = p;
  const { inst } = ctx;
  // omvang: full marks within [min, max]; above max down to 0,5 at the tolerance limit.
  uit[0] = m.ha <= v.max_ha + EPS ? 1
    : p.top > v.max_ha ? 1 - 0.5 * Math.min(1, (m.ha - v.max_ha) / (p.top - v.max_ha)) : 0.5;
  // planstatus: the share of hard planning capacity.
  uit[1] = m.ha > 0 ? m.hardHa / m.ha : 0;
  // timing: available by the wanted start, less the later it comes free before the latest date.
  const vanaf = m.vanafMax > -Infinity ? m.vanafMax : p.vandaagMs;
  uit[2] = vanaf <= p.gewenstMs ? 1 : p.periode !== null ? Math.max(0, 1 - (vanaf - p.gewenstMs) / 86_400_000 / p.periode) : 0.5;
  // gemeente: in a wanted gemeente (or no preference).
  uit[3] = p.gemeenten === null || m.gemeenteOk ? 1 : 0;
  // afstand: near the current location.
  uit[4] = !ctx.huidig ? 0.5 : inst.afstand_max_km > 0 ? Math.max(0, 1 - afstandKm(m, ctx.huidig) / inst.afstand_max_km) : 0;
  // arbeidsplaatsen: jobs per hectare against the norm.
  uit[5] = arbeidsplaatsenBekend(v, m, inst) ? Math.min(1, v.arbeidsplaatsen / m.ha / inst.arbeidsplaatsen_norm_per_ha) : 0.5;
  // milieuruimte: a light activity on a heavy plot wastes scarce heavy space.
  uit[6] = inst.milieuruimte_stappen > 0 ? Math.max(0, 1 - headroom(m) / inst.milieuruimte_stappen) : 1;
}

const afstandKm = (m: Meting, h: { x: number; y: number }) => Math.hypot(m.cx / (m.ha || 1) - h.x, m.cy / (m.ha || 1) - h.y) / 1000;
const arbeidsplaatsenBekend = (v: MatchVraag, m: Meting, inst: Instellingen): v is MatchVraag & { arbeidsplaatsen: number } =>
  v.arbeidsplaatsen !== null && m.ha > 0 && inst.arbeidsplaatsen_norm_per_ha > 0;
const headroom = (m: Meting) => m.headroomSum / (m.ha || 1);

/** The Dutch explanation of one criterion's score. */
function toelichting(c: Criterium, score: number, v: MatchVraag, m: Meting, ctx: ScoreContext): string {
  const { inst } = ctx;
  switch (c) {
    case 'omvang':
      return m.ha <= v.max_ha + EPS
        ? `${ha1(m.ha)} ha valt binnen de gevraagde ${ha1(v.min_ha)}–${ha1(v.max_ha)} ha.`
        : `${ha1(m.ha)} ha is ${ha1(m.ha - v.max_ha)} ha meer dan de gevraagde ${ha1(v.max_ha)} ha (binnen de tolerantie van ${pct(inst.tolerantie)}).`;
    case 'planstatus':
      return score >= 1 - EPS ? 'Harde plancapaciteit: planologisch geregeld.'
        : score <= EPS ? 'Zachte plancapaciteit: nog niet planologisch geregeld.'
        : `${pct(score)} van de oppervlakte is harde plancapaciteit.`;
    case 'timing': {
      const vanaf = m.vanafMax > -Infinity ? isoDag(m.vanafMax) : ctx.vandaag;
      const gewenst = v.gewenst_vanaf ?? ctx.vandaag;
      if (vanaf <= gewenst) return `Beschikbaar vanaf ${datumLang(vanaf)}, op tijd voor de gewenste start ${datumLang(gewenst)}.`;
      if (v.gewenst_tot && v.gewenst_tot > gewenst) {
        return `Beschikbaar vanaf ${datumLang(vanaf)}: ${aantal(Math.round(days(gewenst, vanaf)), 'dag', 'dagen')} na de gewenste start ${datumLang(gewenst)} (uiterlijk ${datumLang(v.gewenst_tot)}).`;
      }
      return `Beschikbaar vanaf ${datumLang(vanaf)}, na de gewenste start ${datumLang(gewenst)}.`;
    }
    case 'gemeente':
      if (v.gewenste_gemeente_ids.length === 0) return 'Geen voorkeur voor een gemeente opgegeven.';
      return m.gemeenteOk ? 'Ligt in een gewenste gemeente.' : 'Ligt niet in een gewenste gemeente.';
    case 'afstand':
      if (!ctx.huidig) return 'Geen huidige locatie bekend: neutrale score.';
      return `${(Math.round(afstandKm(m, ctx.huidig) * 10) / 10).toLocaleString('nl-NL')} km van de huidige locatie (score 0 vanaf ${inst.afstand_max_km} km).`;
    case 'arbeidsplaatsen':
      if (!arbeidsplaatsenBekend(v, m, inst)) return 'Aantal arbeidsplaatsen onbekend: neutrale score.';
      return `${Math.round(v.arbeidsplaatsen / m.ha)} arbeidsplaatsen per hectare; norm ${inst.arbeidsplaatsen_norm_per_ha}.`;
    case 'milieuruimte': {
      const h = headroom(m);
      return h <= EPS ? 'De kavel laat precies de gevraagde milieucategorie toe.'
        : `De kavel laat gemiddeld ${(Math.round(h * 10) / 10).toLocaleString('nl-NL')} stap(pen) zwaardere milieucategorie toe dan nodig; zware ruimte is schaars.`;
    }
  }
}

/** The share of the total score (0..100) of the i-th criterion, rounded as the total is summed. */
const bijdrageVan = (p: ScoreVraag, i: number, score: number) =>
  p.totaal > 0 ? round4((100 * p.gewichten[i] * score) / p.totaal) : 0;

/** The weighted score (0..100) of set s of the table for a request, without explanations (its area: `t.ha[s]`). */
export function scoreGetal(p: ScoreVraag, t: SetTabel, s: number): number {
  criteriumScores(p, meet(p, t, s), kladblok);
  let sum = 0;
  for (let i = 0; i < kladblok.length; i++) sum += bijdrageVan(p, i, kladblok[i]);
  return round4(sum);
}
const kladblok = new Float64Array(CRITERIA.length);

/** The weighted score of a set of kavels for a request, with the reasoning per criterion. */
export function scoreSet(v: MatchVraag, set: readonly MatchKavel[], ctx: ScoreContext): { score: number; criteria: CriteriumUitslag[] } {
  const p = scoreVraag(v, ctx);
  const m = meet(p, setTabel([set]), 0);
  const scores = new Float64Array(CRITERIA.length);
  criteriumScores(p, m, scores);
  const criteria = CRITERIA.map((c, i): CriteriumUitslag => {
    const score = scores[i];
    return {
      criterium: c, label: CRITERIUM_LABEL[c], score: round4(score), gewicht: p.gewichten[i],
      bijdrage: bijdrageVan(p, i, score), toelichting: toelichting(c, score, v, m, ctx),
    };
  });
  return { score: round4(criteria.reduce((s, c) => s + c.bijdrage, 0)), criteria };
}
