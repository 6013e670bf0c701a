// Which versions of a record were valid on 31 December of each year: the series of the
// monitor reads every version once and hands each year its own.

/** A version's validity: [van, tot) as ISO dates, null = unbounded. */
export interface Geldig {
  van: string | null;
  tot: string | null;
}

/**
 * The versions valid on 31 December of each year from `van` to `tot`, per year, each list
 * in the versions' order. A version valid from date v until date t is valid on 31 December
 * of year y when year(v) ≤ y < year(t): every date of year(v) is on or before its
 * 31 December, and every date of year(t) comes after the 31 December before it. Counting by
 * years, not comparing dates per year, keeps it to one step per version and year it counts in.
 */
export function perJaar<T extends Geldig>(versies: readonly T[], van: number, tot: number): T[][] {
  const jaren: T[][] = Array.from({ length: Math.max(0, tot - van + 1) }, () => []);
  for (const x of versies) {
    const eerste = x.van === null ? van : Math.max(van, Number(x.van.slice(0, 4)));
    const laatste = x.tot === null ? tot : Math.min(tot, Number(x.tot.slice(0, 4)) - 1);
    for (let jaar = eerste; jaar <= laatste; jaar++) jaren[jaar - van].push(x);
  }
  return jaren;
}
