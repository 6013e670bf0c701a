// What every benchmark shares: timing a call (median and p95 after warming up), and
// the real server on a dataset, signed in as an account made for the run (stuurgroep
// unless asked otherwise, never one that needs a second factor; removed afterwards), answering GET requests as a browser
// would (compressed).
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { serve } from '@hono/node-server';
import { createApp, type AppOptions } from '../server/app.ts';
import { createAccount } from '../server/accounts/service.ts';
import type { Database } from '../server/db/database.ts';
import type { Role } from '../server/domain/roles.ts';

export const RUNS = Number(process.env.BENCH_RUNS ?? 15);

export type Stat = { p50: number; p95: number };

/** Median and p95 of `runs` calls, after two warm-up calls. */
export async function meet(fn: () => Promise<unknown>, runs = RUNS): Promise<Stat> {
  await fn();
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(runs / 2)], p95: times[Math.min(runs - 1, Math.ceil(runs * 0.95) - 1)] };
}

/** An answer: its decoded size and the bytes sent (compressed). */
export type Get = (pad: string) => Promise<{ bytes: number; sent: number }>;

export async function withSignedInServer<T>(
  d: { pool: pg.Pool; mode: Database['mode'] }, { rol = 'stuurgroep', gemeente, ...options }: Omit<AppOptions, 'db'> & { rol?: Role; gemeente?: string },
  run: (get: Get) => Promise<T>,
): Promise<T> {
  const email = `bench-${randomUUID()}@bench.invalid`;
  const wachtwoord = `Bench-${randomUUID()}`;
  await createAccount(d.pool, { email, naam: 'Benchmark', rol, gemeente, wachtwoord });
  const db: Database = { pool: d.pool, mode: d.mode, close: async () => undefined };
  const app = createApp({ db, ...options });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as { port: number }).port;
  try {
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, wachtwoord }),
    });
    if (login.status !== 200) throw new Error(`inloggen mislukt: ${login.status} ${await login.text()}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    return await run(async (pad) => {
      const res = await fetch(`http://127.0.0.1:${port}${pad}`, { headers: { cookie, 'accept-encoding': 'br, gzip' } });
      const body = new Uint8Array(await res.arrayBuffer());
      if (res.status !== 200) throw new Error(`${pad}: ${res.status} ${new TextDecoder().decode(body.slice(0, 300))}`);
      return { bytes: body.length, sent: Number(res.headers.get('content-length') ?? body.length) };
    });
  } finally {
    server.close();
    await d.pool.query(`DELETE FROM sessie WHERE account_id = (SELECT id FROM account WHERE email = $1)`, [email]);
    await d.pool.query(`DELETE FROM account WHERE email = $1`, [email]);
  }
}
