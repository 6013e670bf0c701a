// The one GDAL worker of the server (see gdal-worker.mjs). Tasks queue in the worker;
// the worker holds the process open only while a task runs. A worker that dies takes
// its queued tasks with it (each fails with a Dutch message); the next task starts a
// fresh one.
import { Worker } from 'node:worker_threads';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Folder of uploads, extracted files and exports; GDAL's output folder. */
export const EXCHANGE_DIR = path.join(os.tmpdir(), 'schuifruimte-uitwisseling');

export class GdalError extends Error {
  constructor(message: string, readonly meldingen: string[]) {
    super(message);
  }
}

export interface GdalVeld { naam: string; type: string }
export interface GdalCrs {
  epsg: number | null;
  naam: string | null;
  soort: string | null;
  /** The EPSG name of the horizontal part of an EPSG compound system (e.g. RD New + NAP height). */
  horizontaal?: string | null;
}
export interface GdalLaag {
  naam: string;
  geometrietype: string | null;
  aantal: number | null;
  /** [minX, minY, maxX, maxY] in the layer's own CRS. */
  bereik: [number, number, number, number] | null;
  crs: GdalCrs | null;
  velden: GdalVeld[];
  /** Properties of the first features, for the value preview. */
  voorbeeld: Record<string, unknown>[];
}

type Pending = { resolve: (r: unknown) => void; reject: (e: Error) => void };
interface GdalThread { worker: Worker; pending: Map<number, Pending> }

let current: GdalThread | null = null;
let nextId = 1;

function start(): GdalThread {
  mkdirSync(EXCHANGE_DIR, { recursive: true });
  const worker = new Worker(new URL('./gdal-worker.mjs', import.meta.url), { execArgv: [], workerData: { dest: EXCHANGE_DIR } });
  const t: GdalThread = { worker, pending: new Map() };
  worker.on('message', (m: { id: number; result?: unknown; error?: string; meldingen: string[] }) => {
    const p = t.pending.get(m.id);
    t.pending.delete(m.id);
    if (t.pending.size === 0) worker.unref();
    if (m.error !== undefined) p?.reject(new GdalError(m.error, m.meldingen));
    else p?.resolve(m.result);
  });
  const dead = (why: string) => {
    if (current === t) current = null;
    for (const p of t.pending.values()) p.reject(new GdalError(`GDAL is gestopt (${why}); probeer het opnieuw.`, []));
    t.pending.clear();
  };
  worker.on('error', (err) => dead(err.message));
  worker.on('exit', (code) => dead(`code ${code}`));
  worker.unref();
  return t;
}

function run<T>(task: Record<string, unknown>): Promise<T> {
  const t = (current ??= start());
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    if (t.pending.size === 0) t.worker.ref();
    t.pending.set(id, { resolve: resolve as (r: unknown) => void, reject });
    t.worker.postMessage({ id, ...task });
  });
}

/** Output paths are relative to EXCHANGE_DIR and without extension (GDAL adds it). */
const relative = (absolute: string) => path.relative(EXCHANGE_DIR, absolute);

export const gdal = {
  inspect: (file: string, openOptions: string[], sampleOut?: string) =>
    run<{ driver: string; lagen: GdalLaag[] }>({ op: 'inspect', path: file, openOptions, sampleOut: sampleOut && relative(sampleOut) }),
  /** The layer as a GeoJSON FeatureCollection in its own CRS, one feature per line. */
  read: (file: string, openOptions: string[], layer: string, out: string) =>
    run<{ pad: string }>({ op: 'read', path: file, openOptions, layer, out: relative(out) }),
  write: (input: string, format: 'gpkg' | 'shp' | 'xlsx' | 'fgb', layer: string, out: string, options: { update?: boolean; srs?: string } = {}) =>
    run<{ bestanden: string[] }>({ op: 'write', input, format, layer, out: relative(out), ...options }),
};

/** For shutdown and tests: stop the worker (a later task starts a new one). */
export async function stopGdalThread(): Promise<void> {
  const t = current;
  current = null;
  if (t) await t.worker.terminate();
}
