// What changed between two meetings: the change of every KPI, and the records added,
// changed (with their hectares before and after) and removed between two frozen
// snapshots. Pure: fed with the snapshots' figures and their records as read from the
// database (server/vergaderingen/queries.ts). A record counts as changed when what the
// monitor and the map use of it differs (its shape, by a hash of the geometry, or an
// attribute); a new version row with the same content is no change.

export type Veldwaarde = string | number | boolean | null;

/** One record behind a snapshot, with the values the comparison looks at. */
export interface SnapshotRecord {
  tabel: string;
  id: number;
  naam: string | null;
  gemeente: string | null;
  /** The hectares the monitor counts for it (netto verloren, area, toegewezen), or null. */
  ha: number | null;
  /** Compared one by one; the shape as `geometrie` (a hash). */
  velden: Record<string, Veldwaarde>;
}

/** The figures of a frozen balance that the comparison reads (server/balans). */
export interface BalansKern {
  definities: Record<string, { label: string }>;
  regio: {
    netto_verloren: { ha: number; per_fase: Record<string, { ha: number }> };
    vereiste_compensatie: { ha: number };
    toegewezen: { ha: number };
    nog_toe_te_wijzen: { ha: number };
    restant: { ha: number };
    compensatie_zonder_toewijzing: { ha: number };
    aandeel_gecompenseerd: number | null;
  };
  plancapaciteit: { hard: { ha: number }; zacht: { ha: number } };
  per_gemeente: { gemeente: string; verloren: { ha: number }; toegewezen_binnen: { ha: number }; toegewezen_elders: { ha: number }; restant: { ha: number } }[];
}

export type Eenheid = 'ha' | 'procent';

export interface KpiVerschil {
  code: string;
  label: string;
  eenheid: Eenheid;
  voor: number | null;
  na: number | null;
  verschil: number | null;
}

export interface GemeenteVerschil {
  gemeente: string;
  verloren: Paar;
  toegewezen: Paar;
  restant: Paar;
}

interface Paar {
  voor: number;
  na: number;
  verschil: number;
}

export interface RecordVerschil {
  tabel: string;
  id: number;
  naam: string | null;
  gemeente: string | null;
  ha_voor: number | null;
  ha_na: number | null;
  /** ha_na − ha_voor; for an added record its ha, for a removed one minus its ha. */
  verschil_ha: number | null;
  /** The fields that differ (for a changed record). */
  velden: string[];
}

export interface Vergelijking {
  kpis: KpiVerschil[];
  per_gemeente: GemeenteVerschil[];
  records: { toegevoegd: RecordVerschil[]; gewijzigd: RecordVerschil[]; verwijderd: RecordVerschil[] };
}

const FASE_LABEL: Record<string, string> = {
  voorgenomen: 'Netto verloren: voorgenomen', in_procedure: 'Netto verloren: in procedure', planologisch_verloren: 'Netto verloren: planologisch verloren',
};

/** The KPIs of a balance in a fixed order, each with its label as the balance defined it. */
export function kerncijfers(b: BalansKern): { code: string; label: string; eenheid: Eenheid; waarde: number | null }[] {
  const r = b.regio;
  const ha = (code: string, label: string, waarde: number) => ({ code, label: b.definities[code]?.label ?? label, eenheid: 'ha' as const, waarde });
  return [
    ha('netto_verloren', 'Netto verloren', r.netto_verloren.ha),
    ...Object.entries(r.netto_verloren.per_fase).map(([fase, c]) => ({
      code: `netto_verloren.${fase}`, label: FASE_LABEL[fase] ?? `Netto verloren: ${fase}`, eenheid: 'ha' as const, waarde: c.ha,
    })),
    ha('vereiste_compensatie', 'Vereiste compensatie', r.vereiste_compensatie.ha),
    ha('toegewezen', 'Toegewezen', r.toegewezen.ha),
    ha('nog_toe_te_wijzen', 'Nog toe te wijzen', r.nog_toe_te_wijzen.ha),
    ha('restant', 'Restant', r.restant.ha),
    ha('compensatie_zonder_toewijzing', 'Compensatie zonder toewijzing', r.compensatie_zonder_toewijzing.ha),
    { code: 'aandeel_gecompenseerd', label: 'Aandeel gecompenseerd', eenheid: 'procent', waarde: r.aandeel_gecompenseerd === null ? null : r.aandeel_gecompenseerd * 100 },
    { code: 'plancapaciteit.hard', label: 'Plancapaciteit hard', eenheid: 'ha', waarde: b.plancapaciteit.hard.ha },
    { code: 'plancapaciteit.zacht', label: 'Plancapaciteit zacht', eenheid: 'ha', waarde: b.plancapaciteit.zacht.ha },
  ];
}

const verschil = (voor: number | null, na: number | null) => (voor === null || na === null ? null : na - voor);

function kpiVerschillen(voor: BalansKern, na: BalansKern): KpiVerschil[] {
  const oud = new Map(kerncijfers(voor).map((k) => [k.code, k]));
  return kerncijfers(na).map((k) => {
    const v = oud.get(k.code)?.waarde ?? null;
    return { code: k.code, label: k.label, eenheid: k.eenheid, voor: v, na: k.waarde, verschil: verschil(v, k.waarde) };
  });
}

