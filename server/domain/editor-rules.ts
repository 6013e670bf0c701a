// Rules for polygons drawn in the werkgroep editor, as pure functions of what
// PostGIS measured (server/editor/checks.ts does the measuring).
//  - transformatie on no business land (kavels ∪ terreinen)        → fout  geen_bedrijventerrein
//  - transformatie on a terrein marked niet_te_transformeren (R-T5) → fout  niet_te_transformeren
//  - compensatie overlapping an existing terrein                    → waarschuwing overlapt_terrein
//  - compensatie overlapping another (not vervallen) compensatie    → waarschuwing overlapt_compensatie
//  - transformatie before 2031 on a terrein not on the transformatielijst (R-T1)
//                                                                  → waarschuwing niet_op_transformatielijst
//  - transformatie overlapping an older (not vervallen) transformatie → waarschuwing overlapt_transformatie
//    (the older one holds that ground: its hectares are lost there, not again here)
// Fouten block the save (422); waarschuwingen are returned with the saved record.

import { haNl, opsomming, woord } from './nl-tekst.ts';

/** Overlaps smaller than this (m²) are noise from shared edges on the 1 mm grid. */
export const MIN_OVERLAP_M2 = 1;

export interface Overlap {
  id: number;
  naam: string | null;
  /** Overlap area in m² (RD New). */
  m2: number;
}

export interface Metingen {
  /** Layer path: transformaties, compensaties, … */
  laag: string;
  /** Area (m²) of the geometry on business land: kavels ∪ terreinen. */
  bedrijfsgrond_m2: number;
  /** Terreinen marked niet_te_transformeren that the geometry overlaps. */
  niet_te_transformeren: Overlap[];
  /** Terreinen the geometry overlaps. */
  terreinen: Overlap[];
  /** Other compensaties (not vervallen, not the record itself) the geometry overlaps. */
  compensaties: Overlap[];
  /** Terreinen not marked op_transformatielijst that the geometry overlaps (R-T1). */
  niet_op_lijst: Overlap[];
  /** Older transformaties (not vervallen) the geometry overlaps: they hold that ground. */
  transformaties?: Overlap[];
  /** The transformatie's decisive date (vaststelling, else terinzagelegging, else today), ISO. */
  datum: string;
}

/** R-T1: terreinen keep their business function "tot en met 2030" unless on the list. */
export const TRANSFORMATIELIJST_TOT = '2030-12-31';

/** Findings that block a save (422). */
export const FOUT_CODES = ['geen_bedrijventerrein', 'niet_te_transformeren'] as const;
/** Findings returned with the saved record. */
export const WAARSCHUWING_CODES = ['overlapt_terrein', 'overlapt_compensatie', 'niet_op_transformatielijst', 'overlapt_transformatie'] as const;

export interface Fout {
  code: (typeof FOUT_CODES)[number];
  message: string;
  ids?: number[];
}

export interface Waarschuwing {
  code: (typeof WAARSCHUWING_CODES)[number];
  message: string;
  overlap_ha: number;
  ids: number[];
}

export interface Oordeel {
  fouten: Fout[];
  waarschuwingen: Waarschuwing[];
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;
const names = (list: Overlap[]) => list.map((o) => o.naam ?? `#${o.id}`).join(', ');
const significant = (list: Overlap[]) => list.filter((o) => o.m2 >= MIN_OVERLAP_M2);

export function beoordeel(m: Metingen): Oordeel {
  const fouten: Fout[] = [];
  const waarschuwingen: Waarschuwing[] = [];

  if (m.laag === 'transformaties') {
    if (!(m.bedrijfsgrond_m2 >= MIN_OVERLAP_M2)) {
      fouten.push({
        code: 'geen_bedrijventerrein',
        message: 'Deze transformatie ligt niet op een bedrijventerrein of kavel. Teken de transformatie op bedrijfsgrond.',
      });
    }
    const blocked = significant(m.niet_te_transformeren);
    if (blocked.length) {
      fouten.push({
        code: 'niet_te_transformeren',
        message: `Deze transformatie ligt op een niet te transformeren bedrijventerrein (${names(blocked)}). ` +
          'Transformatie is daar niet toegestaan (provinciale aanduiding).',
        ids: blocked.map((o) => o.id),
      });
    }
    const nietOpLijst = significant(m.niet_op_lijst);
    if (nietOpLijst.length && m.datum <= TRANSFORMATIELIJST_TOT) {
      const ha = round4(nietOpLijst.reduce((s, o) => s + o.m2, 0) / 10_000);
      waarschuwingen.push({
        code: 'niet_op_transformatielijst',
        message: `Deze transformatie ligt over ${haNl(ha)} op een bedrijventerrein dat niet op de transformatielijst staat ` +
          `(${names(nietOpLijst)}). Volgens de regionale strategie houdt dat terrein tot en met 2030 de functie bedrijventerrein (R-T1).`,
        overlap_ha: ha,
        ids: nietOpLijst.map((o) => o.id),
      });
    }
    const ouder = significant(m.transformaties ?? []);
    if (ouder.length) {
      const ha = round4(ouder.reduce((s, o) => s + o.m2, 0) / 10_000);
      const wie = `${woord(ouder.length, 'transformatie', 'transformaties')} ${opsomming(ouder.map((o) => `${o.naam ?? 'zonder naam'} (#${o.id})`))}`;
      waarschuwingen.push({
        code: 'overlapt_transformatie',
        message: `Deze transformatie overlapt ${wie} over ${haNl(ha)}. Die grond hoort al bij ${woord(ouder.length, 'die transformatie', 'die transformaties')}: ` +
          'de hectares tellen daar als verloren, niet nog eens bij deze (netto verloren).',
        overlap_ha: ha,
        ids: ouder.map((o) => o.id),
      });
    }
  }

  if (m.laag === 'compensaties') {
    for (const [code, list, wat] of [
      ['overlapt_terrein', significant(m.terreinen), 'een bestaand bedrijventerrein'],
      ['overlapt_compensatie', significant(m.compensaties), 'een andere compensatielocatie'],
    ] as const) {
      if (!list.length) continue;
      const ha = round4(list.reduce((s, o) => s + o.m2, 0) / 10_000);
      waarschuwingen.push({
        code,
        message: `Deze compensatie overlapt ${wat} (${names(list)}) over ${haNl(ha)}. ` +
          'Bestaande bedrijfsgrond telt niet als compensatie.',
        overlap_ha: ha,
        ids: list.map((o) => o.id),
      });
    }
  }
  return { fouten, waarschuwingen };
}

/** Longest name a record takes (server/editor/writable.ts). */
export const MAX_NAAM = 200;

/**
 * The name of part `deel` (1 = the record itself) after a split: "Oude Haven (deel 2)",
 * the name shortened where the suffix would not fit. No name stays no name.
 */
export function deelNaam(naam: unknown, deel: number): string | null {
  if (typeof naam !== 'string' || naam.trim() === '') return null;
  const suffix = ` (deel ${deel})`;
  return `${naam.trim().slice(0, MAX_NAAM - suffix.length).trimEnd()}${suffix}`;
}
