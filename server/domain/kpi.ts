// The hectare monitor's figures (KPIs), each defined once: what it counts, in one
// Dutch sentence shown beside its tile, and how it is computed from the records as
// they stood on the peildatum. Pure: fed by server/balans with rows read from
// PostGIS (live tables for now, history tables for the past).
//
// The tiles agree by construction, per transformatie t with netto verloren n_t and
// counted toewijzingen a_t:
//   vereiste compensatie  = Σ n_t                       (= netto verloren, R-C1)
//   toegewezen            = Σ min(n_t, a_t)
//   nog toe te wijzen     = Σ max(0, n_t − a_t)         (so vereist = toegewezen + nog toe te wijzen)
//   restant               = nog toe te wijzen of t at or past terinzagelegging (R-C6)
// and per compensatie c with area h_c:
//   compensatie (totaal)  = toegewezen + overtoewijzing + toegewezen, telt nog niet + zonder toewijzing.

export const FASEN = ['voorgenomen', 'in_procedure', 'planologisch_verloren'] as const;
export type Fase = (typeof FASEN)[number];
export const COMPENSATIE_STATUSSEN = ['gepland', 'geregeld', 'planologisch_mogelijk', 'gerealiseerd'] as const;
export const PLANCAPACITEIT_STATUSSEN = ['beschikbaar', 'potentieel'] as const;
const plancapaciteitStatus = new Set<string>(PLANCAPACITEIT_STATUSSEN);

export type Ids = Record<string, number[]>;
export interface Cijfer {
  ha: number;
  ids: Ids;
}

/** The monitor's rules as data (table balans_regel). */
export interface Regels {
  /** Compensatie statuses whose toewijzingen count as toegewezen. */
  teltVanaf: readonly string[];
  /** Transformatie statuses at or past terinzagelegging (used when the date is not entered). */
  vanafTerinzage: readonly string[];
  /** Transformatie statuses at or past vaststelling (used when the date is not entered). */
  vastgesteld: readonly string[];
}

export interface TransformatieStand {
  id: number;
  naam: string;
  gemeente_id: number;
  gemeente: string;
  status: string;
  nieuwe_functie: string;
  datum_terinzagelegging: string | null;
  datum_vaststelling: string | null;
  /** Stored by the database (migration 011); null: PostGIS could not compute it. */
  netto_verloren_ha: number | null;
  verlies_per_categorie: Record<string, { ha: number; kavels: number[] }> | null;
}

export interface CompensatieStand {
  id: number;
  naam: string;
  gemeente_id: number;
  status: string;
  planstatus: string;
  milieucategorie_max: string | null;
  oppervlakte_ha: number;
  buiten_regio: boolean;
}

export interface ToewijzingStand {
  id: number;
  compensatie_id: number;
  transformatie_id: number;
  hectares: number;
}

export interface KavelStand {
  id: number;
  status: string;
  planstatus: 'hard' | 'zacht';
  milieucategorie_max: string;
  gemeente: string;
  oppervlakte_ha: number;
}

const lijst = (xs: readonly string[]) => {
  const woorden = xs.map((x) => x.replace(/_/g, ' '));
  return woorden.length <= 1 ? (woorden[0] ?? '—') : `${woorden.slice(0, -1).join(', ')} of ${woorden[woorden.length - 1]}`;
};

