// The attribute form of each editable layer, matching server/editor/writable.ts
// (same keys, the same enumerations from server/domain, same required fields). Only
// these keys are ever sent: the server's schemas are strict.
import { t } from '../i18n/nl.ts';
import type { EditableLayer } from '../api/layers.ts';
import type { Properties } from '../api/edits.ts';
import type { Schemas } from '../api/http.ts';
import { BEWERKBARE_KAVEL_STATUSSEN, WORKFLOW_STATUS } from '../../server/domain/kavel-status.ts';
import {
  COMPENSATIE_STATUSSEN, EIGENDOMMEN, KANSZONE_SOORTEN, NIEUWE_FUNCTIES, PLANSTATUSSEN, TRANSFORMATIE_STATUSSEN, TYPOLOGIEEN,
} from '../../server/domain/layer-values.ts';
import { today } from '../../server/domain/dates.ts';

export type ZittendBedrijf = Schemas['ZittendBedrijf'];

// 'gemeente': chosen among the gemeenten under the drawing; empty = follow the drawing (not sent).
// 'bedrijven': the zittende bedrijven, held in the form as JSON text so it compares like any field.
export type FieldKind = 'text' | 'textarea' | 'enum' | 'date' | 'bool' | 'categorie' | 'terrein' | 'gemeente' | 'bedrijven';

export interface Field {
  key: string;
  label: string;
  kind: FieldKind;
  options?: readonly string[];
  required?: boolean;
  /** Value for a new record. */
  initial?: string | boolean | null;
  /** A value only a workflow sets and clears (a kavel in optie: the match): shown, not editable. */
  workflowValue?: string;
  /** Starts as today for a new and an edited record alike (the date a change takes effect). */
  vandaag?: boolean;
}

/**
 * The date a change takes effect (valid time, shown in the history and used by the
 * monitor for any peildatum); not a column: the server keeps it as geldig_vanaf.
 */
const INGANGSDATUM: Field = { key: 'ingangsdatum', label: 'Datum van deze wijziging', kind: 'date', vandaag: true };

const f = t.formulier;

const NAAM: Field = { key: 'naam', label: f.naam, kind: 'text', required: true };

/** A choice among the server's values: always required, a new record starts with `initial`. */
const keuze = (key: string, label: string, options: readonly string[], initial: string, extra?: Pick<Field, 'workflowValue'>): Field =>
  ({ key, label, kind: 'enum', options, required: true, initial, ...extra });

/** A yes/no attribute: a new record starts with no. */
const jaNee = (key: string, label: string): Field => ({ key, label, kind: 'bool', initial: false });

/** The milieucategorie range (lowest and highest allowed category); a kavel must have its highest. */
const milieucategorieen = (maxVerplicht = false): Field[] => [
  { key: 'milieucategorie_min', label: f.milieucategorieMin, kind: 'categorie' },
  { key: 'milieucategorie_max', label: f.milieucategorieMax, kind: 'categorie', ...(maxVerplicht ? { required: true } : {}) },
];

export const FIELDS: Record<EditableLayer, Field[]> = {
  transformaties: [
    NAAM,
    { key: 'gemeente_id', label: f.transformerendeGemeente, kind: 'gemeente' },
    keuze('nieuwe_functie', f.nieuweFunctie, NIEUWE_FUNCTIES, 'wonen'),
    keuze('status', f.status, TRANSFORMATIE_STATUSSEN, 'idee'),
    { key: 'datum_terinzagelegging', label: f.terinzagelegging, kind: 'date' },
    { key: 'datum_vaststelling', label: f.vaststelling, kind: 'date' },
    { key: 'zittende_bedrijven', label: f.zittendeBedrijven, kind: 'bedrijven', initial: '[]' },
    INGANGSDATUM,
  ],
  compensaties: [
    NAAM,
    { key: 'gemeente_id', label: f.gemeente, kind: 'gemeente' },
    keuze('status', f.status, COMPENSATIE_STATUSSEN, 'gepland'),
    keuze('planstatus', f.planstatus, PLANSTATUSSEN, 'zacht'),
    ...milieucategorieen(),
    jaNee('watergebonden', f.watergebonden),
    { key: 'besluitpunt_ref', label: f.besluitpuntRef, kind: 'text' },
    { key: 'besluitpunt_datum', label: f.besluitpuntDatum, kind: 'date' },
    INGANGSDATUM,
  ],
  kavels: [
    { key: 'naam', label: f.naam, kind: 'text' },
    { key: 'terrein_id', label: f.terrein, kind: 'terrein', required: true },
    ...milieucategorieen(true),
    keuze('status', f.status, BEWERKBARE_KAVEL_STATUSSEN, 'beschikbaar', { workflowValue: WORKFLOW_STATUS }),
    keuze('planstatus', f.planstatus, PLANSTATUSSEN, 'hard'),
    keuze('eigendom', f.eigendom, EIGENDOMMEN, 'onbekend'),
    { key: 'beschikbaar_vanaf', label: f.beschikbaarVanaf, kind: 'date' },
    jaNee('watergebonden', f.watergebonden),
    INGANGSDATUM,
  ],
  kanszones: [
    NAAM,
    keuze('soort', f.soort, KANSZONE_SOORTEN, 'overig'),
    { key: 'terrein_id', label: f.terrein, kind: 'terrein' },
    { key: 'omschrijving', label: f.omschrijving, kind: 'textarea' },
  ],
  terreinen: [
    NAAM,
    keuze('typologie', f.typologie, TYPOLOGIEEN, 'onbekend'),
    ...milieucategorieen(),
    jaNee('watergebonden', f.watergebonden),
    jaNee('op_transformatielijst', f.opTransformatielijst),
    jaNee('niet_te_transformeren', f.nietTeTransformeren),
  ],
};

