// What matching works on: the facts of a kavel and of a space request
// (ruimtevraag), and the settings that steer the score and the search, each with
// its bounds. The database supplies the facts (server/matching/queries.ts); the
// candidate search applies the hard rules there; the score and the ranking are
// the pure modules matching-score.ts and matching-kandidaten.ts.

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

/** The largest area (ha) that still fits a request: its maximum plus the tolerance. */
export const bovengrens = (v: MatchVraag, inst: Instellingen) => v.max_ha * (1 + inst.tolerantie);

/** The largest number of adjacent kavels merged into one candidate. */
export const maxSamenvoegen = (inst: Instellingen) => Math.max(1, Math.floor(inst.max_kavels_samenvoegen));
