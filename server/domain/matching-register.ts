// The register of space requests (ruimtevragen) with their company (bedrijf):
// the input rules shared by the API and the CSV import, and the CSV reader with
// a per-row report in Dutch. Pure: look-ups of reference data are passed in.
import { z } from '@hono/zod-openapi';
import { parse } from 'csv-parse/sync';
import { IsoDate } from './dates.ts';
import { GEBRUIKSPOSITIES, REDENEN, VRAAG_STATUS } from './matching-codes.ts';

const Tekst = (max: number) => z.string().trim().max(max, `ten hoogste ${max} tekens`);

export const BedrijfVelden = {
  naam: Tekst(200).min(1, 'de bedrijfsnaam is verplicht'),
  kvk_nummer: z.string().regex(/^[0-9]{8}$/, 'een KvK-nummer bestaat uit 8 cijfers').nullable(),
  sector: Tekst(200).nullable(),
  arbeidsplaatsen: z.number({ message: 'moet een getal zijn' }).int('moet een geheel getal zijn').min(0, 'mag niet negatief zijn').max(1_000_000, 'is te groot').nullable(),
  huidige_kavel_id: z.number({ message: 'moet een kavelnummer zijn' }).int('moet een kavelnummer zijn').positive('moet een kavelnummer zijn').nullable(),
  gebruikspositie: z.enum(GEBRUIKSPOSITIES, { message: "kies 'huurder' of 'eigenaar'" }).nullable(),
  milieucategorie_activiteit: z.string().min(1).max(10).nullable(),
};

export const VraagVelden = {
  min_ha: z.number({ message: 'moet een getal (hectare) zijn' }).positive('moet groter dan 0 zijn').max(1000, 'is onrealistisch groot'),
  max_ha: z.number({ message: 'moet een getal (hectare) zijn' }).positive('moet groter dan 0 zijn').max(1000, 'is onrealistisch groot'),
  milieucategorie: z.string({ message: 'is verplicht' }).min(1, 'is verplicht').max(10),
  watergebonden: z.boolean({ message: 'moet ja of nee zijn' }),
  gewenste_gemeente_ids: z.array(z.number().int().positive(), { message: 'moet een lijst gemeente-id’s zijn' }).max(20),
  gewenst_vanaf: IsoDate.nullable(),
  gewenst_tot: IsoDate.nullable(),
  reden: z.enum(REDENEN, { message: `kies uit: ${REDENEN.join(', ')}` }),
  voorrang: z.boolean({ message: 'moet ja of nee zijn' }),
  status: z.enum(VRAAG_STATUS, { message: `kies uit: ${VRAAG_STATUS.join(', ')}` }),
  accountmanager: Tekst(200).nullable(),
  notities: Tekst(5000).nullable(),
};

export const BedrijfInvoer = z.object({
  ...BedrijfVelden,
  kvk_nummer: BedrijfVelden.kvk_nummer.optional(),
  sector: BedrijfVelden.sector.optional(),
  arbeidsplaatsen: BedrijfVelden.arbeidsplaatsen.optional(),
  huidige_kavel_id: BedrijfVelden.huidige_kavel_id.optional(),
  gebruikspositie: BedrijfVelden.gebruikspositie.optional(),
  milieucategorie_activiteit: BedrijfVelden.milieucategorie_activiteit.optional(),
}).strict();

export const RuimtevraagNieuw = z.object({
  bedrijf: BedrijfInvoer,
  min_ha: VraagVelden.min_ha,
  max_ha: VraagVelden.max_ha,
  milieucategorie: VraagVelden.milieucategorie,
  reden: VraagVelden.reden,
  watergebonden: VraagVelden.watergebonden.optional(),
  gewenste_gemeente_ids: VraagVelden.gewenste_gemeente_ids.optional(),
  gewenst_vanaf: VraagVelden.gewenst_vanaf.optional(),
  gewenst_tot: VraagVelden.gewenst_tot.optional(),
  voorrang: VraagVelden.voorrang.optional(),
  status: VraagVelden.status.optional(),
  accountmanager: VraagVelden.accountmanager.optional(),
  notities: VraagVelden.notities.optional(),
}).strict().superRefine(kruisControles);

export const RuimtevraagWijziging = z.object({
  version: z.number().int().positive().optional(),
  bedrijf: z.object(BedrijfVelden).partial().strict().optional(),
  ...Object.fromEntries(Object.entries(VraagVelden).map(([k, s]) => [k, s.optional()])) as { [K in keyof typeof VraagVelden]: z.ZodOptional<(typeof VraagVelden)[K]> },
}).strict();

export type RuimtevraagNieuwT = z.infer<typeof RuimtevraagNieuw>;
export type RuimtevraagWijzigingT = z.infer<typeof RuimtevraagWijziging>;

