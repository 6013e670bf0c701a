// The monitor's figures read the request's session in the same statement as the figures
// (one round trip instead of two, server/auth/sessions.ts `SessieInStatement`). That
// must refuse exactly what the middleware refuses: no figures, and no hint of them, for a
// cookie of no open session, an ended session or a deactivated account; an answer the
// route gives before its read is checked as usual (fail closed).
import { describe, expect, it } from 'vitest';
import { accountsTestFile, STRONG } from '../support/accounts-fixture.ts';
import { createAccount } from '../../server/accounts/service.ts';
import { hashToken, metSessie, SESSION_COOKIE } from '../../server/auth/sessions.ts';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db/database.ts';

const { db, email, clientOf, login } = accountsTestFile('statement.test.nl');

const FIGURES = ['/api/balans', '/api/balans?peildatum=2024-06-30', '/api/balans/reeks?van=2020&tot=2040'];

async function signedIn(label: string) {
  await createAccount(db.pool, { email: email(label), naam: `Statement ${label}`, rol: 'stuurgroep', wachtwoord: STRONG });
  const session = await login(email(label));
  expect(session.status).toBe(200);
  return session;
}

describe('figures that read their own session', () => {
  it('answer a signed-in reader, and refuse a cookie of no session, an ended session and a deactivated account', async () => {
    const reader = await signedIn('lezer');
    for (const url of FIGURES) expect((await reader.client.get(url)).status, url).toBe(200);

    const unknown = clientOf(`${SESSION_COOKIE}=geen-sessie-${Date.now()}`, '');
    const ended = await signedIn('uitgelogd');
    expect((await ended.client.send('POST', '/api/auth/logout')).status).toBe(200);
    const deactivated = await signedIn('gedeactiveerd');
    await db.pool.query(`UPDATE account SET actief = false WHERE email = $1`, [email('gedeactiveerd')]);

    for (const client of [unknown, ended.client, deactivated.client]) {
      for (const url of FIGURES) {
        const reply = await client.get(url);
        expect(reply.status, url).toBe(401);
        expect(reply.body.error.code).toBe('niet_ingelogd');
        expect(JSON.stringify(reply.body)).not.toMatch(/netto_verloren|plancapaciteit|jaren/);
      }
    }
  });

  it('refuse a request without a session before its parameters are judged or anything is read', async () => {
    const unknown = clientOf(`${SESSION_COOKIE}=geen-sessie-${Date.now()}`, '');
    // A bad peildatum is judged before the handler reads: the usual check answers first.
    expect((await unknown.get('/api/balans?peildatum=2024-02-30')).status).toBe(401);
    expect((await unknown.get('/api/balans/reeks?van=2040&tot=2020')).status).toBe(401);
    // At a recorded moment the date of the first record (422) would say something: 401 instead.
    const before = await unknown.get('/api/balans?vastgelegd_op=2000-01-01T00:00:00Z');
    expect(before.status).toBe(401);
    expect(JSON.stringify(before.body)).not.toContain('eerste_vastlegging');

    // Signed in, the same requests get their own answers.
    const reader = await signedIn('parameters');
    expect((await reader.client.get('/api/balans?peildatum=2024-02-30')).status).toBe(400);
    expect((await reader.client.get('/api/balans/reeks?van=2040&tot=2020')).status).toBe(400);
    expect((await reader.client.get('/api/balans?vastgelegd_op=2000-01-01T00:00:00Z')).body.error.code).toBe('voor_eerste_vastlegging');
  });

  it('make nothing of their data for a token of no open session', async () => {
    await db.pool.query(`CREATE SEQUENCE IF NOT EXISTS sessie_in_statement_proef`);
    const made = async () => Number((await db.pool.query(`SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM sessie_in_statement_proef`)).rows[0].n);
    // The statement only: the session it reads is checked here, not by a route.
    const run = (token: string) => {
      const s = metSessie({ waarde: `SELECT nextval('sessie_in_statement_proef')` }, [], { tokenHash: hashToken(token), bevestig: () => undefined, apart: async () => undefined });
      return db.pool.query(s.text, s.values);
    };

    const voor = await made();
    const refused = await run(`geen-sessie-${Date.now()}`);
    expect(refused.rows[0]).toEqual({ sessie: null, waarde: null });
    expect(await made()).toBe(voor);

    const reader = await signedIn('proef');
    const token = reader.cookie.slice(`${SESSION_COOKIE}=`.length);
    const answered = await run(token);
    expect(answered.rows[0].sessie).toMatchObject({ email: email('proef'), rol: 'stuurgroep' });
    expect(Number(answered.rows[0].waarde)).toBeGreaterThan(0);
    expect(await made()).toBeGreaterThan(voor);
  });

  it('read the session in the statement of the figures, not in a query of its own', async () => {
    const reader = await signedIn('rondgang');
    // The app on a pool that notes each statement's text (the same database).
    const texts: string[] = [];
    const query = db.pool.query.bind(db.pool);
    const noting = new Proxy(db.pool, {
      get: (target, key) => (key === 'query'
        ? (...args: Parameters<typeof query>) => {
          const first = args[0] as unknown;
          texts.push(typeof first === 'string' ? first : (first as { text: string }).text);
          return (query as (...a: unknown[]) => unknown)(...args);
        }
        : Reflect.get(target, key)),
    });
    const app = createApp({ db: { ...db, pool: noting, readPool: undefined } as Database });
    for (const url of ['/api/balans', '/api/balans/reeks?van=2020&tot=2040']) {
      texts.length = 0;
      const res = await app.request(url, { headers: { cookie: reader.cookie } });
      expect(res.status, url).toBe(200);
      // Every statement of the answer carries the session; none reads only the session.
      expect(texts.length, url).toBeGreaterThan(0);
      for (const text of texts) expect(text, url).toMatch(/WITH ingelogd AS/);
    }
  });
});
