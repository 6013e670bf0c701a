// An independent evaluation of matching's hard rules, for tests: written from the
// domain brief (§6 C11), not from the SQL it checks, and by brute force — every
// combination of up to N kavels on one terrein is tried, and kept when each kavel
// passes the rules, the kavels form one connected group of neighbours, and their
// area lies within the request's size.
//
//   A kavel serves a request when it is free (beschikbaar, potentieel, vrijkomend)
//   or in use by another requesting company (relocation chain), is not the
//   company's own kavel, comes free by the latest wanted date, admits the request's
//   milieucategorie (not above its maximum, not below its minimum), is watergebonden
//   when the request is, and lies in the region.

export interface OrakelKavel {
  id: number;
  terrein_id: number;
  status: string;
  in_regio: boolean;
  /** milieucategorie volgorde; null: no minimum. */
  mc_min: number | null;
  mc_max: number;
  watergebonden: boolean;
  beschikbaar_vanaf: string | null;
  ha: number;
}

export interface OrakelVraag {
  min_ha: number;
  max_ha: number;
  mc: number;
  watergebonden: boolean;
  gewenst_tot: string | null;
  huidige_kavel_id: number | null;
}

export interface OrakelOpties {
  tolerantie: number;
  maxSamenvoegen: number;
  /** Kavels of requesting companies, available to others. */
  voorwaardelijk?: ReadonlySet<number>;
}

const VRIJ = ['beschikbaar', 'potentieel', 'vrijkomend'];

/** The rules one kavel fails for a request (codes as the API names them). */
export function orakelRedenen(v: OrakelVraag, k: OrakelKavel, o: OrakelOpties): string[] {
  const r: string[] = [];
  const eigen = k.id === v.huidige_kavel_id;
  if (eigen) r.push('eigen_kavel');
  if (!eigen && !VRIJ.includes(k.status) && !o.voorwaardelijk?.has(k.id)) r.push('status');
  if (v.gewenst_tot !== null && k.beschikbaar_vanaf !== null && k.beschikbaar_vanaf > v.gewenst_tot) r.push('tijd');
  if (v.mc > k.mc_max) r.push('milieucategorie_max');
  if (k.mc_min !== null && v.mc < k.mc_min) r.push('milieucategorie_min');
  if (v.watergebonden && !k.watergebonden) r.push('watergebonden');
  if (!k.in_regio) r.push('regio');
  if (k.ha > v.max_ha * (1 + o.tolerantie) + 1e-9) r.push('te_groot');
  return r;
}

/** Every combination of up to n items; a combination that is already too large is not extended (areas are positive). */
function* combinaties(items: readonly OrakelKavel[], n: number, max: number, start = 0, gekozen: OrakelKavel[] = []): Generator<OrakelKavel[]> {
  if (gekozen.length > 0) yield [...gekozen];
  if (gekozen.length === n || gekozen.reduce((s, k) => s + k.ha, 0) > max) return;
  for (let i = start; i < items.length; i++) {
    gekozen.push(items[i]);
    yield* combinaties(items, n, max, i + 1, gekozen);
    gekozen.pop();
  }
}

function samenhangend(ids: readonly number[], buren: ReadonlySet<string>): boolean {
  const bereikt = new Set([ids[0]]);
  for (let groei = true; groei;) {
    groei = false;
    for (const a of ids) {
      if (bereikt.has(a)) continue;
      if ([...bereikt].some((b) => buren.has(`${a}-${b}`))) {
        bereikt.add(a);
        groei = true;
      }
    }
  }
  return bereikt.size === ids.length;
}

/**
 * Every candidate set for a request, as sorted "id,id" keys, sorted. `buren` holds
 * "a-b" for each pair of touching kavels, in both orders.
 */
export function orakelSets(v: OrakelVraag, kavels: readonly OrakelKavel[], buren: ReadonlySet<string>, o: OrakelOpties): string[] {
  const top = v.max_ha * (1 + o.tolerantie);
  const perTerrein = new Map<number, OrakelKavel[]>();
  for (const k of kavels) {
    if (orakelRedenen(v, k, o).length) continue;
    (perTerrein.get(k.terrein_id) ?? perTerrein.set(k.terrein_id, []).get(k.terrein_id)!).push(k);
  }
  const uit: string[] = [];
  for (const groep of perTerrein.values()) {
    for (const set of combinaties(groep, o.maxSamenvoegen, top + 1e-9)) {
      const ha = set.reduce((s, k) => s + k.ha, 0);
      if (ha < v.min_ha - 1e-9 || ha > top + 1e-9) continue;
      const ids = set.map((k) => k.id).sort((a, b) => a - b);
      if (samenhangend(ids, buren)) uit.push(ids.join(','));
    }
  }
  return uit.sort();
}