export type FormValues = Record<string, string | boolean>;

/** Form state from a record's properties (or the defaults of a new record). */
export function initialValues(layer: EditableLayer, properties?: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const field of FIELDS[layer]) {
    const v = field.vandaag ? today() : properties ? properties[field.key] : field.initial;
    out[field.key] = field.kind === 'bool' ? v === true
      : field.kind === 'bedrijven' ? JSON.stringify(Array.isArray(v) ? v : JSON.parse(String(v ?? '[]')))
      : v == null ? '' : String(v);
  }
  return out;
}

/** Form state → API properties: empty optional fields become null, ids become numbers. */
export function toProperties<L extends EditableLayer>(layer: L, values: FormValues): Properties<L> {
  const out: Record<string, unknown> = {};
  for (const field of FIELDS[layer]) {
    const v = values[field.key];
    if (field.kind === 'bool') out[field.key] = v === true;
    else if (field.kind === 'bedrijven') out[field.key] = bedrijvenOf(v);
    else if (field.kind === 'gemeente') {
      if (v) out[field.key] = Number(v);
    } else if (v === '' || v == null) {
      if (!field.required) out[field.key] = null;
    } else if (field.kind === 'terrein') out[field.key] = Number(v);
    else out[field.key] = typeof v === 'string' ? v.trim() : v;
  }
  // The fields and their options are the server's (see the header): the values have its types.
  return out as Properties<L>;
}

/** Only what changed, so a PATCH does not touch fields someone else may have edited. */
export function changedProperties<L extends EditableLayer>(layer: L, before: FormValues, after: FormValues): Properties<L> {
  const all: Record<string, unknown> = toProperties(layer, after);
  const changed: Record<string, unknown> = {};
  for (const field of FIELDS[layer]) if (before[field.key] !== after[field.key] && field.key in all) changed[field.key] = all[field.key];
  return changed as Properties<L>;
}

/** The zittende bedrijven held in a form value; the API drops no field, so nor do we. */
export function bedrijvenOf(value: string | boolean | undefined): ZittendBedrijf[] {
  const list = typeof value === 'string' && value ? (JSON.parse(value) as ZittendBedrijf[]) : [];
  return list.map((b) => ({
    naam: b.naam.trim(), gebruikspositie: b.gebruikspositie, ...(b.status?.trim() ? { status: b.status.trim() } : {}),
  }));
}

/** Dutch message per missing required field (and per company without a name), or null. */
export function missingRequired(layer: EditableLayer, values: FormValues): string | null {
  const missing = FIELDS[layer].filter((fl) => fl.required && fl.kind !== 'bool' && !String(values[fl.key] ?? '').trim());
  if (missing.length) return `${missing.map((m) => m.label).join(', ')}: ${t.editor.verplicht}`;
  const bedrijven = FIELDS[layer].find((fl) => fl.kind === 'bedrijven');
  if (bedrijven && bedrijvenOf(values[bedrijven.key]).some((b) => !b.naam)) return t.editor.bedrijfZonderNaam;
  return null;
}
