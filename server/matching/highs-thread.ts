// One long-lived HiGHS worker for the server (see highs-worker.mjs). Solves queue
// in the worker. A worker that reports a HiGHS error ends itself (the WASM
// instance is unusable after an abort): the next solve starts a fresh one, and
// solves still queued in the old one fail with a Dutch message.
import { Worker } from 'node:worker_threads';
import { ApiError } from '../http/errors.ts';
import type { HighsOplossing, MatrixOplossing, RegioMatrix } from '../domain/matching-solver.ts';

type Pending = { resolve: (r: HighsOplossing | MatrixOplossing) => void; reject: (e: Error) => void };

interface SolverThread {
  worker: Worker;
  pending: Map<number, Pending>;
}

let current: SolverThread | null = null;
let nextId = 1;

const solverFout = (message: string) => new ApiError(500, 'solver_fout', message);

function start(): SolverThread {
  // Plain JavaScript: no TypeScript loader (and none of its handles) in the worker.
  const worker = new Worker(new URL('./highs-worker.mjs', import.meta.url), { execArgv: [] });
  const t: SolverThread = { worker, pending: new Map() };
  const retire = () => { if (current === t) current = null; };
  worker.on('message', (m: { id: number; result?: HighsOplossing | MatrixOplossing; error?: string }) => {
    const p = t.pending.get(m.id);
    t.pending.delete(m.id);
    if (t.pending.size === 0) worker.unref();
    if (m.error !== undefined) {
      retire();
      p?.reject(solverFout(`De solver gaf een fout: ${m.error}`));
    } else {
      p?.resolve(m.result!);
    }
  });
  const dead = (why: string) => {
    retire();
    for (const p of t.pending.values()) p.reject(solverFout(`De solver is gestopt (${why}); probeer het opnieuw.`));
    t.pending.clear();
  };
  worker.on('error', (err) => dead(err.message));
  worker.on('exit', (code) => dead(`code ${code}`));
  // Idle, the worker never keeps the process alive; it is ref'd while a solve runs.
  // (After the listeners: attaching a 'message' listener refs the worker's port again.)
  worker.unref();
  return t;
}

/**
 * Solves the model in the worker: LP text, or the structured model (no text to
 * write and parse). `beginoplossing`: the columns (set to 1) of a feasible solution
 * to begin from — by name for LP text, by position for the structured model.
 */
export function solveInThread(lp: string, options: Record<string, unknown>, beginoplossing?: readonly string[]): Promise<HighsOplossing>;
export function solveInThread(model: RegioMatrix, options: Record<string, unknown>, beginoplossing?: readonly number[]): Promise<MatrixOplossing>;
export function solveInThread(
  invoer: string | RegioMatrix, options: Record<string, unknown>, beginoplossing?: readonly string[] | readonly number[],
): Promise<HighsOplossing | MatrixOplossing> {
  const t = (current ??= start());
  const id = nextId++;
  return new Promise((resolve, reject) => {
    if (t.pending.size === 0) t.worker.ref();
    t.pending.set(id, { resolve, reject });
    t.worker.postMessage(typeof invoer === 'string'
      ? { id, lp: invoer, options, start: beginoplossing }
      : { id, model: { kosten: invoer.kosten, bovengrens: invoer.bovengrens, start: invoer.start, kolom: invoer.kolom, waarde: invoer.waarde }, options, start: beginoplossing });
  });
}

/** For shutdown and tests: stop the worker (a later solve starts a new one). */
export async function stopSolverThread(): Promise<void> {
  const t = current;
  current = null;
  if (t) await t.worker.terminate();
}
