// What every benchmark shares: timing a call (median and p95 after warming up), and
// the real server on a dataset, signed in as an account made for the run (stuurgroep
// unless asked otherwise, never one that needs a second factor; removed afterwards), answering GET requests as a browser
// would (compressed).
// The GET client is node:http on one kept-alive connection, timed to the last byte
// received: fetch (undici) adds about 0.2 ms per request, and decompressing 5 MB of JSON
// about 30 ms, which is the client's time, not the server's.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type pg from 'pg';
import { serve } from '@hono/node-server';
import { createApp, type AppOptions } from '../server/app.ts';
import { createAccount } from '../server/accounts/service.ts';
import type { Database } from '../server/db/database.ts';
import type { Role } from '../server/domain/roles.ts';

export const RUNS = Number(process.env.BENCH_RUNS ?? 15);
/**
 * Calls before timing: a long-running server is warm, and V8 optimises the balance's
 * functions only after a few calls (at 10,000 kavels the first ones take 30 % longer).
 */
export const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);

export type Stat = { p50: number; p95: number };

/** Median and p95 of `runs` calls, after WARMUP warm-up calls. */
export async function meet(fn: () => Promise<unknown>, runs = RUNS): Promise<Stat> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return stat(times, runs);
}

/**
 * Two calls timed in turns (a b, b a, a b, …), so that both meet the same load on a
 * busy machine: a ratio of two medians taken minutes apart measures the machine too.
 */
export async function meetSamen(a: () => Promise<unknown>, b: () => Promise<unknown>, runs = RUNS): Promise<[Stat, Stat]> {
  const [sa, sb] = await meetInTurns([a, b], runs);
  return [sa, sb];
}

/** Several calls timed in turns, each run starting with the next one (a b c, b c a, c a b, …). */
export async function meetInTurns(fns: (() => Promise<unknown>)[], runs = RUNS): Promise<Stat[]> {
  for (let i = 0; i < WARMUP; i++) for (const fn of fns) await fn();
  const times: number[][] = fns.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < fns.length; k++) {
      const j = (i + k) % fns.length;
      const t = performance.now();
      await fns[j]();
      times[j].push(performance.now() - t);
    }
  }
  return times.map((ts) => stat(ts, runs));
}

function stat(times: number[], runs: number): Stat {
  times.sort((x, y) => x - y);
  return { p50: times[Math.floor(runs / 2)], p95: times[Math.min(runs - 1, Math.ceil(runs * 0.95) - 1)] };
}

/** An answer: its decoded size and the bytes sent (compressed). */
export type Get = (pad: string) => Promise<{ bytes: number; sent: number; body: Buffer }>;

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
  let client: ReturnType<typeof keptAliveClient> | null = null;
  try {
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, wachtwoord }),
    });
    if (login.status !== 200) throw new Error(`inloggen mislukt: ${login.status} ${await login.text()}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    client = keptAliveClient(port, cookie);
    return await run(client.get);
  } finally {
    client?.close();
    server.close();
    await d.pool.query(`DELETE FROM sessie WHERE account_id = (SELECT id FROM account WHERE email = $1)`, [email]);
    await d.pool.query(`DELETE FROM account WHERE email = $1`, [email]);
  }
}

/** GET requests to a local port on one kept-alive connection, as the browser asks (compressed). */
export function keptAliveClient(port: number, cookie = ''): { get: Get; close: () => void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return { get: (pad) => get(agent, port, pad, cookie), close: () => agent.destroy() };
}

/**
 * One GET on the kept-alive connection, timed to its last byte: the decoded body and size
 * are worked out only when asked for (decompressing is the client's work, not the server's).
 */
function get(agent: http.Agent, port: number, pad: string, cookie: string): ReturnType<Get> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: pad, agent, headers: { cookie, 'accept-encoding': 'br, gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        if (res.statusCode !== 200) return reject(new Error(`${pad}: ${res.statusCode} ${decode(body, res.headers['content-encoding']).toString('utf8').slice(0, 300)}`));
        const decoded = () => decode(body, res.headers['content-encoding']);
        resolve({ sent: body.length, get bytes() { return decoded().length; }, get body() { return decoded(); } });
      });
    });
    req.on('error', reject);
  });
}

const decode = (body: Buffer, encoding: string | undefined) =>
  (encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body);
