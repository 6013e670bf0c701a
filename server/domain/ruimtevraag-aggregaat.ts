// The ruimtevragen aggregate the stuurgroep sees: counts and hectares, never a company.
// A group of one or two requests would show a single company's request size, so the
// hectares of a cell with fewer than MINIMUM_CEL requests are withheld (the count stays),
// and, so that they cannot be worked out by subtracting the other cells from the total,
// the hectares of the smallest other cell with them when only one cell was withheld
// (primary and secondary suppression, as statistics offices publish small counts).
// Last, all breakdowns are judged together (schermAfOverAlles below): no group of fewer
// than MINIMUM_CEL requests may follow from adding and subtracting any shown cells.

/**
 * Three: with two requests in a cell, either company could subtract its own request
 * and read the other's; with three, no single requester can.
 */
export const MINIMUM_CEL = 3;

/** Where a (not withdrawn) request stands: no match, a running match, or realised. */
export const STANDEN = ['ongematcht', 'gematcht', 'gerealiseerd'] as const;

export interface RuweCel {
  aantal: number;
  min_ha: number;
  max_ha: number;
}

export interface Cel {
  aantal: number;
  /** Null when withheld (afgeschermd). */
  min_ha: number | null;
  max_ha: number | null;
  afgeschermd: boolean;
}

const toon = <T extends RuweCel>(c: T): Omit<T, 'min_ha' | 'max_ha'> & Cel => ({ ...c, afgeschermd: false });
const verberg = <T extends RuweCel>(c: T): Omit<T, 'min_ha' | 'max_ha'> & Cel => ({ ...c, min_ha: null, max_ha: null, afgeschermd: true });

/** A total: withheld when it covers fewer than MINIMUM_CEL requests (an empty total is 0 ha). */
export function schermTotaalAf<T extends RuweCel>(totaal: T): Omit<T, 'min_ha' | 'max_ha'> & Cel {
  return totaal.aantal > 0 && totaal.aantal < MINIMUM_CEL ? verberg(totaal) : toon(totaal);
}

/** The cells of one breakdown (per category, per gemeente, …), withheld where they would show a company. */
export function schermAf<T extends RuweCel>(cellen: readonly T[]): (Omit<T, 'min_ha' | 'max_ha'> & Cel)[] {
  const klein = (c: T) => c.aantal > 0 && c.aantal < MINIMUM_CEL;
  const primair = new Set(cellen.filter(klein));
  if (primair.size === 1) {
    // One withheld cell would follow from the total minus the rest: withhold the smallest other one too.
    const tweede = cellen.filter((c) => !primair.has(c) && c.aantal > 0).sort((a, b) => a.aantal - b.aantal || a.max_ha - b.max_ha)[0];
    if (tweede) primair.add(tweede);
  }
  return cellen.map((c) => (primair.has(c) ? verberg(c) : toon(c)));
}

// ---------------------------------------------------------------- differences across breakdowns
//
// The breakdowns all sum the same requests, grouped differently: a shown cell of one
// minus a shown cell of another can be one request (the running matches minus a
// category, when the category holds all of them but one). So the cells of all
// breakdowns are judged together, as vectors over the requests: a group of fewer than
// MINIMUM_CEL requests may not lie in the span of the shown cells, i.e. follow from
// adding and subtracting them. Requests that sit in exactly the same shown cells are
// one coordinate (no sum of cells tells them apart), so the algebra is over those
// classes; the span test is exact up to floating-point noise on 0/1 vectors.

/** Classes of requests by the shown cells (and `extra`) they are in; each cell as a 0/1 vector over the classes. */
function klassen(cellen: readonly (readonly number[])[], extra: ReadonlySet<number> = new Set()) {
  const handtekening = new Map<number, number[]>();
  cellen.forEach((leden, k) => {
    for (const id of leden) {
      const h = handtekening.get(id) ?? [];
      h.push(k);
      handtekening.set(id, h);
    }
  });
  for (const id of extra) if (!handtekening.has(id)) handtekening.set(id, []);
  const perSleutel = new Map<string, { leden: number[]; cellen: number[] }>();
  for (const [id, h] of handtekening) {
    const sleutel = `${h.join(',')}|${extra.has(id) ? 1 : 0}`;
    const k = perSleutel.get(sleutel) ?? { leden: [], cellen: h };
    k.leden.push(id);
    perSleutel.set(sleutel, k);
  }
  const lijst = [...perSleutel.values()];
  const rijen = cellen.map((_, k) => lijst.map((kl) => (kl.cellen.includes(k) ? 1 : 0)));
  return { lijst, rijen };
}

