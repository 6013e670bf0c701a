// Helpers for the account tests (administration, second factor): fresh addresses per run,
// and sessions signed in through the real login route, kept by their raw cookie so a
// test can see exactly which session it holds.
import { afterAll } from 'vitest';
import { testApp, testDatabase, type Client, type Reply } from './api.ts';

/** A JSON answer of the API under test. */
export type Json = Reply['body'];

/** A password the policy accepts. */
export const STRONG = 'rode-fiets-op-de-zeedijk';

/** The first cookie an answer sets (the session). */
export const cookieOf = (res: { headers: Headers }) => (res.headers.get('set-cookie') ?? '').split(';')[0];

/**
 * An account test file: its database (closed after its tests) and app, addresses unique
 * to this run under `domein`, a client on a given session, and signing in by address.
 */
export function accountsTestFile(domein: string) {
  const db = testDatabase();
  const api = testApp(db);
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  afterAll(() => db.close());

  const email = (label: string) => `${label}.${run}@${domein}`;

  /** A client on a session (cookie + CSRF), through the app in-process. */
  function clientOf(cookie: string, csrf: string): Client {
    const reply = async (res: Response) => {
      const text = await res.text();
      let body: Json = text;
      try { body = JSON.parse(text); } catch { /* not JSON */ }
      return { status: res.status, body, headers: res.headers };
    };
    return {
      cookie, csrf,
      get: async (url) => reply(await api.app.request(url, { headers: { cookie } })),
      send: async (method, url, body, headers = {}) => reply(await api.app.request(url, {
        method, headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf, ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      })),
    };
  }

  /** POST /api/auth/login: the answer, its session cookie and a client on that session. */
  async function login(address: string, wachtwoord = STRONG) {
    const res = await api.app.request('/api/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: address, wachtwoord }),
    });
    const body = (await res.json()) as Json;
    const cookie = cookieOf(res);
    return { status: res.status, body, cookie, client: clientOf(cookie, body.csrfToken) };
  }

  return { db, api, email, clientOf, login };
}