/** Rules across fields; also applied to the merged row on a change. */
export function kruisFouten(v: { min_ha?: number; max_ha?: number; gewenst_vanaf?: string | null; gewenst_tot?: string | null }): { veld: string; melding: string }[] {
  const out: { veld: string; melding: string }[] = [];
  if (v.min_ha !== undefined && v.max_ha !== undefined && v.max_ha < v.min_ha) out.push({ veld: 'max_ha', melding: 'max_ha moet minstens min_ha zijn' });
  if (v.gewenst_vanaf && v.gewenst_tot && v.gewenst_tot < v.gewenst_vanaf) out.push({ veld: 'gewenst_tot', melding: 'gewenst_tot ligt vóór gewenst_vanaf' });
  return out;
}

function kruisControles(v: Parameters<typeof kruisFouten>[0], ctx: z.RefinementCtx) {
  for (const f of kruisFouten(v)) ctx.addIssue({ code: 'custom', path: [f.veld], message: f.melding });
}

// ---------------------------------------------------------------- CSV import

export interface Opzoek {
  milieucategorieen: ReadonlySet<string>;
  /** lower-case gemeente name → id */
  gemeenten: ReadonlyMap<string, number>;
  kavelIds: ReadonlySet<number>;
}

export interface ImportFout {
  /** Line in the file: the header is row 1, the first data row is row 2. */
  rij: number;
  veld: string;
  melding: string;
}

export interface ImportRij {
  rij: number;
  invoer: RuimtevraagNieuwT;
}

/** Dutch column headers (and common variants) → field. */
const KOPPEN: Record<string, string> = {
  bedrijf: 'naam', bedrijfsnaam: 'naam', naam: 'naam', naam_bedrijf: 'naam',
  kvk: 'kvk_nummer', kvk_nummer: 'kvk_nummer', kvknummer: 'kvk_nummer', kvk_nr: 'kvk_nummer',
  sector: 'sector', branche: 'sector',
  arbeidsplaatsen: 'arbeidsplaatsen', aantal_arbeidsplaatsen: 'arbeidsplaatsen', werknemers: 'arbeidsplaatsen',
  huidige_kavel: 'huidige_kavel_id', huidige_kavel_id: 'huidige_kavel_id', kavel: 'huidige_kavel_id',
  gebruikspositie: 'gebruikspositie', huurder_eigenaar: 'gebruikspositie', huurder_of_eigenaar: 'gebruikspositie',
  milieucategorie_activiteit: 'milieucategorie_activiteit', milieucategorie_bedrijf: 'milieucategorie_activiteit', categorie_activiteit: 'milieucategorie_activiteit',
  min_ha: 'min_ha', minimaal_ha: 'min_ha', min_hectare: 'min_ha', minimum_ha: 'min_ha',
  max_ha: 'max_ha', maximaal_ha: 'max_ha', max_hectare: 'max_ha', maximum_ha: 'max_ha',
  milieucategorie: 'milieucategorie', milieucategorie_vraag: 'milieucategorie', benodigde_milieucategorie: 'milieucategorie',
  watergebonden: 'watergebonden',
  gewenste_gemeenten: 'gewenste_gemeenten', gewenste_gemeente: 'gewenste_gemeenten', gemeenten: 'gewenste_gemeenten', gemeente: 'gewenste_gemeenten',
  gewenst_vanaf: 'gewenst_vanaf', vanaf: 'gewenst_vanaf', gewenst_van: 'gewenst_vanaf',
  gewenst_tot: 'gewenst_tot', tot: 'gewenst_tot', uiterlijk: 'gewenst_tot',
  reden: 'reden', voorrang: 'voorrang', status: 'status', accountmanager: 'accountmanager',
  notities: 'notities', opmerkingen: 'notities', toelichting: 'notities',
};
const BEDRIJF_KOLOMMEN = new Set(Object.keys(BedrijfVelden));

export const normaliseerKop = (h: string) =>
  h.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');

const JA = new Set(['ja', 'j', 'true', 'waar', '1', 'yes', 'y', 'x']);
const NEE = new Set(['nee', 'n', 'false', 'onwaar', '0', 'no', '']);

