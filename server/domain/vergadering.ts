// Meetings of the stuurgroep and the werkgroep, and the rules of their snapshots:
// which date the figures are about, and which earlier meeting a meeting is compared with.

export const GREMIA = ['stuurgroep', 'werkgroep'] as const;
export type Gremium = (typeof GREMIA)[number];
export const GREMIUM_LABEL: Record<Gremium, string> = { stuurgroep: 'Stuurgroep', werkgroep: 'Werkgroep' };

/** The years of the progress series frozen with a snapshot (as the monitor shows them). */
export const REEKS_VAN = 2020;
export const REEKS_TOT = 2040;

/**
 * The peildatum of a new snapshot: the one asked for, else the meeting's own, else the
 * meeting's date or today, whichever comes first (the figures are facts, not expectations).
 */
export function snapshotPeildatum(v: { datum: string; peildatum: string | null }, gevraagd: string | undefined, vandaag: string): string {
  const gekozen = gevraagd ?? v.peildatum;
  if (gekozen) return gekozen;
  return v.datum < vandaag ? v.datum : vandaag;
}

/** Why a snapshot cannot be frozen at this peildatum, in Dutch, or null. */
export function peildatumProbleem(peildatum: string, vandaag: string): string | null {
  return peildatum > vandaag
    ? 'De peildatum ligt in de toekomst. Een momentopname legt vast wat er op een dag was: kies vandaag of een eerdere datum.'
    : null;
}

export interface VergaderingMetStand {
  id: number;
  datum: string;
  gremium: string;
  /** The id of its latest snapshot, or null when nothing is frozen. */
  snapshot_id: number | null;
}

/**
 * "Since the last meeting": the latest earlier meeting of the same gremium that has a
 * frozen snapshot (on the same date, the one made first).
 */
export function vorigeVergadering<V extends VergaderingMetStand>(alle: readonly V[], huidig: V): V | null {
  const eerder = alle.filter((v) => v.id !== huidig.id && v.gremium === huidig.gremium && v.snapshot_id !== null &&
    (v.datum < huidig.datum || (v.datum === huidig.datum && v.id < huidig.id)));
  eerder.sort((a, b) => (a.datum < b.datum ? 1 : a.datum > b.datum ? -1 : b.id - a.id));
  return eerder[0] ?? null;
}
