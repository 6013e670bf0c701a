// Issue 10, items 11, 13, 14 and 17, tried on real processes: `server/main.ts` and
// `scripts/create-account.ts` started as a user starts them, on embedded data folders
// of their own (this file does not use the suite's shared database).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { totpCode } from '../../server/auth/totp.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const root = mkdtempSync(path.join(tmpdir(), 'schuifruimte-robust-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Proc {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
}

function start(script: string, env: Record<string, string>, args: string[] = []): Proc {
  const base: NodeJS.ProcessEnv = { ...process.env, PORT: '0' };
  for (const name of ['DATABASE_URL', 'DEMO_ACCOUNTS_FILE', 'TRUST_PROXY', 'TEST_DATABASE_URL', 'DEBUG']) delete base[name];
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: repo,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exited };
}

/** The server's URL once it prints that it runs; rejects with its output when it exits first. */
async function running(p: Proc, ms: number): Promise<string> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const m = p.out().match(/draait op (http:\/\/\S+?)\/?\s/);
    if (m) return m[1];
    if (p.child.exitCode !== null) throw new Error(`server exited with ${p.child.exitCode}:\n${p.out()}\n${p.err()}`);
    await sleep(200);
  }
  throw new Error(`server did not start within ${ms} ms:\n${p.out()}\n${p.err()}`);
}

async function exitOf(p: Proc, ms: number): Promise<number | null> {
  const timer = sleep(ms).then(() => 'timeout' as const);
  const r = await Promise.race([p.exited, timer]);
  if (r === 'timeout') {
    p.child.kill('SIGKILL');
    throw new Error(`process did not exit within ${ms} ms:\n${p.out()}\n${p.err()}`);
  }
  return r;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
/** Children of a process, read from /proc. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((d) => {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return ppid === pid ? [Number(d)] : [];
    } catch {
      return [];
    }
  });
}
const stackLines = (text: string) => text.split('\n').filter((l) => /^\s+at\s/.test(l));
const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

async function signIn(base: string, email: string, wachtwoord: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, wachtwoord }),
  });
  const body = (await res.json()) as any;
  return { status: res.status, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], csrf: body.csrfToken as string, body };
}

/**
 * Signs in with the password and, for the roles that need it (issue 16), the current TOTP
 * code of the demo account's secret; a code works once, so when it was just used it
 * waits for the next one.
 */
async function signInFully(base: string, account: { email: string; wachtwoord: string; totp?: string }) {
  const first = await signIn(base, account.email, account.wachtwoord);
  if (first.body.stap !== 'tweede_factor') return first;
  for (let attempt = 0; attempt < 2; attempt++) {
    const res = await fetch(`${base}/api/auth/tweede-factor`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: first.cookie, 'x-csrf-token': first.csrf },
      body: JSON.stringify({ code: totpCode(account.totp!) }),
    });
    const body = (await res.json()) as any;
    if (res.status === 200) return { status: 200, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], csrf: body.csrfToken as string, body };
    if (body.error?.code !== 'code_al_gebruikt') return { status: res.status, cookie: '', csrf: '', body };
    await sleep(30_500 - (Date.now() % 30_000));
  }
  throw new Error('no fresh TOTP code');
}

const stopped: Proc[] = [];
afterAll(async () => {
  for (const p of stopped) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
});
const track = (p: Proc) => (stopped.push(p), p);