/** What each tile counts, in one sentence (the toegewezen sentence names the statuses of the rule). */
export function definities(regels: Regels) {
  return {
    netto_verloren: {
      label: 'Netto verloren',
      definitie: 'Bedrijfsgrond (kavels en terreinen) onder transformaties die op de peildatum niet vervallen zijn; waar transformaties overlappen telt de oudste. Per fase: voorgenomen, in procedure (ter inzage gelegd) en planologisch verloren (vastgesteld).',
    },
    vereiste_compensatie: {
      label: 'Vereiste compensatie',
      definitie: 'Elke netto verloren hectare moet elders in de regio worden gecompenseerd (R-C1): evenveel als netto verloren, per transformatie.',
    },
    toegewezen: {
      label: 'Toegewezen',
      definitie: `Hectares die compensaties met status ${lijst(regels.teltVanaf)} op de peildatum aan transformaties hebben toegewezen, per transformatie ten hoogste wat die vereist.`,
    },
    nog_toe_te_wijzen: {
      label: 'Nog toe te wijzen',
      definitie: 'Vereiste compensatie min toegewezen, per transformatie opgeteld: vereist = toegewezen + nog toe te wijzen.',
    },
    restant: {
      label: 'Restant',
      definitie: 'Het deel van nog toe te wijzen bij transformaties die ter inzage liggen of zijn vastgesteld; de transformerende gemeente moet er een oplossing voor vinden (R-C6).',
    },
    compensatie_zonder_toewijzing: {
      label: 'Compensatie zonder toewijzing',
      definitie: 'Hectares van compensatielocaties (niet vervallen) die nog aan geen transformatie zijn toegewezen.',
    },
    plancapaciteit: {
      label: 'Plancapaciteit',
      definitie: 'Kavels met status beschikbaar of potentieel, hard (in een vastgesteld plan) of zacht, per milieucategorie.',
    },
  };
}
export type Definities = ReturnType<typeof definities>;

/**
 * The stage of a transformatie on a peildatum: planologisch verloren once vastgesteld
 * (datum_vaststelling ≤ peildatum), in procedure once ter inzage gelegd, else voorgenomen;
 * without the date its status decides. Null: vervallen (nothing lost, R-T4).
 */
export function faseOp(
  t: Pick<TransformatieStand, 'status' | 'datum_terinzagelegging' | 'datum_vaststelling'>,
  peildatum: string,
  regels: Pick<Regels, 'vanafTerinzage' | 'vastgesteld'>,
): Fase | null {
  if (t.status === 'vervallen') return null;
  if (t.datum_vaststelling ? t.datum_vaststelling <= peildatum : regels.vastgesteld.includes(t.status)) return 'planologisch_verloren';
  if (t.datum_terinzagelegging ? t.datum_terinzagelegging <= peildatum : regels.vanafTerinzage.includes(t.status)) return 'in_procedure';
  return 'voorgenomen';
}

const som = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
/** One collator for Dutch names and categories ("3.2" before "4.1"); localeCompare per call is slow on national data. */
const nl = new Intl.Collator('nl', { numeric: true });
function groepeer<T, K>(xs: readonly T[], sleutel: (x: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const x of xs) {
    const k = sleutel(x);
    const g = m.get(k);
    if (g) g.push(x);
    else m.set(k, [x]);
  }
  return m;
}
/**
 * Ids in ascending order; most lists arrive sorted (the queries order by id), so check
 * before sorting, and sort numbers as numbers (a typed array: many times faster on national data).
 */
const oplopend = (xs: number[]) => {
  let gesorteerd = true;
  let geheel = true;
  for (let i = 0; i < xs.length; i++) {
    if (i > 0 && xs[i - 1] > xs[i]) gesorteerd = false;
    if ((xs[i] | 0) !== xs[i]) geheel = false;
  }
  return gesorteerd ? xs : Array.from((geheel ? Int32Array : Float64Array).from(xs).sort());
};
/** Distinct ids, ascending: sorted first, then each kept once (cheaper than a Set on long lists). */
const uniq = (xs: readonly number[]) => {
  const gesorteerd = oplopend([...xs]);
  const uit: number[] = [];
  for (let i = 0; i < gesorteerd.length; i++) if (i === 0 || gesorteerd[i] !== gesorteerd[i - 1]) uit.push(gesorteerd[i]);
  return uit;
};
/**
 * Rows sorted by several names, each in its own order: thousands of rows over a few
 * hundred names, so each distinct name is compared once and the rows by rank.
 */
