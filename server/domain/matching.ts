// Matching a company's space request (ruimtevraag) to kavels, as pure rules
// (domain brief §6 C11): hard filters, merging adjacent kavels (samenvoegen),
// a weighted score with a Dutch explanation per criterion, and one fixed
// tie-break. The database supplies the facts (server/matching/); nothing here
// touches it, so every rule is unit-tested on hand-made instances.
import { datumLang } from './dates.ts';
import { aantal } from './nl-tekst.ts';

export const BESCHIKBARE_STATUS = ['beschikbaar', 'potentieel', 'vrijkomend'] as const;

export interface MatchKavel {
  id: number;
  naam?: string | null;
  terrein_id: number;
  gemeente_id: number;
  in_regio: boolean;
  status: string;
  planstatus: 'hard' | 'zacht';
  /** `milieucategorie.volgorde` of the kavel's minimum (null: no minimum) and maximum. */
  mc_min: number | null;
  mc_max: number;
  mc_min_code?: string | null;
  mc_max_code?: string;
  watergebonden: boolean;
  /** ISO date; null means available now. */
  beschikbaar_vanaf: string | null;
  ha: number;
  /** A point on the kavel in RD New (metres). */
  x: number;
  y: number;
}

export interface MatchVraag {
  id: number;
  min_ha: number;
  max_ha: number;
  /** `milieucategorie.volgorde` of the category the activity needs. */
  mc: number;
  mc_code?: string;
  watergebonden: boolean;
  gewenste_gemeente_ids: number[];
  gewenst_vanaf: string | null;
  gewenst_tot: string | null;
  voorrang: boolean;
  arbeidsplaatsen: number | null;
  huidige_kavel_id: number | null;
}

export const CRITERIA = ['omvang', 'planstatus', 'timing', 'gemeente', 'afstand', 'arbeidsplaatsen', 'milieuruimte'] as const;
export type Criterium = (typeof CRITERIA)[number];

export const CRITERIUM_LABEL: Record<Criterium, string> = {
  omvang: 'Omvang',
  planstatus: 'Planstatus (hard boven zacht)',
  timing: 'Beschikbaar op tijd',
  gemeente: 'Gewenste gemeente',
  afstand: 'Afstand tot huidige locatie',
  arbeidsplaatsen: 'Arbeidsplaatsen per hectare',
  milieuruimte: 'Milieucategorie passend (niet te zwaar)',
};

export interface Instellingen {
  gewichten: Record<Criterium, number>;
  tolerantie: number;
  max_kavels_samenvoegen: number;
  afstand_max_km: number;
  arbeidsplaatsen_norm_per_ha: number;
  milieuruimte_stappen: number;
  voorrang_factor: number;
  max_opties_per_vraag: number;
  max_rekentijd_s: number;
  scheefwerken_drempel_stappen: number;
  scheefwerken_lichte_categorie: number;
}

export const STANDAARD_INSTELLINGEN: Instellingen = {
  gewichten: { omvang: 3, planstatus: 2, timing: 2, gemeente: 2, afstand: 1, arbeidsplaatsen: 1, milieuruimte: 1 },
  tolerantie: 0.1,
  max_kavels_samenvoegen: 3,
  afstand_max_km: 15,
  arbeidsplaatsen_norm_per_ha: 50,
  milieuruimte_stappen: 4,
  voorrang_factor: 1.5,
  max_opties_per_vraag: 30,
  max_rekentijd_s: 30,
  scheefwerken_drempel_stappen: 3,
  scheefwerken_lichte_categorie: 2,
};

export type InstellingSleutel = `gewicht_${Criterium}` | Exclude<keyof Instellingen, 'gewichten'>;

/** Bounds of every setting (inclusive); `geheel`: a whole number. One table for the API, the stored values and the form. */
export interface Grens { min: number; max: number; geheel?: boolean }
export const INSTELLING_GRENZEN: Record<InstellingSleutel, Grens> = {
  ...(Object.fromEntries(CRITERIA.map((c) => [`gewicht_${c}`, { min: 0, max: 100 }])) as Record<`gewicht_${Criterium}`, Grens>),
  tolerantie: { min: 0, max: 2 },
  max_kavels_samenvoegen: { min: 1, max: 5, geheel: true },
  afstand_max_km: { min: 0.1, max: 100 },
  arbeidsplaatsen_norm_per_ha: { min: 1, max: 1000 },
  milieuruimte_stappen: { min: 1, max: 10 },
  voorrang_factor: { min: 1, max: 10 },
  max_opties_per_vraag: { min: 1, max: 500, geheel: true },
  max_rekentijd_s: { min: 1, max: 300 },
  scheefwerken_drempel_stappen: { min: 1, max: 10, geheel: true },
  scheefwerken_lichte_categorie: { min: 1, max: 10, geheel: true },
};

