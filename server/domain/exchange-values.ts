// Values from a municipality's file turned into ours: "3,1" and 3.1 become
// milieucategorie "3.1", "Ja"/"nee"/1/0 booleans, 01-03-2025 a date, "In optie" the
// status in_optie. Each returns the value or a Dutch reason why it cannot be read.
import { isRealDate } from './dates.ts';

export type VeldSoort = 'tekst' | 'getal' | 'ja_nee' | 'datum' | 'milieucategorie' | 'keuze';

export type Gelezen = { ok: true; waarde: string | number | boolean | null } | { ok: false; melding: string };

const leeg = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
const tekstVan = (v: unknown) => (typeof v === 'string' ? v.trim() : String(v));

const JA = new Set(['ja', 'j', 'true', 'waar', 'yes', 'y', '1', 'x']);
const NEE = new Set(['nee', 'n', 'false', 'onwaar', 'no', '0']);

function datum(v: unknown): Gelezen {
  const s = tekstVan(v);
  let iso: string | null = null;
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  if (!iso) return { ok: false, melding: `'${s}' is geen datum (gebruik JJJJ-MM-DD of DD-MM-JJJJ)` };
  if (!isRealDate(iso)) return { ok: false, melding: `'${s}' is geen bestaande datum` };
  return { ok: true, waarde: iso };
}

function milieucategorie(v: unknown, codes: readonly string[]): Gelezen {
  const s = tekstVan(v);
  // A range ("3.1 - 4.2") is two categories: which one this field wants is not ours to guess.
  if ((s.match(/(?<![\d.,])[1-6](?:[.,]\d)?(?![\d.,])/g) ?? []).length > 1) {
    return { ok: false, melding: `'${s}' noemt meer dan één milieucategorie; koppel de laagste en de hoogste elk aan hun eigen veld` };
  }
  const m = /(\d+)(?:[.,](\d))?/.exec(s);
  const code = m ? (m[2] !== undefined && m[2] !== '0' ? `${m[1]}.${m[2]}` : m[1]) : null;
  if (code && codes.includes(code)) return { ok: true, waarde: code };
  // 3 where only 3.1 and 3.2 exist is ambiguous: say so rather than guess.
  return { ok: false, melding: `'${s}' is geen milieucategorie; kies uit ${codes.join(', ')}` };
}

const sleutel = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().toLowerCase().replace(/[\s\-/]+/g, '_');

function keuze(v: unknown, waarden: readonly string[]): Gelezen {
  const s = tekstVan(v);
  const gevonden = waarden.find((w) => sleutel(w) === sleutel(s));
  return gevonden ? { ok: true, waarde: gevonden } : { ok: false, melding: `'${s}' is geen geldige waarde; kies uit ${waarden.join(', ')}` };
}

/**
 * Reads one source value as a value of our field; empty gives null (not given: an
 * update keeps the stored value, a new record gets the default), also for ja/nee,
 * where reading empty as "nee" would lift a terrein's protection on a re-delivery.
 */
export function leesWaarde(soort: VeldSoort, v: unknown, opties: { waarden?: readonly string[]; codes?: readonly string[] } = {}): Gelezen {
  if (leeg(v)) return { ok: true, waarde: null };
  if (soort === 'ja_nee') {
    if (typeof v === 'boolean') return { ok: true, waarde: v };
    const s = sleutel(tekstVan(v));
    if (JA.has(s)) return { ok: true, waarde: true };
    if (NEE.has(s)) return { ok: true, waarde: false };
    return { ok: false, melding: `'${tekstVan(v)}' is geen ja of nee` };
  }
  switch (soort) {
    case 'tekst': return { ok: true, waarde: tekstVan(v) };
    case 'getal': {
      const n = typeof v === 'number' ? v : Number(tekstVan(v).replace(/\s/g, '').replace(',', '.'));
      return Number.isFinite(n) ? { ok: true, waarde: n } : { ok: false, melding: `'${tekstVan(v)}' is geen getal` };
    }
    case 'datum': return datum(v);
    case 'milieucategorie': return milieucategorie(v, opties.codes ?? []);
    case 'keuze': return keuze(v, opties.waarden ?? []);
  }
}
