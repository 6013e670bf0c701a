// The attributes an import can fill per layer, read from the layer's own write schema
// (server/editor/writable.ts) so import and editor accept the same values. The
// gemeente and a kavel's terrein come from the geometry, as in the editor.
import { z } from '@hono/zod-openapi';
import { writableLayer } from '../editor/writable.ts';
import type { VeldSoort } from '../domain/exchange-values.ts';
import type { Doel } from '../domain/exchange-codes.ts';

export { DOELEN, type Doel } from '../domain/exchange-codes.ts';

export interface Doelveld {
  naam: string;
  label: string;
  soort: VeldSoort;
  verplicht: boolean;
  /** May be emptied; an empty value of a field that may not keeps the current (or default) value. */
  leeg_toegestaan: boolean;
  /** Allowed values of a keuze field. */
  waarden?: string[];
}

/**
 * Never mapped: derived from the geometry, or (ingangsdatum) no column but the valid
 * time of one whole editor write; an import's changes take effect on the day it runs.
 */
const AFGELEID = new Set(['gemeente_id', 'terrein_id', 'zittende_bedrijven', 'ingangsdatum']);

const LABELS: Record<string, string> = {
  naam: 'Naam', status: 'Status', planstatus: 'Planstatus', typologie: 'Typologie',
  milieucategorie_min: 'Milieucategorie (laagste)', milieucategorie_max: 'Milieucategorie (hoogste)',
  watergebonden: 'Watergebonden', beschikbaar_vanaf: 'Beschikbaar vanaf', eigendom: 'Eigendom',
  op_transformatielijst: 'Op transformatielijst', niet_te_transformeren: 'Niet te transformeren',
  soort: 'Soort', omschrijving: 'Omschrijving', nieuwe_functie: 'Nieuwe functie',
  datum_terinzagelegging: 'Datum terinzagelegging', datum_vaststelling: 'Datum vaststelling',
  besluitpunt_ref: 'Besluitpunt (verwijzing)', besluitpunt_datum: 'Datum besluitpunt',
};

function unwrap(t: z.ZodType): z.ZodType {
  let cur = t;
  while (cur instanceof z.ZodNullable || cur instanceof z.ZodOptional) cur = cur.unwrap() as z.ZodType;
  return cur;
}

function soortVan(naam: string, t: z.ZodType): { soort: VeldSoort; waarden?: string[] } {
  const inner = unwrap(t);
  if (inner instanceof z.ZodEnum) return { soort: 'keuze', waarden: inner.options.map(String) };
  if (inner instanceof z.ZodBoolean) return { soort: 'ja_nee' };
  if (inner instanceof z.ZodNumber) return { soort: 'getal' };
  if (naam.startsWith('milieucategorie')) return { soort: 'milieucategorie' };
  if (naam.startsWith('datum') || naam.endsWith('_datum') || naam === 'beschikbaar_vanaf') return { soort: 'datum' };
  return { soort: 'tekst' };
}

export function doelvelden(doel: Doel): Doelveld[] {
  const layer = writableLayer(doel)!;
  return Object.entries(layer.schema.shape)
    .filter(([naam]) => !AFGELEID.has(naam))
    .map(([naam, t]) => ({
      naam, label: LABELS[naam] ?? naam, verplicht: layer.required.includes(naam),
      leeg_toegestaan: (t as z.ZodType).safeParse(null).success, ...soortVan(naam, t as z.ZodType),
    }));
}
