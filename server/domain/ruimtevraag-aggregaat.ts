// The ruimtevragen aggregate the stuurgroep sees: counts and hectares, never a company.
// A group of one or two requests would show a single company's request size, so the
// hectares of a cell with fewer than MINIMUM_CEL requests are withheld (the count stays),
// and, so that they cannot be worked out by subtracting the other cells from the total,
// the hectares of the smallest other cell with them when only one cell was withheld
// (primary and secondary suppression, as statistics offices publish small counts).

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

/**
 * The cells of a breakdown over more requests than the published total covers (per
 * stand: every request not withdrawn; the total: the open ones). The total is the sum
 * of the cells' open parts, so when one withheld cell alone among the cells with open
 * requests holds some, its open part follows from the total minus the other cells (the
 * one running match from the total minus the requests without a match): then the
 * smallest other cell with open requests is withheld too. `open` is the number of open
 * requests in a cell; it is not published.
 */
export function schermAfNaastTotaal<T extends RuweCel & { open: number }>(cellen: readonly T[]) {
  const eerst = schermAf(cellen);
  const verborgen = new Set(cellen.filter((_, i) => eerst[i].afgeschermd));
  const metOpen = cellen.filter((c) => c.open > 0);
  if (metOpen.filter((c) => verborgen.has(c)).length === 1) {
    const tweede = metOpen.filter((c) => !verborgen.has(c)).sort((a, b) => a.open - b.open || a.max_ha - b.max_ha)[0];
    if (tweede) verborgen.add(tweede);
  }
  return cellen.map(({ open: _open, ...c }, i) => (verborgen.has(cellen[i]) ? verberg(c) : toon(c)));
}
