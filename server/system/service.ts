// Is the server up, and can it reach its database? Answered within a bound time even
// when the database hangs, with the reason when it cannot.
import type { Database } from '../db/database.ts';
import { postgisVersion } from './queries.ts';

/** A health check answers within this time, even when the database hangs. */
const HEALTH_TIMEOUT_MS = 5_000;

export type Health =
  | { status: 'ok'; database: Database['mode']; postgis: string }
  | { status: 'error'; database: Database['mode']; reden: string };

export async function health(db: Database): Promise<Health> {
  const problem = db.problem?.();
  if (problem) return { status: 'error', database: db.mode, reden: problem };
  try {
    return { status: 'ok', database: db.mode, postgis: await withTimeout(postgisVersion(db.pool), HEALTH_TIMEOUT_MS) };
  } catch (err) {
    const reden = db.problem?.() ??
      `De database antwoordt niet (${(err as { code?: string }).code ?? String((err as Error).message).slice(0, 120)}).`;
    return { status: 'error', database: db.mode, reden };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: `geen antwoord binnen ${ms / 1000} s` })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