export const isInstelling = (k: string): k is InstellingSleutel => Object.hasOwn(INSTELLING_GRENZEN, k);

const getal = (x: number) => x.toLocaleString('nl-NL', { maximumFractionDigits: 2 });

/** Dutch message when a value is out of its setting's bounds (null when it fits). */
export function instellingFout(sleutel: InstellingSleutel, waarde: number): string | null {
  const g = INSTELLING_GRENZEN[sleutel];
  if (!Number.isFinite(waarde) || waarde < g.min || waarde > g.max) return `${sleutel} moet tussen ${getal(g.min)} en ${getal(g.max)} liggen`;
  if (g.geheel && !Number.isInteger(waarde)) return `${sleutel} moet een geheel getal zijn`;
  return null;
}

/** True when at least one criterion weighs something (else every score is 0). */
export const heeftGewicht = (inst: Instellingen) => CRITERIA.some((c) => inst.gewichten[c] > 0);

/**
 * Settings from `matching_instelling` rows (sleutel → waarde), falling back to the
 * defaults. A value outside its bounds (stored before they were enforced) is ignored.
 */
export function instellingenUit(rows: Record<string, number>, base: Instellingen = STANDAARD_INSTELLINGEN): Instellingen {
  const out: Instellingen = { ...base, gewichten: { ...base.gewichten } };
  for (const [k, v] of Object.entries(rows)) {
    if (!isInstelling(k) || instellingFout(k, v)) continue;
    if (k.startsWith('gewicht_')) out.gewichten[k.slice(8) as Criterium] = v;
    else (out as unknown as Record<string, number>)[k] = v;
  }
  return out;
}

export const TIE_BREAK = 'Hoogste score; bij gelijke score de kleinste oppervlakte boven de minimale vraag; ' +
  'dan de minste kavels; dan het laagste kavelnummer.';

// ---------------------------------------------------------------- hard filters

export type Uitsluiting = 'status' | 'eigen_kavel' | 'tijd' | 'milieucategorie_max' | 'milieucategorie_min'
  | 'watergebonden' | 'regio' | 'te_groot';

export const UITSLUITING_MELDING: Record<Uitsluiting | 'omvang', string> = {
  status: 'de kavel is niet beschikbaar, potentieel of vrijkomend',
  eigen_kavel: 'het is de huidige kavel van het bedrijf',
  tijd: 'de kavel komt pas na de gewenste periode vrij',
  milieucategorie_max: 'de milieucategorie van de vraag is zwaarder dan de kavel toelaat',
  milieucategorie_min: 'de milieucategorie van de vraag is lichter dan het minimum van de kavel',
  watergebonden: 'de vraag is watergebonden en de kavel niet',
  regio: 'de kavel ligt buiten de regio',
  te_groot: 'de kavel is groter dan de gevraagde hectares (met tolerantie)',
  omvang: 'geen kavel of combinatie van aangrenzende kavels heeft de gevraagde omvang',
};

export const bovengrens = (v: MatchVraag, inst: Instellingen) => v.max_ha * (1 + inst.tolerantie);
const EPS = 1e-9;

export interface FilterOpties {
  /** Kavels in use by a requesting company: available to others if that company moves (region model). */
  voorwaardelijk?: ReadonlySet<number>;
}

/** Why a single kavel cannot serve (part of) a request; empty when it passes every hard filter. */
export function uitsluitingen(v: MatchVraag, k: MatchKavel, inst: Instellingen, opties: FilterOpties = {}): Uitsluiting[] {
  const out: Uitsluiting[] = [];
  if (k.id === v.huidige_kavel_id) out.push('eigen_kavel');
  else if (!(BESCHIKBARE_STATUS as readonly string[]).includes(k.status) && !opties.voorwaardelijk?.has(k.id)) out.push('status');
  if (v.gewenst_tot && k.beschikbaar_vanaf && k.beschikbaar_vanaf > v.gewenst_tot) out.push('tijd');
  if (v.mc > k.mc_max) out.push('milieucategorie_max');
  if (k.mc_min !== null && v.mc < k.mc_min) out.push('milieucategorie_min');
  if (v.watergebonden && !k.watergebonden) out.push('watergebonden');
  if (!k.in_regio) out.push('regio');
  if (k.ha > bovengrens(v, inst) + EPS) out.push('te_groot');
  return out;
}