/** Reads a CSV (semicolon or comma separated, Dutch headers) and validates each row. */
/** `aantal`: the data rows read (without the header), valid or not. */
export function leesRuimtevragenCsv(text: string, opzoek: Opzoek): { rijen: ImportRij[]; fouten: ImportFout[]; aantal: number } {
  const fouten: ImportFout[] = [];
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) && firstLine.includes(';') ? ';' : ',';
  let records: string[][];
  try {
    records = parse(body, { delimiter, skip_empty_lines: true, relax_column_count: true, trim: true, bom: true }) as string[][];
  } catch (err) {
    const e = err as { lines?: number; message: string };
    return { rijen: [], aantal: 0, fouten: [{ rij: e.lines ?? 1, veld: '', melding: `Het CSV-bestand kan niet worden gelezen: ${e.message}` }] };
  }
  if (records.length === 0) return { rijen: [], aantal: 0, fouten: [{ rij: 1, veld: '', melding: 'Het bestand is leeg.' }] };
  const header = records[0].map((h) => KOPPEN[normaliseerKop(h)] ?? null);
  records[0].forEach((h, i) => {
    if (header[i] === null && h.trim() !== '') fouten.push({ rij: 1, veld: h, melding: `Onbekende kolom '${h}'.` });
  });
  for (const verplicht of ['naam', 'min_ha', 'max_ha', 'milieucategorie', 'reden']) {
    if (!header.includes(verplicht)) fouten.push({ rij: 1, veld: verplicht, melding: `De kolom '${verplicht}' ontbreekt.` });
  }
  if (fouten.length) return { rijen: [], fouten, aantal: records.length - 1 };
  if (records.length === 1) return { rijen: [], aantal: 0, fouten: [{ rij: 1, veld: '', melding: 'Het bestand bevat geen rijen onder de kopregel.' }] };

  const rijen: ImportRij[] = [];
  records.slice(1).forEach((rec, idx) => {
    const rij = idx + 2;
    const fout = (veld: string, melding: string) => fouten.push({ rij, veld, melding });
    const raw: Record<string, string> = {};
    header.forEach((f, i) => { if (f) raw[f] = (rec[i] ?? '').trim(); });
    const bedrijf: Record<string, unknown> = {};
    const vraag: Record<string, unknown> = {};
    const put = (f: string, v: unknown) => { if (v !== undefined) (BEDRIJF_KOLOMMEN.has(f) ? bedrijf : vraag)[f] = v; };
    for (const [f, s] of Object.entries(raw)) {
      if (f === 'gewenste_gemeenten') {
        const names = s.split(/[,;|/]/).map((n) => n.trim()).filter(Boolean);
        const ids: number[] = [];
        for (const n of names) {
          const id = opzoek.gemeenten.get(n.toLowerCase());
          if (id === undefined) fout('gewenste_gemeenten', `Onbekende gemeente '${n}'.`);
          else ids.push(id);
        }
        put('gewenste_gemeente_ids', ids);
      } else if (f === 'watergebonden' || f === 'voorrang') {
        const l = s.toLowerCase();
        if (JA.has(l)) put(f, true);
        else if (NEE.has(l)) put(f, false);
        else fout(f, `'${s}' is geen ja of nee.`);
      } else if (f === 'min_ha' || f === 'max_ha' || f === 'arbeidsplaatsen' || f === 'huidige_kavel_id') {
        if (s === '') { if (f === 'min_ha' || f === 'max_ha') fout(f, 'Verplicht veld is leeg.'); else put(f, null); continue; }
        const n = Number(s.replace(/\s/g, '').replace(',', '.'));
        if (!Number.isFinite(n) || !/^-?[\d\s]+([.,]\d+)?$/.test(s)) { fout(f, `'${s}' is geen getal.`); continue; }
        if (f === 'huidige_kavel_id' && !opzoek.kavelIds.has(n)) { fout(f, `Kavel ${s} bestaat niet.`); continue; }
        put(f, n);
      } else if (f === 'gewenst_vanaf' || f === 'gewenst_tot') {
        if (s === '') { put(f, null); continue; }
        const m = s.match(/^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/);
        put(f, m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : s);
      } else if (f === 'reden' || f === 'status' || f === 'gebruikspositie') {
        put(f, s === '' ? (f === 'gebruikspositie' ? null : undefined) : s.toLowerCase().replace(/[\s-]+/g, '_'));
      } else if (f === 'kvk_nummer') {
        put(f, s === '' ? null : s.replace(/[\s.]/g, ''));
      } else if (f === 'milieucategorie' || f === 'milieucategorie_activiteit') {
        const code = s.replace(/^cat(egorie)?\.?\s*/i, '').replace(',', '.');
        if (code === '') { if (f === 'milieucategorie') fout(f, 'Verplicht veld is leeg.'); else put(f, null); continue; }
        if (!opzoek.milieucategorieen.has(code)) { fout(f, `Onbekende milieucategorie '${s}'.`); continue; }
        put(f, code);
      } else {
        put(f, s === '' ? (f === 'naam' ? '' : null) : s);
      }
    }
    const parsed = RuimtevraagNieuw.safeParse({ ...vraag, bedrijf });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const veld = String(issue.path[issue.path.length - 1] ?? '');
        // Fields already reported above are not reported twice.
        if (fouten.some((f) => f.rij === rij && (f.veld === veld || (veld === 'gewenste_gemeente_ids' && f.veld === 'gewenste_gemeenten')))) continue;
        fout(veld, `${veld}: ${issue.message}.`);
      }
      // Zod skips the cross-field rules when a field fails; report them all the same.
      for (const k of kruisFouten(vraag as Parameters<typeof kruisFouten>[0])) {
        if (!fouten.some((f) => f.rij === rij && f.veld === k.veld)) fout(k.veld, `${k.veld}: ${k.melding}.`);
      }
    } else if (!fouten.some((f) => f.rij === rij)) {
      rijen.push({ rij, invoer: parsed.data });
    }
  });
  return { rijen: fouten.length ? [] : rijen, fouten, aantal: records.length - 1 };
}
