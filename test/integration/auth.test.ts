// Sign-in: cookies, throttling, sign-out and revocation.
import { afterAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../support/api.ts';
import { TEST_PASSWORD } from '../support/accounts.ts';
import { FREE_FAILURES } from '../../server/auth/rate-limit.ts';

const db = testDatabase();
const api = testApp(db);
afterAll(() => db.close());

const login = (email: string, wachtwoord: string, headers: Record<string, string> = {}) =>
  api.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, wachtwoord }),
  });

describe('login', () => {
  it('sets an httpOnly, SameSite session cookie and returns the account without its hash', async () => {
    const res = await login('Regisseur@Test.nl', TEST_PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^sr071_sessie=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // plain http in the test; Secure behind https
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ email: 'regisseur@test.nl', rol: 'regisseur' });
    expect(body).not.toHaveProperty('wachtwoord_hash');
    expect(body.csrfToken).toBeTypeOf('string');
  });

  it('marks the cookie Secure behind HTTPS', async () => {
    const res = await login('regisseur@test.nl', TEST_PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(res.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('answers a wrong password and an unknown account alike', async () => {
    const wrong = await login('stuurgroep@test.nl', 'verkeerd-wachtwoord');
    const unknown = await login('niemand@test.nl', 'verkeerd-wachtwoord');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('throttles an account after repeated failures, even with the right password', async () => {
    const email = 'beheerder@test.nl';
    for (let i = 0; i < FREE_FAILURES; i++) expect((await login(email, `fout-${i}`)).status).toBe(401);
    const blocked = await login(email, TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(((await blocked.json()) as any).error.code).toBe('te_veel_pogingen');
    await db.pool.query(`DELETE FROM login_poging WHERE email = $1`, [email]);
    expect((await login(email, TEST_PASSWORD)).status).toBe(200);
  });
});

describe('sessions', () => {
  it('logout revokes the session on the server', async () => {
    const res = await login('wg.katwijk@test.nl', TEST_PASSWORD);
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const me = await api.app.request('/api/auth/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    const out = await api.app.request('/api/auth/logout', { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(out.status).toBe(200);
    expect((await api.app.request('/api/kavels/1', { headers: { cookie } })).status).toBe(401);
  });

  it('a beheerder can deactivate an account, which ends its sessions at once', async () => {
    const beheerder = await api.as('beheerder');
    const created = await beheerder.send('POST', '/api/accounts', {
      email: 'tijdelijk@test.nl', naam: 'Tijdelijk', rol: 'werkgroep', gemeente: 'Voorschoten',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.account.gemeente).toBe('Voorschoten');
    // Since issue 16 the new person sets the password through the one-time link.
    const token = new URL(created.body.link.url).hash.slice(1);
    const set = await api.anonymous.send('POST', '/api/auth/wachtwoord-link/instellen', { token, wachtwoord: 'lang-genoeg-wachtwoord' });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const res = await login('tijdelijk@test.nl', 'lang-genoeg-wachtwoord');
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    expect((await api.app.request('/api/kavels/1', { headers: { cookie } })).status).toBe(200);
    const { version } = (await beheerder.get('/api/accounts')).body.accounts.find((a: any) => a.email === 'tijdelijk@test.nl');
    const off = await beheerder.send('PATCH', `/api/accounts/${created.body.account.id}`, { actief: false, version });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect((await api.app.request('/api/kavels/1', { headers: { cookie } })).status).toBe(401);
    expect((await login('tijdelijk@test.nl', 'lang-genoeg-wachtwoord')).status).toBe(401);
  });

  it('refuses short passwords and werkgroep accounts without a gemeente', async () => {
    const beheerder = await api.as('beheerder');
    const created = await beheerder.send('POST', '/api/accounts', { email: 'kort@test.nl', naam: 'Kort', rol: 'regisseur' });
    const token = new URL(created.body.link.url).hash.slice(1);
    const short = await api.anonymous.send('POST', '/api/auth/wachtwoord-link/instellen', { token, wachtwoord: 'kort' });
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('wachtwoord_te_kort');
    const noGemeente = await beheerder.send('POST', '/api/accounts', { email: 'wg@test.nl', naam: 'WG', rol: 'werkgroep' });
    expect(noGemeente.status).toBe(400);
  });

  it('stores passwords only as scrypt hashes', async () => {
    const { rows } = await db.pool.query<{ wachtwoord_hash: string }>(`SELECT wachtwoord_hash FROM account WHERE wachtwoord_hash IS NOT NULL`);
    for (const r of rows) {
      expect(r.wachtwoord_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect(r.wachtwoord_hash).not.toContain(TEST_PASSWORD);
    }
  });
});

describe('audit trail', () => {
  it('cannot be changed or deleted', async () => {
    await expect(db.pool.query(`UPDATE audit_log SET reden = 'x' WHERE id = (SELECT min(id) FROM audit_log)`)).rejects.toThrow(/append-only/);
    await expect(db.pool.query(`DELETE FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)`)).rejects.toThrow(/append-only/);
  });
});
