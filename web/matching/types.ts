// Shapes of the matching API (server/routes/ruimtevragen.ts, server/routes/matching.ts).

export const REDENEN = ['groei', 'transformatie', 'verkeerde_plek', 'nieuwvestiging'] as const;
export const VRAAG_STATUS = ['open', 'in_behandeling', 'gematcht', 'ingetrokken'] as const;
export const MATCH_STATUS = ['voorgesteld', 'besproken_werkgroep', 'warme_overdracht', 'gerealiseerd', 'afgevallen'] as const;
export type Reden = (typeof REDENEN)[number];
export type VraagStatus = (typeof VRAAG_STATUS)[number];
export type MatchStatus = (typeof MATCH_STATUS)[number];

/** A request as the list returns it: full for regie, anonymised (label, no company) for the werkgroep. */
export interface Ruimtevraag {
  id: number;
  label?: string;
  min_ha: number;
  max_ha: number;
  milieucategorie: string;
  watergebonden: boolean;
  reden: Reden;
  voorrang: boolean;
  status: VraagStatus;
  gewenst_vanaf: string | null;
  gewenst_tot: string | null;
  gewenste_gemeente_ids?: number[];
  gewenste_gemeenten: string[];
  bron: string;
  // Regie only:
  bedrijf_id?: number;
  bedrijf_naam?: string;
  kvk_nummer?: string | null;
  sector?: string | null;
  arbeidsplaatsen?: number | null;
  gebruikspositie?: 'huurder' | 'eigenaar' | null;
  huidige_kavel_id?: number | null;
  milieucategorie_activiteit?: string | null;
  accountmanager?: string | null;
  notities?: string | null;
  version?: number;
  updated_at?: string;
}

export interface CriteriumScore {
  criterium: string;
  label: string;
  score: number;
  gewicht: number;
  bijdrage: number;
  toelichting: string;
}

export interface KandidaatKavel {
  id: number;
  naam: string | null;
  terrein: string;
  gemeente: string;
  oppervlakte_ha: number;
  status: string;
  planstatus: string;
  milieucategorie_min: string | null;
  milieucategorie_max: string;
  watergebonden: boolean;
  beschikbaar_vanaf: string | null;
}

export type Passend = 'goed' | 'redelijk' | 'matig';

/**
 * A candidate. Regie gets the score and the breakdown per criterion; the werkgroep a
 * rank and a coarse fit computed from the request's public facts only (no score).
 */
export interface Kandidaat {
  rang: number;
  kavel_ids: number[];
  samengevoegd: boolean;
  oppervlakte_ha: number;
  passend: Passend;
  passend_label: string;
  kavels: KandidaatKavel[];
  // Regie only:
  score?: number;
  criteria?: CriteriumScore[];
  // Werkgroep only: where a candidate falls short on the public criteria.
  aandachtspunten?: string[];
}

export interface KandidatenAntwoord {
  ruimtevraag: Ruimtevraag & { huidige_kavel_id?: number | null };
  zicht: 'volledig' | 'anoniem';
  instellingen: { gewichten: Record<string, number>; tolerantie: number; max_kavels_samenvoegen: number };
  criteria: string[];
  tie_break: string;
  /** How the list is ranked (for the werkgroep: public criteria only). */
  rangschikking: string;
  aantal: number;
  kandidaten: Kandidaat[];
  uitgesloten: Record<string, number>;
  reden_geen_kandidaten: string | null;
}

export interface MatchStap {
  van_status: MatchStatus | null;
  naar_status: MatchStatus;
  datum: string;
  persoon: string;
  reden: string | null;
  door: string | null;
  tijdstip: string;
}

export interface Keten {
  nummer: number;
  stap: number;
  lengte: number;
  cyclus: boolean;
}

