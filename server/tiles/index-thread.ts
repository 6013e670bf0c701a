// The tile index thread of the server (tile-worker.mjs): one worker for every layer's
// index. The worker holds the process open only while it works; a worker that dies
// fails its pending tasks and the next task starts a fresh one (its indexes are gone,
// so the engine forgets them too: see `generation`).
import { Worker } from 'node:worker_threads';

type Pending = { resolve: (r: unknown) => void; reject: (e: Error) => void };
interface Thread { worker: Worker; pending: Map<number, Pending>; generation: number }

let current: Thread | null = null;
let generations = 0;
let nextId = 1;

function start(): Thread {
  const worker = new Worker(new URL('./tile-worker.mjs', import.meta.url), { execArgv: [] });
  const t: Thread = { worker, pending: new Map(), generation: ++generations };
  worker.on('message', (m: { id: number; result?: unknown; error?: string }) => {
    const p = t.pending.get(m.id);
    t.pending.delete(m.id);
    if (t.pending.size === 0) worker.unref();
    if (m.error !== undefined) p?.reject(new Error(m.error));
    else p?.resolve(m.result);
  });
  const dead = (why: string) => {
    if (current === t) current = null;
    for (const p of t.pending.values()) p.reject(new Error(`De tegelindex is gestopt (${why}).`));
    t.pending.clear();
  };
  worker.on('error', (err) => dead(err.message));
  worker.on('exit', (code) => dead(`code ${code}`));
  worker.unref();
  return t;
}

function run<T>(task: Record<string, unknown>): { generation: number; result: Promise<T> } {
  const t = (current ??= start());
  const id = nextId++;
  const result = new Promise<T>((resolve, reject) => {
    if (t.pending.size === 0) t.worker.ref();
    t.pending.set(id, { resolve: resolve as (r: unknown) => void, reject });
    t.worker.postMessage({ id, ...task });
  });
  return { generation: t.generation, result };
}

export interface IndexOptions {
  maxZoom: number;
  extent: number;
  buffer: number;
  tolerance: number;
}

export const indexThread = {
  /** Builds the index `key` from GeoJSON texts per source layer; resolves to the worker's generation. */
  async build(key: string, layers: Record<string, string>, options: IndexOptions): Promise<number> {
    const { generation, result } = run<{ ok: true }>({ op: 'build', key, layers, options });
    await result;
    return generation;
  },
  /** The encoded tile, or null when the index is gone (dropped, or its worker restarted). */
  async tile(key: string, generation: number, z: number, x: number, y: number, extent: number): Promise<Uint8Array | null> {
    if (current?.generation !== generation) return null;
    const { result } = run<{ bytes: Uint8Array | null }>({ op: 'tile', key, z, x, y, extent });
    return (await result).bytes;
  },
  drop(key: string): void {
    if (current) void run({ op: 'drop', key }).result.catch(() => undefined);
  },
};

/** For shutdown and tests: stop the worker (a later task starts a new one). */
export async function stopIndexThread(): Promise<void> {
  const t = current;
  current = null;
  if (t) await t.worker.terminate();
}