function gemeenteVerschillen(voor: BalansKern, na: BalansKern): GemeenteVerschil[] {
  type G = BalansKern['per_gemeente'][number];
  const cijfers = (g: G | undefined) => ({
    verloren: g?.verloren.ha ?? 0, toegewezen: (g?.toegewezen_binnen.ha ?? 0) + (g?.toegewezen_elders.ha ?? 0), restant: g?.restant.ha ?? 0,
  });
  const oud = new Map(voor.per_gemeente.map((g) => [g.gemeente, g]));
  const nieuw = new Map(na.per_gemeente.map((g) => [g.gemeente, g]));
  const namen = [...new Set([...oud.keys(), ...nieuw.keys()])].sort((a, b) => a.localeCompare(b, 'nl'));
  return namen.map((gemeente) => {
    const a = cijfers(oud.get(gemeente));
    const b = cijfers(nieuw.get(gemeente));
    const paar = (k: keyof typeof a): Paar => ({ voor: a[k], na: b[k], verschil: b[k] - a[k] });
    return { gemeente, verloren: paar('verloren'), toegewezen: paar('toegewezen'), restant: paar('restant') };
  });
}

/** Tables in the order a reader meets them on the map and in the monitor. */
export const TABEL_VOLGORDE = [
  'transformatie', 'compensatie', 'compensatie_toewijzing', 'kavel', 'terrein', 'kanszone', 'gemeente',
  'bestuursovereenkomst', 'kostenpost', 'vraagraming', 'planaanbod_gepubliceerd', 'advies',
];
const rang = (tabel: string) => {
  const i = TABEL_VOLGORDE.indexOf(tabel);
  return i < 0 ? TABEL_VOLGORDE.length : i;
};
const sleutel = (r: { tabel: string; id: number }) => `${r.tabel}:${r.id}`;
const volgorde = (a: RecordVerschil, b: RecordVerschil) => rang(a.tabel) - rang(b.tabel) || a.tabel.localeCompare(b.tabel) || a.id - b.id;

function recordVerschillen(voor: readonly SnapshotRecord[], na: readonly SnapshotRecord[]): Vergelijking['records'] {
  const oud = new Map(voor.map((r) => [sleutel(r), r]));
  const nieuw = new Map(na.map((r) => [sleutel(r), r]));
  const rij = (r: SnapshotRecord, ha_voor: number | null, ha_na: number | null, velden: string[] = []): RecordVerschil => ({
    tabel: r.tabel, id: r.id, naam: r.naam, gemeente: r.gemeente, ha_voor, ha_na,
    verschil_ha: ha_voor === null && ha_na === null ? null : (ha_na ?? 0) - (ha_voor ?? 0), velden,
  });
  const toegevoegd: RecordVerschil[] = [];
  const gewijzigd: RecordVerschil[] = [];
  const verwijderd: RecordVerschil[] = [];
  for (const [k, b] of nieuw) {
    const a = oud.get(k);
    if (!a) {
      toegevoegd.push(rij(b, null, b.ha));
      continue;
    }
    const namen = [...new Set([...Object.keys(a.velden), ...Object.keys(b.velden)])].sort();
    const anders = namen.filter((n) => !gelijk(a.velden[n] ?? null, b.velden[n] ?? null));
    if (anders.length) gewijzigd.push(rij(b, a.ha, b.ha, anders));
  }
  for (const [k, a] of oud) if (!nieuw.has(k)) verwijderd.push(rij(a, a.ha, null));
  return { toegevoegd: toegevoegd.sort(volgorde), gewijzigd: gewijzigd.sort(volgorde), verwijderd: verwijderd.sort(volgorde) };
}

/** Values as stored: numbers compare exactly (an unchanged record keeps its stored number). */
const gelijk = (a: Veldwaarde, b: Veldwaarde) => a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));

/** The comparison of the snapshot `voor` (the earlier meeting) with `na`. */
export function vergelijk(
  voor: { balans: BalansKern; records: readonly SnapshotRecord[] },
  na: { balans: BalansKern; records: readonly SnapshotRecord[] },
): Vergelijking {
  return {
    kpis: kpiVerschillen(voor.balans, na.balans),
    per_gemeente: gemeenteVerschillen(voor.balans, na.balans),
    records: recordVerschillen(voor.records, na.records),
  };
}

/** Dutch names of the compared fields, for lists of what changed. */
export const VELD_LABEL: Record<string, string> = {
  geometrie: 'vorm', naam: 'naam', status: 'status', planstatus: 'planstatus', milieucategorie_max: 'milieucategorie',
  nieuwe_functie: 'nieuwe functie', datum_terinzagelegging: 'datum terinzagelegging', datum_vaststelling: 'datum vaststelling',
  netto_verloren_ha: 'netto verloren', hectares: 'hectares', compensatie_id: 'compensatie', transformatie_id: 'transformatie',
  bestuursovereenkomst_id: 'bestuursovereenkomst', gemeente_id: 'gemeente', terrein_id: 'terrein', besluitpunt_datum: 'datum besluitpunt',
  buiten_regio: 'buiten de regio', version: 'inhoud', typologie: 'typologie', niet_te_transformeren: 'niet te transformeren',
  soort: 'soort',
};