export interface Match {
  id: number;
  ruimtevraag_id: number;
  status: MatchStatus;
  score: number;
  version: number;
  bedrijf_naam: string;
  kavels: { kavel_id: number; naam: string | null; status: string; actief: boolean; oppervlakte_ha: number; terrein: string }[];
  /** Set once realised: the kavel the company left (now vrijkomend). */
  oude_kavel_id: number | null;
  criteria: { criteria: CriteriumScore[]; gewichten: Record<string, number>; tie_break: string; berekend_op: string; bron?: 'regio'; keten?: Keten | null };
  stappen: MatchStap[];
  volgende_statussen: MatchStatus[];
}

/** A match in the list (GET /api/matches): without criteria and steps. */
export interface MatchRij extends Pick<Match, 'id' | 'ruimtevraag_id' | 'status' | 'score' | 'version' | 'bedrijf_naam' | 'oude_kavel_id'> {
  kavel_ids: number[];
  actief: boolean;
  updated_at: string;
}

export interface RegioToewijzing { vraag_id: number; kavel_ids: number[]; score: number; gewogen_score: number }
/** `match_id`: this move is a running match (fixed in the model), not a new assignment. */
export interface RegioKetenStap { vraag_id: number; naar_kavel_ids: number[]; vrijgekomen_kavel_id: number | null; match_id?: number }
/** A running match (kavels in optie), kept as it is by the regional model. */
export interface RegioVast { match_id: number; vraag_id: number; kavel_ids: number[]; status: MatchStatus; score: number | null }
export interface RegioKeten { stappen: RegioKetenStap[]; cyclus: boolean }
export interface RegioUitkomst {
  methode: 'highs' | 'gretig';
  status: string;
  doelwaarde: number;
  toewijzingen: RegioToewijzing[];
  vast: RegioVast[];
  ketens: RegioKeten[];
  niet_toegewezen: { vraag_id: number; reden: string }[];
  rekentijd_ms: number;
}
export interface RegioAntwoord {
  /** The stored result: "voorstellen" sends this id and gets exactly this outcome as matches. */
  resultaat_id: number;
  berekend_op: string;
  samenvatting: {
    vragen: number; kavels: number; opties: number; vast: number; peildatum: string; voorrang_factor: number; gewichten: Record<string, number>;
    tolerantie: number; tie_break: string; doel: string;
    doelwaarde_optimaal: number; doelwaarde_gretig: number; verbetering: number; verbetering_pct: number | null;
  };
  optimaal: RegioUitkomst;
  gretig: RegioUitkomst;
}

export interface VoorstellenAntwoord {
  resultaat_id: number;
  matches: Match[];
  overgeslagen: { vraag_id: number; reden: string }[];
  niet_toegewezen: { vraag_id: number; reden: string }[];
  ketens: RegioKeten[];
  doelwaarde: number;
}

/** A setting with its bounds (the server refuses values outside them). */
export interface Instelling { sleutel: string; waarde: number; omschrijving: string | null; version: number; min?: number; max?: number; geheel?: boolean }

export interface ScheefwerkenSignaal {
  bedrijf_id: number;
  bedrijf_naam: string;
  sector: string | null;
  kavel_id: number;
  kavel_naam: string | null;
  oppervlakte_ha: number;
  terrein: string;
  gemeente: string;
  milieucategorie_activiteit: string;
  milieucategorie_kavel_max: string;
  open_ruimtevraag_id: number | null;
  stappen_onder_max: number;
  redenen: string[];
}
export interface Scheefwerken { drempels: { drempel_stappen: number; lichte_categorie: number }; aantal: number; hectare: number; signalen: ScheefwerkenSignaal[] }

export interface ImportRapport {
  geldig: boolean;
  proefdraai: boolean;
  aantal_rijen: number;
  aangemaakt: { rij: number; ruimtevraag_id: number; bestaand_bedrijf: boolean }[];
  fouten: { rij: number; veld: string; melding: string }[];
}

/** Which filters the register list supports (GET /api/ruimtevragen). */
export interface RegisterFilter {
  status?: VraagStatus;
  gemeente?: string;
  milieucategorie?: string;
  reden?: Reden;
}
