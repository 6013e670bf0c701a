// Zip files in and out. In: every entry is checked before anything is unpacked (no
// paths outside the folder, no absolute paths, a bounded number of files, bounded
// sizes and compression ratio against zip bombs), and the real bytes are counted
// again while unpacking, since a zip can lie about its sizes. Out: a Shapefile set
// plus the field-name list.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { ApiError } from '../http/errors.ts';

export const ZIP_LIMITS = {
  maxEntries: 2_000,
  /** Unpacked size of all entries together. */
  maxTotalBytes: 1024 * 1024 * 1024,
  /** Ratio above which a large entry is treated as a zip bomb (real Shapefiles stay far below). */
  maxRatio: 200,
  /** Entries smaller than this are not judged by their ratio. */
  ratioFromBytes: 10 * 1024 * 1024,
};

/** File types worth unpacking; everything else in the zip is left alone. */
const UITPAKKEN = /\.(shp|shx|dbf|prj|cpg|qpj|gpkg|geojson|json|fgb|csv)$/i;

const onveilig = (naam: string) => new ApiError(422, 'zip_onveilig_pad',
  `Het zip-bestand bevat een bestand met een pad buiten de map ('${naam.slice(0, 120)}'). Uit veiligheid is niets uitgepakt.`, { bestand: naam.slice(0, 200) });
const bom = (detail: string) => new ApiError(422, 'zip_bom',
  `Het zip-bestand pakt uit tot veel meer dan het groot is (${detail}). Uit veiligheid is niets uitgepakt.`);
const onleesbaar = (detail?: string) => new ApiError(422, 'zip_onleesbaar',
  'Het zip-bestand is beschadigd of is geen zip-bestand.', detail ? { detail } : undefined);

/** Is this entry name safe to unpack under a folder? (pure; exported for tests) */
export function veiligPad(naam: string): boolean {
  if (naam.includes('\0') || naam.includes('\\')) return false;
  if (naam.startsWith('/') || /^[A-Za-z]:/.test(naam)) return false;
  return !naam.split('/').some((deel) => deel === '..');
}

/** The name a file gets in the unpack folder: its own name, without folders. */
export const vlakkeNaam = (naam: string) =>
  path.posix.basename(naam).normalize('NFC').replace(/[^\p{L}\p{N}._ -]/gu, '_');

interface Entry { entry: yauzl.Entry; naam: string }

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false }, (err, zip) => {
      if (err || !zip) reject(onleesbaar(err?.message));
      else resolve(zip);
    });
  });
}

function entries(zip: yauzl.ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const list: Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      const raw = entry.fileName as unknown as Buffer;
      // Bit 11: the name is UTF-8; otherwise IBM 437, which agrees with ASCII for the checks.
      const naam = raw.toString((entry.generalPurposeBitFlag & 0x800) ? 'utf8' : 'latin1');
      list.push({ entry, naam });
      if (list.length > ZIP_LIMITS.maxEntries) {
        reject(new ApiError(422, 'zip_te_veel_bestanden', `Het zip-bestand bevat meer dan ${ZIP_LIMITS.maxEntries} bestanden.`));
        return;
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve(list));
    zip.on('error', (err: Error) => reject(onleesbaar(err.message)));
    zip.readEntry();
  });
}

/** Checks the whole zip, then unpacks the GIS files flat into `dir`; returns their paths. */
export async function pakUit(file: string, dir: string): Promise<string[]> {
  const zip = await openZip(file);
  try {
    const all = await entries(zip);
    let total = 0;
    for (const { entry, naam } of all) {
      if (!veiligPad(naam)) throw onveilig(naam);
      total += entry.uncompressedSize;
      if (total > ZIP_LIMITS.maxTotalBytes) throw bom(`meer dan ${ZIP_LIMITS.maxTotalBytes / 1024 / 1024} MB`);
      if (entry.uncompressedSize >= ZIP_LIMITS.ratioFromBytes
          && entry.uncompressedSize > ZIP_LIMITS.maxRatio * Math.max(entry.compressedSize, 1)) {
        throw bom(`'${vlakkeNaam(naam)}': ${Math.round(entry.uncompressedSize / 1024 / 1024)} MB uit ${Math.max(1, Math.round(entry.compressedSize / 1024))} kB`);
      }
    }
    const files = all.filter(({ naam }) => !naam.endsWith('/') && UITPAKKEN.test(naam) && !path.posix.basename(naam).startsWith('._'));
    const names = new Set<string>();
    for (const { naam } of files) {
      const flat = vlakkeNaam(naam).toLowerCase();
      if (names.has(flat)) throw new ApiError(422, 'zip_dubbele_naam', `Het zip-bestand bevat twee bestanden met de naam '${vlakkeNaam(naam)}' in verschillende mappen. Lever één set per naam aan.`);
      names.add(flat);
    }
    await mkdir(dir, { recursive: true });
    const written: string[] = [];
    let unpacked = 0;
    for (const { entry, naam } of files) {
      const target = path.join(dir, vlakkeNaam(naam));
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => {
        zip.openReadStream(entry, (err, s) => (err || !s ? reject(onleesbaar(err?.message)) : resolve(s)));
      });
      const limit = new Transform({
        transform(chunk: Buffer, _enc, done) {
          unpacked += chunk.length;
          if (unpacked > ZIP_LIMITS.maxTotalBytes) done(bom(`meer dan ${ZIP_LIMITS.maxTotalBytes / 1024 / 1024} MB`));
          else done(null, chunk);
        },
      });
      try {
        await pipeline(stream, limit, createWriteStream(target));
      } catch (err) {
        throw err instanceof ApiError ? err : onleesbaar((err as Error).message);
      }
      written.push(target);
    }
    return written;
  } finally {
    zip.close();
  }
}

/** A zip (as a Buffer) of files on disk plus extra text files. */
export async function maakZip(bestanden: { pad: string; naam: string }[], teksten: { naam: string; inhoud: string }[] = []): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const b of bestanden) zip.addFile(b.pad, b.naam);
  for (const t of teksten) zip.addBuffer(Buffer.from(t.inhoud, 'utf8'), t.naam);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