describe.skipIf(!!process.env.TEST_DATABASE_URL)('start-up failures are one clear line', () => {
  it('refuses a port in use before it touches the data folder', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    const dataDir = path.join(root, 'poort', 'pglite');
    try {
      const p = track(start('server/main.ts', { PORT: String(port), PGLITE_DATA_DIR: dataDir }));
      expect(await exitOf(p, 90_000)).not.toBe(0);
      expect(stackLines(p.out() + p.err())).toEqual([]);
      expect(lines(p.err())).toHaveLength(1);
      expect(p.err()).toContain(`${port}`);
      expect(p.err()).toMatch(/in gebruik/);
      expect(p.err()).toMatch(/PORT=/);
      expect(existsSync(dataDir)).toBe(false); // nothing created or seeded
    } finally {
      blocker.close();
    }
  }, 120_000);

  it('a corrupt data folder: one line naming the folder and what to do', async () => {
    const dataDir = path.join(root, 'kapot', 'pglite');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'PG_VERSION'), '17\n');
    const p = track(start('server/main.ts', { PGLITE_DATA_DIR: dataDir }));
    expect(await exitOf(p, 120_000)).not.toBe(0);
    expect(stackLines(p.out() + p.err())).toEqual([]);
    expect(lines(p.err()), p.err()).toHaveLength(1);
    expect(p.err()).toContain(dataDir);
    expect(p.err()).toMatch(/back-up/i);
    expect(p.err()).toMatch(/PGLITE_DATA_DIR/);
  }, 150_000);

  it('a folder with other files is not turned into a database', async () => {
    const dataDir = path.join(root, 'vreemd');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'notities.txt'), 'mijn bestanden');
    const p = track(start('server/main.ts', { PGLITE_DATA_DIR: dataDir }));
    expect(await exitOf(p, 120_000)).not.toBe(0);
    expect(stackLines(p.out() + p.err())).toEqual([]);
    expect(lines(p.err())).toHaveLength(1);
    expect(p.err()).toContain(dataDir);
    expect(readdirSync(dataDir)).toEqual(['notities.txt']);
  }, 150_000);

  it('account:create refuses a common password before it opens any database', async () => {
    const dataDir = path.join(root, 'script', 'pglite');
    const p = track(start('scripts/create-account.ts', { PGLITE_DATA_DIR: dataDir, WACHTWOORD: 'Welkom01welkom01' },
      ['--email', 'eerste@gemeente.nl', '--naam', 'Eerste Beheerder', '--rol', 'beheerder']));
    expect(await exitOf(p, 60_000)).not.toBe(0);
    expect(p.err()).toMatch(/veelgebruikt|voorspelbaar/);
    expect(existsSync(dataDir)).toBe(false);
  }, 90_000);
});