function sorteer<T>(xs: readonly T[], ...sleutels: [naam: (x: T) => string, volgorde: (a: string, b: string) => number][]): T[] {
  const rangen = sleutels.map(([naam, volgorde]) => {
    const namen = [...new Set(xs.map(naam))].sort(volgorde);
    return new Map(namen.map((n, i) => [n, i]));
  });
  return xs
    .map((x) => ({ x, rang: sleutels.map(([naam], i) => rangen[i].get(naam(x))!) }))
    .sort((a, b) => {
      for (let i = 0; i < a.rang.length; i++) if (a.rang[i] !== b.rang[i]) return a.rang[i] - b.rang[i];
      return 0;
    })
    .map(({ x }) => x);
}
const cijfer = (ha: number, ids: Ids): Cijfer => ({ ha, ids });

export interface TransformatieKpi
  extends Pick<TransformatieStand, 'id' | 'naam' | 'gemeente_id' | 'gemeente' | 'status' | 'nieuwe_functie' | 'datum_terinzagelegging'> {
  fase: Fase;
  /** 0 when PostGIS could not compute it; see niet_berekend. */
  netto_ha: number;
  niet_berekend: boolean;
  toegewezen_ha: number;
  toegewezen_binnen_ha: number;
  toegewezen_elders_ha: number;
  overtoewijzing_ha: number;
  nog_toe_te_wijzen_ha: number;
  restant_ha: number;
  /** Toewijzingen that count (compensatie status in the rule). */
  toewijzing_ids: number[];
}

export interface KpiInvoer {
  peildatum: string;
  regels: Regels;
  transformaties: readonly TransformatieStand[];
  compensaties: readonly CompensatieStand[];
  toewijzingen: readonly ToewijzingStand[];
}

/**
 * Every KPI of the balance on one peildatum, each with the ids of the records behind it.
 * `tabellen: false` leaves out the tables per gemeente and milieucategorie (the series
 * needs only the region's figures; they are the same either way).
 */
