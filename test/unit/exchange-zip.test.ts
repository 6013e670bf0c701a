// Zip safety of the import: entries outside the folder, zip bombs and corrupt files are
// refused before anything is unpacked; a sound zip unpacks its GIS files flat.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import yazl from 'yazl';
import { pakUit, veiligPad, vlakkeNaam, ZIP_LIMITS } from '../../server/exchange/zip.ts';
import { ApiError } from '../../server/http/errors.ts';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'exchange-zip-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

async function zipMet(entries: { naam: string; inhoud: Buffer | (() => Readable) }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    if (Buffer.isBuffer(e.inhoud)) zip.addBuffer(e.inhoud, e.naam);
    else zip.addReadStream(e.inhoud(), e.naam);
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function refusal(zip: Buffer, naam: string): Promise<{ error: ApiError; files: string[] }> {
  const file = path.join(dir, `${naam}.zip`);
  await writeFile(file, zip);
  const target = path.join(dir, `${naam}-uit`);
  const error = await pakUit(file, target).then(() => null, (e: unknown) => e);
  expect(error, 'expected a refusal').toBeInstanceOf(ApiError);
  const files = await readdir(target).catch(() => []);
  return { error: error as ApiError, files };
}

describe('veiligPad', () => {
  it.each(['../kavels.shp', 'a/../../kavels.shp', '/etc/passwd', 'C:/x.shp', 'a\\..\\b.shp'])('refuses %s', (p) => {
    expect(veiligPad(p)).toBe(false);
  });
  it.each(['kavels.shp', 'map/sub/kavels.shp', 'kavels..shp'])('accepts %s', (p) => {
    expect(veiligPad(p)).toBe(true);
  });
  it('flattens names and keeps accents', () => {
    expect(vlakkeNaam('map/Kavels één.shp')).toBe('Kavels één.shp');
  });
});

describe('pakUit', () => {
  it('unpacks the GIS files of a sound zip, flat, and leaves other files alone', async () => {
    const zip = await zipMet([
      { naam: 'levering/kavels.shp', inhoud: Buffer.from('shp') },
      { naam: 'levering/kavels.dbf', inhoud: Buffer.from('dbf') },
      { naam: 'levering/leesmij.exe', inhoud: Buffer.from('x') },
    ]);
    await writeFile(path.join(dir, 'ok.zip'), zip);
    const files = await pakUit(path.join(dir, 'ok.zip'), path.join(dir, 'ok-uit'));
    expect(files.map((f) => path.basename(f)).sort()).toEqual(['kavels.dbf', 'kavels.shp']);
    expect(await readFile(path.join(dir, 'ok-uit', 'kavels.shp'), 'utf8')).toBe('shp');
  });

  it('refuses an entry that climbs out of the folder, and unpacks nothing', async () => {
    // yazl refuses to write such a name, so the name is patched in the finished zip.
    const zip = await zipMet([{ naam: 'goed.prj', inhoud: Buffer.from('PROJCS') }, { naam: 'xx/kwaad.shp', inhoud: Buffer.from('x') }]);
    const patched = Buffer.from(zip.toString('latin1').split('xx/kwaad.shp').join('../kwaad.sh'.padEnd(12, 'p')), 'latin1');
    const { error, files } = await refusal(patched, 'traversal');
    expect(error).toMatchObject({ status: 422, code: 'zip_onveilig_pad' });
    expect(error.message).toMatch(/buiten de map/);
    expect(files).toEqual([]);
  });

  it('refuses a zip bomb by its compression ratio, and unpacks nothing', async () => {
    const groot = ZIP_LIMITS.ratioFromBytes * 3;
    const zip = await zipMet([
      { naam: 'goed.prj', inhoud: Buffer.from('PROJCS') },
      { naam: 'bom.dbf', inhoud: () => Readable.from((function* () { for (let i = 0; i < groot / 65536; i++) yield Buffer.alloc(65536); })()) },
    ]);
    expect(zip.length).toBeLessThan(groot / 200);
    const { error, files } = await refusal(zip, 'bom');
    expect(error).toMatchObject({ status: 422, code: 'zip_bom' });
    expect(files).toEqual([]);
  }, 30_000);

  it('refuses a corrupt zip', async () => {
    const { error } = await refusal(Buffer.from('PK\u0003\u0004 dit is geen zip'), 'kapot');
    expect(error).toMatchObject({ status: 422, code: 'zip_onleesbaar' });
  });
});