describe.skipIf(!!process.env.TEST_DATABASE_URL)('one embedded data folder, one server', () => {
  const dataDir = path.join(root, 'een', 'pglite');
  const legacyDemoFile = path.join(repo, 'data', 'demo-accounts.json');
  let legacyBefore: string | null;
  let server: Proc;
  let base: string;
  let demo: { email: string; wachtwoord: string; rol: string; totp?: string }[];

  beforeAll(async () => {
    legacyBefore = existsSync(legacyDemoFile) ? readFileSync(legacyDemoFile, 'utf8') + statSync(legacyDemoFile).mtimeMs : null;
    server = track(start('server/main.ts', { PGLITE_DATA_DIR: dataDir }));
    base = await running(server, 300_000);
    // The demo accounts as the server printed them.
    demo = [...server.out().matchAll(/^\s+(\w+)\s+\S*\s+(\S+@\S+)\s+wachtwoord: (\S+)$/gm)]
      .map(([, rol, email, wachtwoord]) => ({ rol, email, wachtwoord }));
    expect(demo.map((a) => a.rol)).toContain('beheerder');
    // The second factor's secret, printed on the line after the password (issue 16).
    for (const a of demo) {
      a.totp = new RegExp(`${a.email.replace(/[.]/g, '\\.')}.*\\n.*authenticator-app: (\\S+)`).exec(server.out())?.[1];
    }
    expect(demo.find((a) => a.rol === 'beheerder')!.totp).toMatch(/^[A-Z2-7]{32}$/);
  }, 320_000);

  it('names the real data folder, and keeps the demo passwords inside it', async () => {
    expect(server.out()).toContain(dataDir);
    const file = path.join(dataDir, 'demo-accounts.json');
    expect(existsSync(file)).toBe(true);
    const stored: typeof demo = JSON.parse(readFileSync(file, 'utf8'));
    expect(stored.map(({ email, wachtwoord }) => ({ email, wachtwoord })))
      .toEqual(demo.map(({ email, wachtwoord }) => ({ email, wachtwoord })));
    const now = existsSync(legacyDemoFile) ? readFileSync(legacyDemoFile, 'utf8') + statSync(legacyDemoFile).mtimeMs : null;
    expect(now).toBe(legacyBefore); // the shared data/demo-accounts.json is not touched
    const beheerder = demo.find((a) => a.rol === 'beheerder')!;
    expect((await signIn(base, beheerder.email, beheerder.wachtwoord)).status).toBe(200);
  }, 60_000);

  it('a second server and account:create on the same folder refuse, naming the folder and the process', async () => {
    const second = track(start('server/main.ts', { PGLITE_DATA_DIR: dataDir }));
    expect(await exitOf(second, 90_000)).not.toBe(0);
    expect(stackLines(second.out() + second.err())).toEqual([]);
    expect(lines(second.err())).toHaveLength(1);
    expect(second.err()).toContain(dataDir);
    expect(second.err()).toContain(`${server.child.pid}`);

    const script = track(start('scripts/create-account.ts', { PGLITE_DATA_DIR: dataDir, WACHTWOORD: 'kanszone-bij-de-oude-rijn' },
      ['--email', 'tweede@gemeente.nl', '--naam', 'Tweede', '--rol', 'beheerder']));
    expect(await exitOf(script, 90_000)).not.toBe(0);
    expect(script.err()).toContain(dataDir);
    expect(script.err()).toContain(`${server.child.pid}`);

    // The first server still answers.
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  }, 200_000);

  it('restarts the embedded database after kill -9, reporting the error meanwhile', async () => {
    // The database process, as the lock file names it: a child of the server.
    const lockFile = path.join(dataDir, 'schuifruimte071.lock');
    const db: number = JSON.parse(readFileSync(lockFile, 'utf8')).kindPid;
    expect(childrenOf(server.child.pid!)).toContain(db);
    // Right after a request the pool holds an idle connection, which the kill breaks.
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    await sleep(500);
    process.kill(db, 'SIGKILL');
    await sleep(500); // let the pool notice its broken idle connection before anyone asks
    const seen: { status: number; body: any }[] = [];
    const deadline = Date.now() + 150_000;
    while (Date.now() < deadline) {
      const res = await fetch(`${base}/api/health`).catch(() => null);
      if (res) {
        const body = (await res.json()) as any;
        seen.push({ status: res.status, body });
        if (res.status === 200 && seen.some((s) => s.status === 503)) break;
      }
      await sleep(100);
    }
    const error = seen.find((s) => s.status === 503);
    expect(error, `${JSON.stringify(seen.slice(0, 3))}\n${server.err()}`).toBeDefined();
    expect(error!.body.status).toBe('error');
    expect(error!.body.reden).toMatch(/database/i);
    expect(seen.at(-1)).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(server.child.exitCode).toBeNull();
    const restarted: number = JSON.parse(readFileSync(lockFile, 'utf8')).kindPid;
    expect(restarted).not.toBe(db);
    expect(childrenOf(server.child.pid!)).toContain(restarted);
    expect(alive(db)).toBe(false);
    const beheerder = demo.find((a) => a.rol === 'beheerder')!;
    const session = await signInFully(base, beheerder);
    expect(session.status).toBe(200);
    expect((await fetch(`${base}/api/kavels`, { headers: { cookie: session.cookie } })).status).toBe(200);
  }, 200_000);

  it('after kill -9 of the server its lock is stale: a new server starts and has every acknowledged write', async () => {
    const beheerder = demo.find((a) => a.rol === 'beheerder')!;
    const session = await signInFully(base, beheerder);
    const created = await fetch(`${base}/api/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
      body: JSON.stringify({ email: 'bewaard@robust.nl', naam: 'Bewaard', rol: 'stuurgroep' }),
    });
    expect(created.status).toBe(201);
    // The new person sets the password through the account's one-time link (issue 16).
    const token = new URL(((await created.json()) as any).link.url).hash.slice(1);
    const set = await fetch(`${base}/api/auth/wachtwoord-link/instellen`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, wachtwoord: 'kanszone-bij-de-oude-rijn' }),
    });
    expect(set.status).toBe(200);

    const children = childrenOf(server.child.pid!);
    server.child.kill('SIGKILL');
    await server.exited;
    const deadline = Date.now() + 30_000;
    while (children.some(alive) && Date.now() < deadline) await sleep(100);

    const again = track(start('server/main.ts', { PGLITE_DATA_DIR: dataDir }));
    const url = await running(again, 150_000);
    for (const a of demo) expect(again.out()).toContain(`${a.email}  wachtwoord: ${a.wachtwoord}`);
    expect((await signIn(url, 'bewaard@robust.nl', 'kanszone-bij-de-oude-rijn')).status).toBe(200);
    again.child.kill('SIGTERM');
    expect(await exitOf(again, 60_000)).toBe(0);
  }, 300_000);
});
