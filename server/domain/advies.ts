// The regisseur's signaleringen and adviezen, and the stuurgroep's decision on them
// (uitvoeringsplan: the advice "moet zwaar wegen"; the stuurgroep records whether it
// follows it, "wel / niet / deels", with its reasons). Defined once, for the server,
// the forms and the tests.

export const ADVIES_SOORTEN = ['signalering', 'advies'] as const;
export type AdviesSoort = (typeof ADVIES_SOORTEN)[number];
export const ADVIES_SOORT_LABEL: Record<AdviesSoort, string> = { signalering: 'Signalering', advies: 'Advies' };

/** The regisseur's tasks in the uitvoeringsplan that produce a signalering or an advice. */
export const ADVIES_TYPES = [
  'compensatieopgave', 'kans_compensatielocatie', 'kans_uitbreidingslocatie', 'zacht_naar_hard',
  'belemmerende_regelgeving', 'profiel_plan_mismatch', 'positie_zittende_ondernemers', 'afspraak',
] as const;
export type AdviesType = (typeof ADVIES_TYPES)[number];
export const ADVIES_TYPE_LABEL: Record<AdviesType, string> = {
  compensatieopgave: 'Compensatieopgave',
  kans_compensatielocatie: 'Kans voor een compensatielocatie',
  kans_uitbreidingslocatie: 'Kans voor een uitbreidingslocatie',
  zacht_naar_hard: 'Zachte plancapaciteit hard maken',
  belemmerende_regelgeving: 'Belemmerende regelgeving',
  profiel_plan_mismatch: 'Mismatch tussen profiel en bestemmingsplan',
  positie_zittende_ondernemers: 'Positie van zittende ondernemers',
  afspraak: 'Afspraak',
};

export const BESLUITEN = ['opgevolgd', 'niet_opgevolgd', 'deels'] as const;
export type Besluit = (typeof BESLUITEN)[number];
export const BESLUIT_LABEL: Record<Besluit, string> = { opgevolgd: 'Opgevolgd', niet_opgevolgd: 'Niet opgevolgd', deels: 'Deels opgevolgd' };

/** The records an advice can concern, as they appear on the map. */
export const ADVIES_TABELLEN = ['terrein', 'kavel', 'transformatie', 'compensatie'] as const;
export type AdviesTabel = (typeof ADVIES_TABELLEN)[number];
export const ADVIES_TABEL_LABEL: Record<AdviesTabel, string> = {
  terrein: 'Bedrijventerrein', kavel: 'Kavel', transformatie: 'Transformatie', compensatie: 'Compensatie',
};

export interface BesluitInvoer {
  besluit: Besluit;
  toelichting: string | null;
  datum: string;
}

/**
 * Why a decision cannot be recorded as given, in Dutch, or null when it can. It is taken
 * in the meeting the advice went to, so on or after that meeting's date and not in the
 * future; one that does not simply follow the advice states the reasons.
 */
export function besluitProbleem(b: BesluitInvoer, vergadering: { datum: string } | null, vandaag: string): { code: string; melding: string } | null {
  if (!vergadering) {
    return { code: 'geen_vergadering', melding: 'Koppel het advies eerst aan de vergadering waarin de stuurgroep erover besluit.' };
  }
  if (b.datum > vandaag) return { code: 'besluit_in_toekomst', melding: 'Een besluit kan niet in de toekomst liggen.' };
  if (b.datum < vergadering.datum) {
    return { code: 'besluit_voor_vergadering', melding: 'Het besluit kan niet liggen vóór de vergadering waarin het werd genomen.' };
  }
  if (b.besluit !== 'opgevolgd' && !b.toelichting?.trim()) {
    return {
      code: 'beweegredenen_vereist',
      melding: `Bij "${BESLUIT_LABEL[b.besluit].toLowerCase()}" legt de stuurgroep de beweegredenen vast: vul de toelichting in.`,
    };
  }
  return null;
}