/** An orthonormal basis of the rows' span (modified Gram–Schmidt, twice for stability). */
function basis(rijen: readonly number[][]): number[][] {
  const q: number[][] = [];
  for (const rij of rijen) {
    const v = [...rij];
    for (let pass = 0; pass < 2; pass++) {
      for (const b of q) {
        let d = 0;
        for (let i = 0; i < v.length; i++) d += v[i] * b[i];
        for (let i = 0; i < v.length; i++) v[i] -= d * b[i];
      }
    }
    const n = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    if (n > 1e-7) q.push(v.map((x) => x / n));
  }
  return q;
}

/** v minus its projection on the span of the orthonormal basis q. */
function rest(v: readonly number[], q: readonly number[][]): number[] {
  const r = [...v];
  for (const b of q) {
    let d = 0;
    for (let i = 0; i < r.length; i++) d += v[i] * b[i];
    for (let i = 0; i < r.length; i++) r[i] -= d * b[i];
  }
  return r;
}

const isNul = (v: readonly number[]) => v.every((x) => Math.abs(x) < 1e-6);

/** Do these cells (member ids) determine the sum over `groep`? */
export function volgtUit(groep: ReadonlySet<number>, cellen: readonly (readonly number[])[]): boolean {
  const { lijst, rijen } = klassen(cellen, groep);
  const v = lijst.map((k) => (groep.has(k.leden[0]) ? 1 : 0));
  return isNul(rest(v, basis(rijen)));
}

/** A group of fewer than MINIMUM_CEL requests whose sum follows from these cells, or null. */
export function afleidbareGroep(cellen: readonly (readonly number[])[]): number[] | null {
  const { lijst, rijen } = klassen(cellen);
  const q = basis(rijen);
  const eenheid = (i: number) => lijst.map((_, j) => (j === i ? 1 : 0));
  const enkel: { i: number; r: number[] }[] = [];
  for (let i = 0; i < lijst.length; i++) {
    if (lijst[i].leden.length >= MINIMUM_CEL) continue;
    const r = rest(eenheid(i), q);
    if (isNul(r)) return lijst[i].leden;
    // Two requests alone in their classes can follow together: their rests cancel.
    if (lijst[i].leden.length === 1 && MINIMUM_CEL > 2) enkel.push({ i, r });
  }
  const sleutel = (r: readonly number[], teken: number) => r.map((x) => Math.round(teken * x * 1e5)).join(',');
  const gezien = new Map<string, number>();
  for (const { i, r } of enkel) {
    const j = gezien.get(sleutel(r, -1));
    if (j !== undefined && isNul(r.map((x, k) => x + rest(eenheid(j), q)[k]))) return [...lijst[j].leden, ...lijst[i].leden];
    gezien.set(sleutel(r, 1), i);
  }
  return null;
}

/**
 * Which of the cells (member ids; `getoond`: not yet withheld) to show so that no group
 * of fewer than MINIMUM_CEL requests follows from the shown ones: while one does, the
 * smallest shown cell without which it no longer follows is withheld as well.
 */
export function schermAfOverAlles(cellen: readonly (readonly number[])[], getoond: readonly boolean[]): boolean[] {
  const toon = [...getoond];
  const zichtbaar = () => cellen.filter((_, k) => toon[k]);
  for (let groep = afleidbareGroep(zichtbaar()); groep; groep = afleidbareGroep(zichtbaar())) {
    const g = new Set(groep);
    const kandidaten = cellen.map((leden, k) => ({ k, n: leden.length })).filter((c) => toon[c.k]).sort((a, b) => a.n - b.n || a.k - b.k);
    const zonder = (k: number) => cellen.filter((_, j) => toon[j] && j !== k);
    const weg = kandidaten.find((c) => !volgtUit(g, zonder(c.k))) ?? kandidaten.find((c) => cellen[c.k].some((id) => g.has(id)))!;
    toon[weg.k] = false;
  }
  return toon;
}
