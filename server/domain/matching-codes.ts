// The enumerations of the ruimtevragen register and matching, defined once: the
// server's schemas and rules, the web app's forms and the tests import them from
// here (gebruikspositie is the bedrijf's, defined with the layers' lists). The database
// repeats the stored ones as CHECK constraints; test/integration/layer-values.test.ts
// keeps the two equal. It imports only the import-free layer lists, so the web app can
// bundle it as it is.
export { GEBRUIKSPOSITIES, type Gebruikspositie } from './layer-values.ts';

/** Why a company asks for space. */
export const REDENEN = ['groei', 'transformatie', 'verkeerde_plek', 'nieuwvestiging'] as const;
export type Reden = (typeof REDENEN)[number];

/** The life of a ruimtevraag. */
export const VRAAG_STATUS = ['open', 'in_behandeling', 'gematcht', 'ingetrokken'] as const;
export type VraagStatus = (typeof VRAAG_STATUS)[number];
/** Requests that still look for a kavel: the ones matching considers. */
export const OPEN_VRAAG_STATUS = ['open', 'in_behandeling'] as const satisfies readonly VraagStatus[];

/** The steps of a match in order; `afgevallen` can end any open one. */
export const MATCH_STAPPEN = ['voorgesteld', 'besproken_werkgroep', 'warme_overdracht', 'gerealiseerd'] as const;
export const MATCH_STATUS = [...MATCH_STAPPEN, 'afgevallen'] as const;
export type MatchStatus = (typeof MATCH_STATUS)[number];

/** The allowed next statuses: one step forward, or afgevallen while still open. */
export function volgendeStatussen(status: MatchStatus): MatchStatus[] {
  if (status === 'gerealiseerd' || status === 'afgevallen') return [];
  const i = MATCH_STAPPEN.indexOf(status);
  return [MATCH_STAPPEN[i + 1], 'afgevallen'];
}

/** Kavel statuses in which a kavel is free for a new company. */
export const BESCHIKBARE_STATUS = ['beschikbaar', 'potentieel', 'vrijkomend'] as const;
export const isBeschikbaar = (kavelStatus: string) => (BESCHIKBARE_STATUS as readonly string[]).includes(kavelStatus);

/** The hard rules of matching: why a kavel (or a group of kavels) cannot serve a request. */
export const UITSLUITINGEN = ['status', 'eigen_kavel', 'tijd', 'milieucategorie_max', 'milieucategorie_min', 'watergebonden', 'regio', 'te_groot'] as const;
export type Uitsluiting = (typeof UITSLUITINGEN)[number];

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
