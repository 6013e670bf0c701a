// Test helpers: the real app on the test database, called in-process, signed in per role.
import { inject } from 'vitest';
import pg from 'pg';
import { createApp } from '../../server/app.ts';
import { embeddedPool, type Database } from '../../server/db/database.ts';
import { resetRecoveryCodes } from '../../server/auth/service.ts';
import { WAL_COOKIE } from '../../server/db/read-routing.ts';
import { TEST_ACCOUNTS, TEST_PASSWORD, type TestRole } from './accounts.ts';

export function testDatabase(): Database {
  const mode = inject('databaseMode');
  const url = inject('databaseUrl');
  const readUrl = inject('databaseReadUrl');
  const pool = mode === 'embedded' ? embeddedPool(url) : new pg.Pool({ connectionString: url, max: 5 });
  if (!readUrl) return { pool, mode, close: () => pool.end() };
  // TEST_DATABASE_READ_URL: reads go to a streaming replica of the test database.
  const readPool = new pg.Pool({ connectionString: readUrl, max: 5, application_name: 'schuifruimte071-lezen' });
  return { pool, readPool, mode, close: async () => { await Promise.all([pool.end(), readPool.end()]); } };
}

export interface Reply {
  status: number;
  body: any;
  headers: Headers;
}

export interface Client {
  get(url: string): Promise<Reply>;
  send(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  csrf: string;
  cookie: string;
}

async function toReply(res: Response): Promise<Reply> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body, headers: res.headers };
}

export function testApp(db: Database) {
  const app = createApp({ db });
  const request = (url: string, init: RequestInit = {}) => app.request(url, init);

  // Like a browser, a client sends back the cookies the server sets besides the
  // session (the WAL position after a write, see server/db/read-routing.ts).
  const client = (session: string, csrf: string): Client => {
    const jar = new Map<string, string>();
    const header = () => [session, ...[...jar].map(([k, v]) => `${k}=${v}`)].filter(Boolean).join('; ');
    const remember = (res: Response) => {
      for (const line of res.headers.getSetCookie()) {
        const pair = line.split(';')[0];
        const name = pair.slice(0, pair.indexOf('='));
        if (name === WAL_COOKIE) jar.set(name, pair.slice(name.length + 1));
      }
      return res;
    };
    return {
      get cookie() {
        return header();
      },
      csrf,
      get: async (url) => toReply(remember(await request(url, { headers: header() ? { cookie: header() } : {} }))),
      send: async (method, url, body, headers = {}) =>
        toReply(remember(await request(url, {
          method,
          headers: { 'content-type': 'application/json', ...(session ? { cookie: header(), 'x-csrf-token': csrf } : {}), ...headers },
          body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        }))),
    };
  };

  const sessions = new Map<TestRole, Client>();
  async function as(role: TestRole): Promise<Client> {
    const cached = sessions.get(role);
    if (cached) return cached;
    const account = TEST_ACCOUNTS.find((a) => a.key === role)!;
    const res = await request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: account.email, wachtwoord: TEST_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login as ${role} failed: ${res.status} ${await res.text()}`);
    const sessionCookie = (r: Response) =>
      r.headers.getSetCookie().map((line) => line.split(';')[0]).find((pair) => pair.startsWith('sr071_sessie=')) ?? '';
    let cookie = sessionCookie(res);
    let me = (await res.json()) as { id: number; csrfToken: string; stap: string };
    if (me.stap === 'tweede_factor') {
      // The second factor through the real route, with a fresh recovery code (a TOTP code
      // works once per 30 s, and every test file signs in anew).
      const [code] = await resetRecoveryCodes(db.pool, me.id);
      const second = await request('/api/auth/tweede-factor', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ code }),
      });
      if (second.status !== 200) throw new Error(`second factor as ${role} failed: ${second.status} ${await second.text()}`);
      cookie = sessionCookie(second);
      me = (await second.json()) as typeof me;
    }
    const c = client(cookie, me.csrfToken);
    sessions.set(role, c);
    return c;
  }

  const anonymous = client('', '');
  return {
    app,
    as,
    anonymous,
    /** GET as the regisseur (reads everything). */
    get: async (url: string) => (await as('regisseur')).get(url),
  };
}