export function berekenKpis(invoer: KpiInvoer, { tabellen = true }: { tabellen?: boolean } = {}) {
  // Each list is walked once, in its order, and every sum is a left-to-right sum over
  // the records in that order: the series does this for 21 years over national data.
  const { regels } = invoer;
  const compensaties = new Map<number, CompensatieStand>();
  for (const c of invoer.compensaties) if (c.status !== 'vervallen') compensaties.set(c.id, c);
  const transformaties: { t: TransformatieStand; fase: Fase }[] = [];
  const levend = new Set<number>();
  for (const t of invoer.transformaties) {
    const fase = faseOp(t, invoer.peildatum, regels);
    if (fase === null) continue;
    transformaties.push({ t, fase });
    levend.add(t.id);
  }
  const teltStatus = new Set(regels.teltVanaf);
  // A toewijzing lives while both its ends do; one to a vervallen transformatie frees its hectares.
  const tellend: ToewijzingStand[] = [];
  const nietTellend: ToewijzingStand[] = [];
  const tellendPer = new Map<number, ToewijzingStand[]>();
  const perCompensatie = new Map<number, number>();
  for (const tw of invoer.toewijzingen) {
    const c = compensaties.get(tw.compensatie_id);
    if (!c || !levend.has(tw.transformatie_id)) continue;
    perCompensatie.set(tw.compensatie_id, (perCompensatie.get(tw.compensatie_id) ?? 0) + tw.hectares);
    if (!teltStatus.has(c.status)) {
      nietTellend.push(tw);
      continue;
    }
    tellend.push(tw);
    const g = tellendPer.get(tw.transformatie_id);
    if (g) g.push(tw);
    else tellendPer.set(tw.transformatie_id, [tw]);
  }

  const rijen: TransformatieKpi[] = transformaties.map(({ t, fase }) => {
    const netto = t.netto_verloren_ha ?? 0;
    const tws = tellendPer.get(t.id) ?? [];
    let a = 0;
    let binnen = 0;
    for (const tw of tws) a += tw.hectares;
    for (const tw of tws) if (compensaties.get(tw.compensatie_id)!.gemeente_id === t.gemeente_id) binnen += tw.hectares;
    const toegewezen = Math.min(netto, a);
    // Over-allocated: binnen and elders are scaled down alike to what is required.
    const schaal = a > 0 ? toegewezen / a : 0;
    const nog = Math.max(0, netto - a);
    return {
      id: t.id, naam: t.naam, gemeente_id: t.gemeente_id, gemeente: t.gemeente, status: t.status, nieuwe_functie: t.nieuwe_functie,
      fase, datum_terinzagelegging: t.datum_terinzagelegging,
      netto_ha: netto, niet_berekend: t.netto_verloren_ha === null,
      toegewezen_ha: toegewezen, toegewezen_binnen_ha: binnen * schaal, toegewezen_elders_ha: (a - binnen) * schaal,
      overtoewijzing_ha: Math.max(0, a - netto),
      nog_toe_te_wijzen_ha: nog,
      restant_ha: fase === 'voorgenomen' ? 0 : nog,
      toewijzing_ids: tws.map((tw) => tw.id),
    };
  });

  // The transformaties' figures, each a sum over the rows and the ids of the rows that count.
  type Optelling = { ha: number; ids: number[] };
  const leeg = (): Optelling => ({ ha: 0, ids: [] });
  const netto = leeg();
  const nog = leeg();
  const rest = leeg();
  const over = leeg();
  const perFase = new Map<Fase, Optelling>(FASEN.map((f) => [f, leeg()]));
  let toegewezen = 0;
  for (const r of rijen) {
    netto.ha += r.netto_ha;
    netto.ids.push(r.id);
    toegewezen += r.toegewezen_ha;
    nog.ha += r.nog_toe_te_wijzen_ha;
    if (r.nog_toe_te_wijzen_ha > 0) nog.ids.push(r.id);
    rest.ha += r.restant_ha;
    if (r.restant_ha > 0) rest.ids.push(r.id);
    if (r.overtoewijzing_ha > 0) {
      over.ha += r.overtoewijzing_ha;
      over.ids.push(r.id);
    }
    const f = perFase.get(r.fase)!;
    f.ha += r.netto_ha;
    f.ids.push(r.id);
  }
  // The compensaties' figures: in total, per status, and what no toewijzing covers.
  const alle = [...compensaties.values()];
  const totaal = leeg();
  const zonder = leeg();
  const perStatus = new Map<string, Optelling>(COMPENSATIE_STATUSSEN.map((st) => [st, leeg()]));
  for (const c of alle) {
    totaal.ha += c.oppervlakte_ha;
    totaal.ids.push(c.id);
    const vrij = Math.max(0, c.oppervlakte_ha - (perCompensatie.get(c.id) ?? 0));
    if (vrij > 0) {
      zonder.ha += vrij;
      zonder.ids.push(c.id);
    }
    const st = perStatus.get(c.status);
    if (st) {
      st.ha += c.oppervlakte_ha;
      st.ids.push(c.id);
    }
  }
  let nietTellendHa = 0;
  for (const tw of nietTellend) nietTellendHa += tw.hectares;
  const ids = (o: Optelling) => ({ transformatie: o.ids });
  const toewijzingIds = (rs: readonly ToewijzingStand[]) => ({
    compensatie_toewijzing: rs.map((tw) => tw.id), compensatie: uniq(rs.map((tw) => tw.compensatie_id)), transformatie: uniq(rs.map((tw) => tw.transformatie_id)),
  });

  const regio = {
    netto_verloren: {
      ...cijfer(netto.ha, ids(netto)),
      per_fase: Object.fromEntries(FASEN.map((f) => [f, cijfer(perFase.get(f)!.ha, ids(perFase.get(f)!))])) as Record<Fase, Cijfer>,
    },
    vereiste_compensatie: cijfer(netto.ha, { transformatie: [...netto.ids] }),
    toegewezen: cijfer(toegewezen, toewijzingIds(tellend)),
    nog_toe_te_wijzen: cijfer(nog.ha, ids(nog)),
    restant: cijfer(rest.ha, ids(rest)),
    compensatie_zonder_toewijzing: cijfer(zonder.ha, { compensatie: zonder.ids }),
    compensatie_totaal: cijfer(totaal.ha, { compensatie: totaal.ids }),
    compensatie_per_status: Object.fromEntries(COMPENSATIE_STATUSSEN.map((st) => [st, cijfer(perStatus.get(st)!.ha, { compensatie: perStatus.get(st)!.ids })])) as Record<(typeof COMPENSATIE_STATUSSEN)[number], Cijfer>,
    toegewezen_telt_nog_niet: cijfer(nietTellendHa, toewijzingIds(nietTellend)),
    overtoewijzing: cijfer(over.ha, ids(over)),
    aandeel_gecompenseerd: netto.ha > 0 ? toegewezen / netto.ha : null,
  };

  if (!tabellen) return { regio, transformaties: rijen, per_gemeente: [], per_milieucategorie: [], toewijzingen: tellend };

  const rijIds = (rs: readonly TransformatieKpi[]) => ({ transformatie: rs.map((r) => r.id) });
  const metIds = (rs: readonly TransformatieKpi[], pick: (r: TransformatieKpi) => number) => rs.filter((r) => pick(r) > 0);
  const per_gemeente = [...groepeer(rijen, (r) => r.gemeente_id)].map(([gemeente_id, rs]) => {
    const gemeente = rs[0].gemeente;
    const tws = rs.flatMap((r) => tellendPer.get(r.id) ?? []);
    const binnen = tws.filter((tw) => compensaties.get(tw.compensatie_id)!.gemeente_id === gemeente_id);
    const elders = tws.filter((tw) => compensaties.get(tw.compensatie_id)!.gemeente_id !== gemeente_id);
    return {
      gemeente_id, gemeente,
      verloren: cijfer(som(rs.map((r) => r.netto_ha)), rijIds(rs)),
      vereist: cijfer(som(rs.map((r) => r.netto_ha)), rijIds(rs)),
      toegewezen_binnen: cijfer(som(rs.map((r) => r.toegewezen_binnen_ha)), toewijzingIds(binnen)),
      toegewezen_elders: cijfer(som(rs.map((r) => r.toegewezen_elders_ha)), toewijzingIds(elders)),
      nog_toe_te_wijzen: cijfer(som(rs.map((r) => r.nog_toe_te_wijzen_ha)), rijIds(metIds(rs, (r) => r.nog_toe_te_wijzen_ha))),
      restant: cijfer(som(rs.map((r) => r.restant_ha)), rijIds(metIds(rs, (r) => r.restant_ha))),
    };
  }).sort((a, b) => nl.compare(a.gemeente, b.gemeente));

  // Lost hectares by the milieucategorie of the kavels under them; compensatie (counting
  // statuses) by its maximum category.
  const perCat = new Map<string, { verloren: number; transformaties: number[]; kavels: number[]; compensatie: number; compensaties: number[] }>();
  const cat = (code: string) => {
    let e = perCat.get(code);
    if (!e) perCat.set(code, (e = { verloren: 0, transformaties: [], kavels: [], compensatie: 0, compensaties: [] }));
    return e;
  };
  for (const { t } of transformaties) {
    const verlies = t.verlies_per_categorie ?? {};
    for (const code in verlies) {
      const v = verlies[code];
      const e = cat(code);
      e.verloren += v.ha;
      e.transformaties.push(t.id);
      for (const k of v.kavels) e.kavels.push(k);
    }
  }
  for (const c of alle.filter((x) => regels.teltVanaf.includes(x.status))) {
    const e = cat(c.milieucategorie_max ?? 'onbekend');
    e.compensatie += c.oppervlakte_ha;
    e.compensaties.push(c.id);
  }
  const per_milieucategorie = [...perCat].sort(([a], [b]) => categorieVolgorde(a, b)).map(([milieucategorie, e]) => ({
    milieucategorie,
    verloren: cijfer(e.verloren, { transformatie: uniq(e.transformaties), kavel: uniq(e.kavels) }),
    compensatie: cijfer(e.compensatie, { compensatie: e.compensaties }),
  }));

  return { regio, transformaties: rijen, per_gemeente, per_milieucategorie, toewijzingen: tellend };
}
export type Kpis = ReturnType<typeof berekenKpis>;