// ---------------------------------------------------------------- candidates

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

export interface Kandidaat {
  vraag_id: number;
  kavel_ids: number[];
  samengevoegd: boolean;
  oppervlakte_ha: number;
  /** 0..100 */
  score: number;
  criteria: CriteriumUitslag[];
  /** Kavels in the set that are only available when their current (requesting) user moves. */
  voorwaardelijke_kavel_ids: number[];
}

export interface KandidaatResultaat {
  kandidaten: Kandidaat[];
  /** Kavels excluded per hard filter (a kavel counts under every filter it fails). */
  uitgesloten: Partial<Record<Uitsluiting, number>>;
  /** Dutch reason when there is no candidate at all. */
  reden_geen_kandidaten: string | null;
}

const ha1 = (ha: number) => (Math.round(ha * 100) / 100).toLocaleString('nl-NL', { maximumFractionDigits: 2 });
const pct = (x: number) => `${Math.round(x * 100)}%`;
const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;

export interface ScoreContext {
  inst: Instellingen;
  /** ISO date of "today" (passed in so results are reproducible). */
  vandaag: string;
  /** The requester's current location (RD New), when known. */
  huidig: { x: number; y: number } | null;
}

/** The weighted score of a set of kavels for a request, with the reasoning per criterion. */
export function scoreSet(v: MatchVraag, set: MatchKavel[], ctx: ScoreContext, metToelichting = true): { score: number; criteria: CriteriumUitslag[] } {
  const { inst } = ctx;
  // Plain loops: this runs for every candidate set (hundreds of thousands at regional scale).
  let ha = 0, hardHa = 0, cx = 0, cy = 0, headroomSum = 0;
  let vanafMax: string | null = null;
  let gemeenteOk = true;
  for (const k of set) {
    ha += k.ha;
    if (k.planstatus === 'hard') hardHa += k.ha;
    cx += k.x * k.ha;
    cy += k.y * k.ha;
    headroomSum += (k.mc_max - v.mc) * k.ha;
    if (k.beschikbaar_vanaf && (!vanafMax || k.beschikbaar_vanaf > vanafMax)) vanafMax = k.beschikbaar_vanaf;
    if (!v.gewenste_gemeente_ids.includes(k.gemeente_id)) gemeenteOk = false;
  }
  const raw: Record<Criterium, { score: number; toelichting: string }> = {} as never;
  const m = metToelichting;

  // Size: full marks within [min, max]; above max down to 0,5 at the tolerance limit.
  const top = bovengrens(v, inst);
  if (ha <= v.max_ha + EPS) {
    raw.omvang = { score: 1, toelichting: !m ? '' : `${ha1(ha)} ha valt binnen de gevraagde ${ha1(v.min_ha)}–${ha1(v.max_ha)} ha.` };
  } else {
    const s = top > v.max_ha ? 1 - 0.5 * Math.min(1, (ha - v.max_ha) / (top - v.max_ha)) : 0.5;
    raw.omvang = { score: s, toelichting: !m ? '' : `${ha1(ha)} ha is ${ha1(ha - v.max_ha)} ha meer dan de gevraagde ${ha1(v.max_ha)} ha (binnen de tolerantie van ${pct(inst.tolerantie)}).` };
  }

  const hardShare = ha > 0 ? hardHa / ha : 0;
  raw.planstatus = {
    score: hardShare,
    toelichting: !m ? '' : hardShare >= 1 - EPS ? 'Harde plancapaciteit: planologisch geregeld.'
      : hardShare <= EPS ? 'Zachte plancapaciteit: nog niet planologisch geregeld.'
      : `${pct(hardShare)} van de oppervlakte is harde plancapaciteit.`,
  };

  const vanaf = vanafMax ?? ctx.vandaag;
  const gewenst = v.gewenst_vanaf ?? ctx.vandaag;
  if (vanaf <= gewenst) {
    raw.timing = { score: 1, toelichting: !m ? '' : `Beschikbaar vanaf ${datumLang(vanaf)}, op tijd voor de gewenste start ${datumLang(gewenst)}.` };
  } else if (v.gewenst_tot && v.gewenst_tot > gewenst) {
    const s = Math.max(0, 1 - days(gewenst, vanaf) / days(gewenst, v.gewenst_tot));
    raw.timing = { score: s, toelichting: !m ? '' : `Beschikbaar vanaf ${datumLang(vanaf)}: ${aantal(Math.round(days(gewenst, vanaf)), 'dag', 'dagen')} na de gewenste start ${datumLang(gewenst)} (uiterlijk ${datumLang(v.gewenst_tot)}).` };
  } else {
    raw.timing = { score: 0.5, toelichting: !m ? '' : `Beschikbaar vanaf ${datumLang(vanaf)}, na de gewenste start ${datumLang(gewenst)}.` };
  }

  if (v.gewenste_gemeente_ids.length === 0) {
    raw.gemeente = { score: 1, toelichting: !m ? '' : 'Geen voorkeur voor een gemeente opgegeven.' };
  } else {
    const ok = gemeenteOk;
    raw.gemeente = { score: ok ? 1 : 0, toelichting: !m ? '' : ok ? 'Ligt in een gewenste gemeente.' : 'Ligt niet in een gewenste gemeente.' };
  }

  if (ctx.huidig) {
    const km = Math.hypot(cx / (ha || 1) - ctx.huidig.x, cy / (ha || 1) - ctx.huidig.y) / 1000;
    const s = inst.afstand_max_km > 0 ? Math.max(0, 1 - km / inst.afstand_max_km) : 0;
    raw.afstand = { score: s, toelichting: !m ? '' : `${(Math.round(km * 10) / 10).toLocaleString('nl-NL')} km van de huidige locatie (score 0 vanaf ${inst.afstand_max_km} km).` };
  } else {
    raw.afstand = { score: 0.5, toelichting: !m ? '' : 'Geen huidige locatie bekend: neutrale score.' };
  }

  if (v.arbeidsplaatsen !== null && ha > 0 && inst.arbeidsplaatsen_norm_per_ha > 0) {
    const perHa = v.arbeidsplaatsen / ha;
    raw.arbeidsplaatsen = {
      score: Math.min(1, perHa / inst.arbeidsplaatsen_norm_per_ha),
      toelichting: !m ? '' : `${Math.round(perHa)} arbeidsplaatsen per hectare; norm ${inst.arbeidsplaatsen_norm_per_ha}.`,
    };
  } else {
    raw.arbeidsplaatsen = { score: 0.5, toelichting: !m ? '' : 'Aantal arbeidsplaatsen onbekend: neutrale score.' };
  }

  // Headroom: a light activity on a heavy plot wastes scarce heavy space.
  const headroom = headroomSum / (ha || 1);
  const sMilieu = inst.milieuruimte_stappen > 0 ? Math.max(0, 1 - headroom / inst.milieuruimte_stappen) : 1;
  raw.milieuruimte = {
    score: sMilieu,
    toelichting: !m ? '' : headroom <= EPS ? 'De kavel laat precies de gevraagde milieucategorie toe.'
      : `De kavel laat gemiddeld ${(Math.round(headroom * 10) / 10).toLocaleString('nl-NL')} stap(pen) zwaardere milieucategorie toe dan nodig; zware ruimte is schaars.`,
  };

  let totalWeight = 0;
  for (const c of CRITERIA) totalWeight += inst.gewichten[c];
  if (!metToelichting) {
    // The regional model needs only the total: no per-criterion objects (the hot path at scale).
    let sum = 0;
    for (const c of CRITERIA) sum += totalWeight > 0 ? round4((100 * inst.gewichten[c] * raw[c].score) / totalWeight) : 0;
    return { score: round4(sum), criteria: [] };
  }
  const criteria = CRITERIA.map((c): CriteriumUitslag => {
    const gewicht = inst.gewichten[c];
    const bijdrage = totalWeight > 0 ? (100 * gewicht * raw[c].score) / totalWeight : 0;
    return { criterium: c, label: CRITERIUM_LABEL[c], score: round4(raw[c].score), gewicht, bijdrage: round4(bijdrage), toelichting: raw[c].toelichting };
  });
  return { score: round4(criteria.reduce((s, c) => s + c.bijdrage, 0)), criteria };
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const byNumber = (a: number, b: number) => a - b;

/** Sort order of candidates: the documented tie-break (TIE_BREAK). */
export function vergelijkKandidaten(v: MatchVraag) {
  return (a: Kandidaat, b: Kandidaat) =>
    b.score - a.score ||
    (a.oppervlakte_ha - v.min_ha) - (b.oppervlakte_ha - v.min_ha) ||
    a.kavel_ids.length - b.kavel_ids.length ||
    compareIds(a.kavel_ids, b.kavel_ids);
}

function compareIds(a: number[], b: number[]) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

export interface KandidaatInput {
  kavels: readonly MatchKavel[];
  /** Adjacent kavels (shared edge, same terrein), both directions. */
  buren: ReadonlyMap<number, readonly number[]>;
  inst: Instellingen;
  vandaag: string;
  filter?: FilterOpties;
  /** Dutch explanations per criterion (default true); the regional model only needs the numbers. */
  metToelichting?: boolean;
}

/**
 * Every kavel and every connected group of adjacent kavels on one terrein (up to
 * `max_kavels_samenvoegen`) that passes the hard filters, scored and sorted.
 */
export function kandidatenVoor(v: MatchVraag, input: KandidaatInput): KandidaatResultaat {
  const { kavels, buren, inst } = input;
  const byId = new Map(kavels.map((k) => [k.id, k]));
  const eligible = new Map<number, MatchKavel>();
  const uitgesloten: Partial<Record<Uitsluiting, number>> = {};
  for (const k of kavels) {
    const why = uitsluitingen(v, k, inst, input.filter);
    if (why.length === 0) eligible.set(k.id, k);
    for (const w of why) uitgesloten[w] = (uitgesloten[w] ?? 0) + 1;
  }
  const huidigeKavel = v.huidige_kavel_id !== null ? byId.get(v.huidige_kavel_id) : undefined;
  const ctx: ScoreContext = { inst, vandaag: input.vandaag, huidig: huidigeKavel ? { x: huidigeKavel.x, y: huidigeKavel.y } : null };
  const top = bovengrens(v, inst);
  const maxN = Math.max(1, Math.floor(inst.max_kavels_samenvoegen));

  const seen = new Set<string>();
  const kandidaten: Kandidaat[] = [];
  const metToelichting = input.metToelichting ?? true;
  const voorwaardelijk = input.filter?.voorwaardelijk;
  const consider = (ids: number[], ha: number) => {
    if (ha + EPS < v.min_ha || ha > top + EPS) return;
    const set: MatchKavel[] = [];
    const cond: number[] = [];
    for (const id of ids) {
      const k = eligible.get(id)!;
      set.push(k);
      if (voorwaardelijk?.has(id) && !(BESCHIKBARE_STATUS as readonly string[]).includes(k.status)) cond.push(id);
    }
    const { score, criteria } = scoreSet(v, set, ctx, metToelichting);
    kandidaten.push({
      vraag_id: v.id, kavel_ids: ids, samengevoegd: ids.length > 1, oppervlakte_ha: round4(ha), score, criteria, voorwaardelijke_kavel_ids: cond,
    });
  };
  // Connected groups grown from each kavel; a group is kept once (by its sorted ids).
  const grow = (ids: number[], ha: number, terrein: number) => {
    const key = ids.length === 1 ? ids : [...ids].sort(byNumber);
    const k = key.join(',');
    if (seen.has(k)) return;
    seen.add(k);
    consider(key, ha);
    if (ids.length >= maxN) return;
    for (const id of ids) {
      const nbs = buren.get(id);
      if (!nbs) continue;
      for (const n of nbs) {
        const nb = eligible.get(n);
        if (!nb || ids.includes(n) || nb.terrein_id !== terrein || ha + nb.ha > top + EPS) continue;
        grow([...ids, n], ha + nb.ha, terrein);
      }
    }
  };
  for (const k of [...eligible.values()].sort((a, b) => a.id - b.id)) grow([k.id], k.ha, k.terrein_id);

  kandidaten.sort(vergelijkKandidaten(v));
  let reden: string | null = null;
  if (kandidaten.length === 0) reden = geenKandidaatReden(uitgesloten, eligible.size, kavels.length);
  return { kandidaten, uitgesloten, reden_geen_kandidaten: reden };
}

function geenKandidaatReden(uitgesloten: Partial<Record<Uitsluiting, number>>, eligible: number, total: number): string {
  if (total === 0) return 'Er zijn geen kavels.';
  if (eligible > 0) return `Geen passende kavel: ${aantal(eligible, 'kavel voldoet', 'kavels voldoen')} aan de harde eisen, maar ${UITSLUITING_MELDING.omvang}.`;
  const sorted = (Object.entries(uitgesloten) as [Uitsluiting, number][]).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const parts = sorted.slice(0, 3).map(([w, n]) => `${UITSLUITING_MELDING[w]} (${aantal(n, 'kavel', 'kavels')})`);
  return `Geen enkele kavel voldoet aan de harde eisen: ${parts.join('; ')}.`;
}
