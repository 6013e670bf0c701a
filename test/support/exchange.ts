// Helpers for the exchange tests: upload files to the import, run its steps and wait
// for them, and write test files with GDAL (the server's own worker).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { EXCHANGE_DIR, gdal } from '../../server/exchange/gdal-thread.ts';
import { maakZip } from '../../server/exchange/zip.ts';
import type { Client, Reply } from './api.ts';

type App = { request: (url: string, init?: RequestInit) => Response | Promise<Response> };

async function toReply(res: Response): Promise<Reply> {
  const text = await res.text();
  let body: unknown = text;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, body, headers: res.headers };
}

export async function upload(app: App, client: Client, bestandsnaam: string, inhoud: Buffer | ReadableStream<Uint8Array>, headers: Record<string, string> = {}): Promise<Reply> {
  const init: RequestInit & { duplex?: string } = {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', cookie: client.cookie, 'x-csrf-token': client.csrf, ...headers },
    body: inhoud as BodyInit,
  };
  if (!Buffer.isBuffer(inhoud)) init.duplex = 'half';
  return toReply(await app.request(`/api/import?bestandsnaam=${encodeURIComponent(bestandsnaam)}`, init));
}

/** Polls the import until its step is no longer running. */
export async function wacht(client: Client, id: string, timeoutMs = 60_000): Promise<any> {
  const start = Date.now();
  for (;;) {
    const r = await client.get(`/api/import/${id}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    if (r.body.taak?.status !== 'bezig') return r.body;
    if (Date.now() - start > timeoutMs) throw new Error(`import ${id} still running: ${JSON.stringify(r.body.taak)}`);
    await new Promise((res) => setTimeout(res, 150));
  }
}

export async function controleer(client: Client, id: string, verzoek: Record<string, unknown>) {
  const r = await client.send('POST', `/api/import/${id}/controle`, verzoek);
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  const s = await wacht(client, id);
  return { sessie: s, rapport: s.taak.status === 'klaar' ? (await client.get(`/api/import/${id}/rapport`)).body : null };
}

export async function schrijf(client: Client, id: string, stap: 'proefdraai' | 'uitvoeren', verwijder: number[] = [], ingangsdatum?: string) {
  const r = await client.send('POST', `/api/import/${id}/${stap}`, { verwijder_ontbrekend: verwijder, ...(ingangsdatum ? { ingangsdatum } : {}) });
  if (r.status !== 202) return { start: r, sessie: null };
  return { start: r, sessie: await wacht(client, id) };
}

export const box = (x1: number, y1: number, x2: number, y2: number) =>
  ({ type: 'Polygon', coordinates: [[[x1, y1], [x2, y1], [x2, y2], [x1, y2], [x1, y1]]] });

export type TestFeature = { geometry: object | null; properties: Record<string, unknown> };

/** A GIS file with these features, written by GDAL; RD New unless `crs` says otherwise. */
export async function gisBestand(
  formaat: 'gpkg' | 'shp' | 'geojson' | 'fgb', features: TestFeature[],
  opties: { crs?: string | null; laag?: string; zonder?: string[] } = {},
): Promise<Buffer> {
  await mkdir(EXCHANGE_DIR, { recursive: true });
  const tmp = await mkdtemp(path.join(EXCHANGE_DIR, 'test-'));
  try {
    const crs = opties.crs === undefined ? 'urn:ogc:def:crs:EPSG::28992' : opties.crs;
    const fc = { type: 'FeatureCollection', ...(crs ? { crs: { type: 'name', properties: { name: crs } } } : {}), features: features.map((f) => ({ type: 'Feature', ...f })) };
    const invoer = path.join(tmp, 'invoer.geojson');
    await writeFile(invoer, JSON.stringify(fc));
    if (formaat === 'geojson') return Buffer.from(JSON.stringify(fc));
    const laag = opties.laag ?? 'kavels';
    if (formaat === 'gpkg' || formaat === 'fgb') {
      const { bestanden } = await gdal.write(invoer, formaat, laag, path.join(tmp, laag));
      return await readFile(bestanden[0]);
    }
    await mkdir(path.join(tmp, 'shp'));
    const { bestanden } = await gdal.write(invoer, 'shp', laag, path.join(tmp, 'shp', laag));
    const zonder = opties.zonder ?? [];
    return await maakZip(bestanden.filter((b) => !zonder.includes(path.extname(b))).map((b) => ({ pad: b, naam: path.basename(b) })));
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Field mapping of the example kavels (geodata/examples). */
export const KAVEL_VELDEN = {
  naam: { veld: 'NAAM' }, milieucategorie_max: { veld: 'MILIEUCAT' }, status: { veld: 'STATUS' },
  planstatus: { veld: 'PLANSTATUS' }, eigendom: { veld: 'EIGENDOM' }, beschikbaar_vanaf: { veld: 'BESCHIKBAA' },
};
export const TERREIN_VELDEN = {
  naam: { veld: 'NAAM' }, typologie: { veld: 'TYPOLOGIE' }, milieucategorie_min: { veld: 'MILIEU_MIN' }, milieucategorie_max: { veld: 'MILIEU_MAX' },
};
export const EXAMPLES = path.resolve('geodata/examples');
/** The south-west corner of the example business park (RD New). */
export const X0 = 92_900;
export const Y0 = 460_850;

/** Imports the example business park and its kavels (geodata/examples) under `bron`; the kavels from `ingangsdatum` when given. */
export async function importeerVoorbeeld(app: App, client: Client, bron: string, ingangsdatum?: string): Promise<{ terreinId: number; kavelIds: number[] }> {
  const gpkg = await readFile(path.join(EXAMPLES, 'leiden_kavels.gpkg'));
  const ids: number[][] = [];
  for (const [laag, doel, idVeld, velden] of [
    ['bedrijventerrein', 'terreinen', 'TERREIN_ID', TERREIN_VELDEN], ['kavels', 'kavels', 'KAVELNR', KAVEL_VELDEN],
  ] as const) {
    const up = await upload(app, client, 'leiden_kavels.gpkg', gpkg);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const { rapport } = await controleer(client, up.body.id, { bestand: 'leiden_kavels.gpkg', laag, doel, bron, bron_id_veld: idVeld, velden });
    expect(rapport.aantallen.fout, JSON.stringify(rapport.objecten)).toBe(0);
    const { sessie } = await schrijf(client, up.body.id, 'uitvoeren', [], doel === 'kavels' ? ingangsdatum : undefined);
    expect(sessie.resultaat, JSON.stringify(sessie.taak)).toBeTruthy();
    ids.push(sessie.resultaat.ids);
  }
  return { terreinId: ids[0][0], kavelIds: ids[1] };
}
