// From candidate sets to ranked candidates. The database finds the sets that pass
// the hard rules — single kavels and connected groups of adjacent kavels on one
// terrein (server/matching/queries.ts) — and counts per rule what it excluded;
// here each set is scored (matching-score.ts) and ranked with one fixed tie-break,
// and a request without candidates gets its reason in Dutch.
import { isBeschikbaar, UITSLUITING_MELDING, type Uitsluiting } from './matching-codes.ts';
import { aantal } from './nl-tekst.ts';
import type { Instellingen, MatchKavel, MatchVraag } from './matching-model.ts';
import { round4, scoreGetal, scoreSet, scoreVraag, setTabel, type CriteriumUitslag, type ScoreContext, type SetTabel } from './matching-score.ts';

export const TIE_BREAK = 'Hoogste score; bij gelijke score de kleinste oppervlakte boven de minimale vraag; ' +
  'dan de minste kavels; dan het laagste kavelnummer.';

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

/** What the hard rules left out of one request's search, counted by the database. */
export interface KandidaatTelling {
  /** Kavels considered. */
  totaal: number;
  /** Kavels that pass every hard rule on their own (size aside). */
  geschikt: number;
  /** Kavels excluded per hard rule (a kavel counts under every rule it fails). */
  uitgesloten: Partial<Record<Uitsluiting, number>>;
}

export interface KandidaatResultaat {
  kandidaten: Kandidaat[];
  uitgesloten: Partial<Record<Uitsluiting, number>>;
  /** Dutch reason when there is no candidate at all. */
  reden_geen_kandidaten: string | null;
}

export interface KandidaatInvoer {
  /** The facts of every kavel in the sets, and of the requester's current kavel when known. */
  kavels: ReadonlyMap<number, MatchKavel>;
  inst: Instellingen;
  vandaag: string;
  /** Kavels in use by a requesting company: available to others if that company moves (region model). */
  voorwaardelijk?: ReadonlySet<number>;
}

type Rangschikbaar = Pick<Kandidaat, 'score' | 'oppervlakte_ha' | 'kavel_ids'>;

/** Sort order of candidates: the documented tie-break (TIE_BREAK). */
export function vergelijkKandidaten(v: Pick<MatchVraag, 'min_ha'>) {
  return (a: Rangschikbaar, b: Rangschikbaar) =>
    b.score - a.score ||
    (a.oppervlakte_ha - v.min_ha) - (b.oppervlakte_ha - v.min_ha) ||
    a.kavel_ids.length - b.kavel_ids.length ||
    compareIds(a.kavel_ids, b.kavel_ids);
}

function compareIds(a: readonly number[], b: readonly number[]) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** The score context of a request: its current kavel's location, when known, for the distance criterion. */
export function scoreContext(v: MatchVraag, invoer: KandidaatInvoer): ScoreContext {
  const huidig = v.huidige_kavel_id !== null ? invoer.kavels.get(v.huidige_kavel_id) : undefined;
  return { inst: invoer.inst, vandaag: invoer.vandaag, huidig: huidig ? { x: huidig.x, y: huidig.y } : null };
}

function kavelVan(id: number, kavels: KandidaatInvoer['kavels']): MatchKavel {
  const k = kavels.get(id);
  if (!k) throw new Error(`kavel ${id} of a candidate set has no facts`);
  return k;
}

const oppervlakte = (set: readonly MatchKavel[]) => round4(set.reduce((s, k) => s + k.ha, 0));

/** Every set scored with its reasoning per criterion, best first. `ids` of each set in ascending order. */
export function kandidatenUitSets(
  v: MatchVraag, sets: readonly (readonly number[])[], invoer: KandidaatInvoer, telling: KandidaatTelling,
): KandidaatResultaat {
  const ctx = scoreContext(v, invoer);
  const kandidaten = sets.map((ids): Kandidaat => {
    const set = ids.map((id) => kavelVan(id, invoer.kavels));
    const { score, criteria } = scoreSet(v, set, ctx);
    return {
      vraag_id: v.id, kavel_ids: [...ids], samengevoegd: ids.length > 1, oppervlakte_ha: oppervlakte(set), score, criteria,
      voorwaardelijke_kavel_ids: set.filter((k) => invoer.voorwaardelijk?.has(k.id) && !isBeschikbaar(k.status)).map((k) => k.id),
    };
  }).sort(vergelijkKandidaten(v));
  return {
    kandidaten,
    uitgesloten: telling.uitgesloten,
    reden_geen_kandidaten: kandidaten.length === 0 ? geenKandidaatReden(telling) : null,
  };
}

/** The table of these candidate sets (kavel ids, each set in ascending order), resolved once and shared by every request. */
export const kandidaatTabel = (sets: readonly (readonly number[])[], kavels: KandidaatInvoer['kavels']): SetTabel =>
  setTabel(sets.map((ids) => ids.map((id) => kavelVan(id, kavels))));

/**
 * The best `n` of these sets of the table (indexes) by score and tie-break, with the
 * number only (the regional model's options): the same as ranking every set and
 * taking the first n.
 */
export function besteKandidaten(v: MatchVraag, sets: readonly number[], tabel: SetTabel, invoer: KandidaatInvoer, n: number): Rangschikbaar[] {
  const p = scoreVraag(v, scoreContext(v, invoer));
  const cmp = vergelijkKandidaten(v);
  const best: Rangschikbaar[] = [];
  for (const s of sets) {
    const score = scoreGetal(p, tabel, s);
    // Most sets lose to the n-th best on the score alone.
    if (best.length === n && score < best[n - 1].score) continue;
    const k: Rangschikbaar = { kavel_ids: tabel.ids[s], oppervlakte_ha: round4(tabel.ha[s]), score };
    if (best.length === n && cmp(k, best[n - 1]) >= 0) continue;
    // Insert in order (binary search), dropping the last when full.
    let lo = 0, hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(best[mid], k) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, k);
    if (best.length > n) best.pop();
  }
  return best;
}

/** The Dutch reason why a request has no candidate, from what the hard rules excluded. */
export function geenKandidaatReden(t: KandidaatTelling): string {
  if (t.totaal === 0) return 'Er zijn geen kavels.';
  if (t.geschikt > 0) return `Geen passende kavel: ${aantal(t.geschikt, 'kavel voldoet', 'kavels voldoen')} aan de harde eisen, maar ${UITSLUITING_MELDING.omvang}.`;
  const sorted = (Object.entries(t.uitgesloten) as [Uitsluiting, number][]).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const parts = sorted.slice(0, 3).map(([w, n]) => `${UITSLUITING_MELDING[w]} (${aantal(n, 'kavel', 'kavels')})`);
  return `Geen enkele kavel voldoet aan de harde eisen: ${parts.join('; ')}.`;
}