/** Categories in VNG order; business land without kavel and unknown last. */
export function categorieVolgorde(a: string, b: string): number {
  const rang = (x: string) => (x === 'zonder_kavel' ? 1 : x === 'onbekend' ? 2 : 0);
  return rang(a) - rang(b) || nl.compare(a, b);
}

/**
 * Kavels alike in gemeente, planstatus, category and status, read together: their total
 * area and their ids (ascending). The national balance reads the kavels so, grouped by
 * the database; a single kavel is a group of one.
 */
export interface KavelGroep extends Omit<KavelStand, 'id'> {
  ids: number[];
}

/** A kavel as a group of one. */
export const alsGroep = ({ id, ...k }: KavelStand): KavelGroep => ({ ...k, ids: [id] });

/** The ids of the groups, ascending. */
function kavelIds(groepen: readonly KavelGroep[]): number[] {
  const ids: number[] = [];
  for (const g of groepen) for (const id of g.ids) ids.push(id);
  return oplopend(ids);
}

/**
 * Plancapaciteit (C6): kavels beschikbaar or potentieel, by planstatus, category, gemeente
 * and status (`rijen: false` leaves out the rows per gemeente; the totals are the same).
 */
export function plancapaciteit(kavels: readonly KavelGroep[], { rijen: metRijen = true }: { rijen?: boolean } = {}) {
  const tellend = kavels.filter((k) => plancapaciteitStatus.has(k.status));
  const groepen = new Map<string, { planstatus: string; milieucategorie: string; gemeente: string; status: string; ha: number; kavels: KavelGroep[] }>();
  for (const k of metRijen ? tellend : []) {
    const sleutel = [k.gemeente, k.planstatus, k.milieucategorie_max, k.status].join('\u0000');
    let g = groepen.get(sleutel);
    if (!g) groepen.set(sleutel, (g = { planstatus: k.planstatus, milieucategorie: k.milieucategorie_max, gemeente: k.gemeente, status: k.status, ha: 0, kavels: [] }));
    g.ha += k.oppervlakte_ha;
    g.kavels.push(k);
  }
  const rijen = sorteer([...groepen.values()],
    [(g) => g.gemeente, nl.compare], [(g) => g.planstatus, nl.compare], [(g) => g.milieucategorie, categorieVolgorde], [(g) => g.status, nl.compare])
    .map((g) => ({ planstatus: g.planstatus, milieucategorie: g.milieucategorie, gemeente: g.gemeente, status: g.status, ha: g.ha, ids: { kavel: kavelIds(g.kavels) } }));
  // Per planstatus its total and its milieucategorieën, in one pass in the kavels' order
  // (the sums as a left-to-right sum): the series does this 21 times over 100,000 kavels.
  type Optelling = { ha: number; ids: number[] };
  const totalen = { hard: { ha: 0, ids: [] as number[], perCat: new Map<string, Optelling>() }, zacht: { ha: 0, ids: [] as number[], perCat: new Map<string, Optelling>() } };
  for (const k of tellend) {
    const t = k.planstatus === 'hard' ? totalen.hard : k.planstatus === 'zacht' ? totalen.zacht : undefined;
    if (!t) continue;
    let c = t.perCat.get(k.milieucategorie_max);
    if (!c) t.perCat.set(k.milieucategorie_max, (c = { ha: 0, ids: [] }));
    t.ha += k.oppervlakte_ha;
    c.ha += k.oppervlakte_ha;
    for (const id of k.ids) {
      t.ids.push(id);
      c.ids.push(id);
    }
  }
  const totaal = (t: (typeof totalen)['hard']) => ({
    ...cijfer(t.ha, { kavel: oplopend(t.ids) }),
    per_milieucategorie: Object.fromEntries([...t.perCat].sort(([a], [b]) => categorieVolgorde(a, b))
      .map(([code, c]) => [code, cijfer(c.ha, { kavel: oplopend(c.ids) })])),
  });
  return { rijen, hard: totaal(totalen.hard), zacht: totaal(totalen.zacht) };
}
export type Plancapaciteit = ReturnType<typeof plancapaciteit>;
