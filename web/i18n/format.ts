// Dutch number and date formatting (decimal comma, thousands point).
import { t } from './nl.ts';
import { datumKort, datumLang, tijdstipNl } from '../../server/domain/dates.ts';

/** Counts with the right noun ("1 verhuizing", "3 kavels"), shared with the server's messages. */
export { aantal, opsomming, wachttijd, woord } from '../../server/domain/nl-tekst.ts';

const hectare = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const integer = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });

/** 12.3456 → "12,35 ha" */
export function formatHectare(ha: number | null | undefined): string {
  return ha == null || !Number.isFinite(ha) ? t.waarde.geen : `${hectare.format(ha)} ha`;
}

export function formatInteger(n: number | null | undefined): string {
  return n == null || !Number.isFinite(n) ? t.waarde.geen : integer.format(n);
}

// Dates: the one Dutch format of the product (server/domain/dates.ts), never ISO.
/** "2025-09-15" → "15 september 2025": in panels and sentences. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? datumLang(iso) : t.waarde.geen;
}

/** "2025-09-15" → "15-09-2025": in tables, lists and CSV exports. */
export function formatDateShort(iso: string | null | undefined): string {
  return iso ? datumKort(iso) : t.waarde.geen;
}

/** A moment (audit time) → "15-09-2025 14:03", Dutch time. */
export function formatMoment(iso: string | null | undefined): string {
  return iso ? tijdstipNl(iso) : t.waarde.geen;
}

export function formatBoolean(value: boolean | null | undefined): string {
  return value == null ? t.waarde.onbekend : value ? t.waarde.ja : t.waarde.nee;
}

/** Code values such as "ontwerp_ter_inzage" → "Ontwerp ter inzage". */
export function formatEnum(value: string | null | undefined): string {
  if (!value) return t.waarde.geen;
  const known = t.waarde.enum[value];
  if (known) return known;
  const words = value.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function formatBron(bron: string | null | undefined): string {
  return bron ? t.waarde.bron[bron] ?? formatEnum(bron) : t.waarde.geen;
}
