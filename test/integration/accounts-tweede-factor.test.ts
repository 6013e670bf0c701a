// Issue 16, item 4: two-factor sign-in (TOTP, RFC 6238) required for regisseur and
// beheerder, optional for the others; enrolment with a QR code and one confirmation code,
// recovery codes once, reset by a beheerder, throttled like the password. A session that
// has passed only the password reaches nothing but the second-factor steps.
import { describe, expect, it } from 'vitest';
import { TOTP } from 'otpauth';
import { accountsTestFile, cookieOf, STRONG, type Json } from '../support/accounts-fixture.ts';
import { accessTableOf } from '../../server/http/access.ts';
import { UNREGISTERED_ROUTES } from '../../server/app.ts';
import { createAccount } from '../../server/accounts/service.ts';
import { setSecondFactor } from '../../server/auth/service.ts';
import { newTotpSecret, totpCode } from '../../server/auth/totp.ts';
import { FREE_FAILURES } from '../../server/auth/rate-limit.ts';
import type { Role } from '../../server/domain/roles.ts';

const { db, api, email, clientOf, login } = accountsTestFile('tweede.test.nl');

/** A fresh account with a password, and a TOTP secret when `secret` is given. */
async function account(label: string, rol: Role, secret?: string, gemeente?: string) {
  const { id } = await createAccount(db.pool, { email: email(label), naam: `Tweede ${label}`, rol, gemeente, wachtwoord: STRONG });
  const herstelcodes = secret ? await setSecondFactor(db.pool, id, secret) : [];
  return { id, email: email(label), herstelcodes };
}

/** The code of the next 30-second step: a code not used yet, as a phone would show half a minute later. */
const nextCode = (secret: string) => totpCode(secret, Date.now() + 30_000);

/** A fresh regisseur with a TOTP secret, signed in with password and current code: `client` holds the full session. */
async function signedInRegisseur(label: string) {
  const secret = newTotpSecret();
  const made = await account(label, 'regisseur', secret);
  const a = await login(email(label));
  const full = await a.client.send('POST', '/api/auth/tweede-factor', { code: totpCode(secret) });
  expect(full.status, JSON.stringify(full.body)).toBe(200);
  return { ...made, secret, client: clientOf(cookieOf(full), full.body.csrfToken) };
}

describe('before the second factor', () => {
  it('a regisseur who gave only the password reaches no route but the second-factor steps', async () => {
    const secret = newTotpSecret();
    await account('regisseur', 'regisseur', secret);
    const { status, body, client } = await login(email('regisseur'));
    expect(status).toBe(200);
    expect(body.stap).toBe('tweede_factor');
    // What it may call: the public routes and the steps of signing in, nothing of its role.
    expect(body.mag).toEqual(expect.arrayContaining([
      'GET /api/auth/me', 'POST /api/auth/logout', 'POST /api/auth/tweede-factor',
      'POST /api/auth/tweede-factor/bevestigen', 'POST /api/auth/tweede-factor/inschrijven',
    ]));

    // Every route of the app, with a real record id: refused before any handler runs.
    const { rows: [{ id: vraag }] } = await db.pool.query(`SELECT min(id) AS id FROM ruimtevraag`);
    const { rows: bedrijven } = await db.pool.query<{ naam: string }>(`SELECT naam FROM bedrijf`);
    const routes = accessTableOf(api.app, UNREGISTERED_ROUTES).routes;
    const closed = routes.filter((r) => r.toegang.rollen !== 'openbaar' && !r.toegang.voorTweedeFactor);
    expect(closed.map((r) => r.path)).toEqual(expect.arrayContaining(['/api/ruimtevragen', '/api/ruimtevragen/{id}', '/api/matches', '/api/accounts']));
    for (const r of closed) expect(body.mag).not.toContain(`${r.method.toUpperCase()} ${r.path}`);
    for (const r of closed) {
      const url = r.path.replace(/\{[^}]+\}/g, String(vraag));
      const reply = r.method.toUpperCase() === 'GET' ? await client.get(url) : await client.send(r.method.toUpperCase(), url, {});
      expect(reply.status, `${r.method} ${url}`).toBe(401);
      expect(reply.body.error.code).toBe('tweede_factor_nodig');
      for (const b of bedrijven) expect(JSON.stringify(reply.body)).not.toContain(b.naam);
    }
    // The one step it may take cannot replace the factor either.
    const enrol = await client.send('POST', '/api/auth/tweede-factor/inschrijven', {});
    expect(enrol.status).toBe(403);
    expect(enrol.body.error.code).toBe('eerst_code');
  });

  it('a correct code opens the session with a new token; the token from before the code stops working', async () => {
    const secret = newTotpSecret();
    await account('code', 'regisseur', secret);
    const { client } = await login(email('code'));
    const res = await client.send('POST', '/api/auth/tweede-factor', { code: totpCode(secret) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.stap).toBe('volledig');
    expect(res.body.mag).toContain('GET /api/ruimtevragen');
    const full = clientOf(cookieOf(res), res.body.csrfToken);
    expect(full.cookie).not.toBe(client.cookie);
    const requests = await full.get('/api/ruimtevragen');
    expect(requests.status).toBe(200);
    expect(requests.body[0]).toHaveProperty('bedrijf_naam');
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });

  it('a wrong or a reused code fails', async () => {
    const secret = newTotpSecret();
    await account('hergebruik', 'beheerder', secret);
    const first = await login(email('hergebruik'));
    const code = totpCode(secret);
    const wrong = await first.client.send('POST', '/api/auth/tweede-factor', { code: code === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('code_onjuist');
    // A code of another secret is wrong too.
    expect((await first.client.send('POST', '/api/auth/tweede-factor', { code: totpCode(newTotpSecret()) })).status).toBe(400);
    expect((await first.client.send('POST', '/api/auth/tweede-factor', { code })).status).toBe(200);
    const second = await login(email('hergebruik'));
    const reused = await second.client.send('POST', '/api/auth/tweede-factor', { code });
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('code_al_gebruikt');
    expect(reused.body.error.message).toMatch(/al gebruikt/);
    expect((await second.client.get('/api/ruimtevragen')).status).toBe(401);
    // The next code works; an older one, even though it was never used, no longer does.
    expect((await second.client.send('POST', '/api/auth/tweede-factor', { code: nextCode(secret) })).status).toBe(200);
    const third = await login(email('hergebruik'));
    expect((await third.client.send('POST', '/api/auth/tweede-factor', { code: totpCode(secret, Date.now() - 30_000) })).body.error.code)
      .toBe('code_al_gebruikt');
  });

  it('recovery codes work once each', async () => {
    const secret = newTotpSecret();
    const { herstelcodes } = await account('herstel', 'regisseur', secret);
    expect(herstelcodes).toHaveLength(10);
    for (const c of herstelcodes) expect(c).toMatch(/^[2-9a-hjkmnp-z]{4}(-[2-9a-hjkmnp-z]{4}){3}$/);
    const a = await login(email('herstel'));
    // Typed in capitals and without dashes: still the code.
    const ok = await a.client.send('POST', '/api/auth/tweede-factor', { code: herstelcodes[3].toUpperCase().replace(/-/g, '') });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const b = await login(email('herstel'));
    const again = await b.client.send('POST', '/api/auth/tweede-factor', { code: herstelcodes[3] });
    expect(again.status).toBe(400);
    expect((await b.client.send('POST', '/api/auth/tweede-factor', { code: herstelcodes[4] })).status).toBe(200);
  });

  it('is throttled like the password', async () => {
    const secret = newTotpSecret();
    await account('remmen', 'regisseur', secret);
    const { client } = await login(email('remmen'));
    for (let i = 0; i < FREE_FAILURES; i++) {
      expect((await client.send('POST', '/api/auth/tweede-factor', { code: '00000' + i })).status).toBe(400);
    }
    const blocked = await client.send('POST', '/api/auth/tweede-factor', { code: totpCode(secret) });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.message).toMatch(/Te veel mislukte codes.*Probeer het over 30 seconden opnieuw/);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('enrolment', () => {
  it('a regisseur without a factor must enrol: QR code, one code, recovery codes once', async () => {
    await account('inschrijven', 'regisseur');
    const { body, client } = await login(email('inschrijven'));
    expect(body.stap).toBe('inschrijven');
    expect((await client.get('/api/ruimtevragen')).body.error.code).toBe('tweede_factor_nodig');

    const start = await client.send('POST', '/api/auth/tweede-factor/inschrijven', {});
    expect(start.status, JSON.stringify(start.body)).toBe(200);
    expect(start.body.geheim).toMatch(/^[A-Z2-7]{32}$/);
    expect(start.body.qr_svg).toMatch(/^<svg[^>]*>[\s\S]*<path[\s\S]*<\/svg>\s*$/);
    const uri = new URL(start.body.otpauth_uri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('issuer')).toBe('Schuifruimte071');
    expect(uri.searchParams.get('secret')).toBe(start.body.geheim);
    expect(decodeURIComponent(uri.pathname)).toContain(email('inschrijven'));
    // What an authenticator app makes of the URI gives the codes the server accepts.
    const app = new TOTP({ secret: start.body.geheim });
    expect((await client.send('POST', '/api/auth/tweede-factor/bevestigen', { code: '123456' === app.generate() ? '654321' : '123456' })).status).toBe(400);
    const done = await client.send('POST', '/api/auth/tweede-factor/bevestigen', { code: app.generate() });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.herstelcodes).toHaveLength(10);
    expect(done.body.ik).toMatchObject({ stap: 'volledig', tweede_factor: true, tweede_factor_verplicht: true });
    const full = clientOf(cookieOf(done), done.body.ik.csrfToken);
    expect((await full.get('/api/ruimtevragen')).status).toBe(200);
    // Shown once: the database holds only hashes.
    const { rows } = await db.pool.query(`SELECT herstelcodes FROM tweede_factor WHERE account_id = (SELECT id FROM account WHERE email = $1)`, [email('inschrijven')]);
    for (const code of done.body.herstelcodes) expect(JSON.stringify(rows)).not.toContain(code.replace(/-/g, ''));
    // The next sign-in asks for the code.
    expect((await login(email('inschrijven'))).body.stap).toBe('tweede_factor');
  });

  it('a werkgroep member may enrol voluntarily, and then needs the code; it may switch it off again', async () => {
    await account('vrijwillig', 'werkgroep', undefined, 'Leiden');
    const first = await login(email('vrijwillig'));
    expect(first.body).toMatchObject({ stap: 'volledig', tweede_factor: false, tweede_factor_verplicht: false });
    const start = await first.client.send('POST', '/api/auth/tweede-factor/inschrijven', {});
    const secret = start.body.geheim as string;
    const done = await first.client.send('POST', '/api/auth/tweede-factor/bevestigen', { code: totpCode(secret) });
    expect(done.status).toBe(200);
    const full = clientOf(cookieOf(done), done.body.ik.csrfToken);
    const next = await login(email('vrijwillig'));
    expect(next.body.stap).toBe('tweede_factor');
    expect((await next.client.get('/api/kavels/1')).status).toBe(401);
    // Switching it off needs a current code.
    expect((await full.send('DELETE', '/api/mijn-account/tweede-factor', { code: '000000' })).status).toBe(400);
    const off = await full.send('DELETE', '/api/mijn-account/tweede-factor', { code: nextCode(secret) });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect((await login(email('vrijwillig'))).body.stap).toBe('volledig');
  });

  it('a regisseur cannot switch its factor off; new recovery codes need a current code and replace the old ones', async () => {
    const { secret, herstelcodes, client: me } = await signedInRegisseur('verplicht');
    const off = await me.send('DELETE', '/api/mijn-account/tweede-factor', { code: nextCode(secret) });
    expect(off.status).toBe(422);
    expect(off.body.error.code).toBe('tweede_factor_verplicht');
    const fresh = await me.send('POST', '/api/mijn-account/tweede-factor/herstelcodes', { code: nextCode(secret) });
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(200);
    expect(fresh.body.herstelcodes).toHaveLength(10);
    const b = await login(email('verplicht'));
    expect((await b.client.send('POST', '/api/auth/tweede-factor', { code: herstelcodes[0] })).status).toBe(400);
    expect((await b.client.send('POST', '/api/auth/tweede-factor', { code: fresh.body.herstelcodes[0] })).status).toBe(200);
  });

  it('a new phone: replacing the factor needs a current code, and the new one works at once', async () => {
    const { secret, client: me } = await signedInRegisseur('telefoon');
    expect((await me.send('POST', '/api/auth/tweede-factor/inschrijven', {})).body.error.code).toBe('code_vereist');
    const start = await me.send('POST', '/api/auth/tweede-factor/inschrijven', { code: nextCode(secret) });
    expect(start.status, JSON.stringify(start.body)).toBe(200);
    // The old factor holds until the new one is confirmed, within the same half minute as the old code.
    const fresh = start.body.geheim as string;
    const done = await me.send('POST', '/api/auth/tweede-factor/bevestigen', { code: totpCode(fresh) });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const b = await login(email('telefoon'));
    expect((await b.client.send('POST', '/api/auth/tweede-factor', { code: totpCode(secret, Date.now() + 60_000) })).status).toBe(400);
    expect((await b.client.send('POST', '/api/auth/tweede-factor', { code: nextCode(fresh) })).status).toBe(200);
  });

  it('a role changed to regisseur closes an open session until the person has enrolled', async () => {
    const { id } = await account('promotie', 'werkgroep', undefined, 'Katwijk');
    const session = await login(email('promotie'));
    expect((await session.client.get('/api/ruimtevragen')).status).toBe(200); // anonymised for the werkgroep
    const version = (await db.pool.query(`SELECT version FROM account WHERE id = $1`, [id])).rows[0].version;
    const promoted = await (await api.as('beheerder')).send('PATCH', `/api/accounts/${id}`, { version, rol: 'regisseur' });
    expect(promoted.status, JSON.stringify(promoted.body)).toBe(200);
    const refused = await session.client.get('/api/ruimtevragen');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('tweede_factor_nodig');
    expect((await session.client.get('/api/auth/me')).body.stap).toBe('inschrijven');
  });
});

describe('reset by a beheerder', () => {
  it('removes the factor, ends the sessions, is audited, and the person enrols again', async () => {
    const { id, client: session } = await signedInRegisseur('kwijt');
    expect((await session.get('/api/ruimtevragen')).status).toBe(200);

    const beheerder = await api.as('beheerder');
    const reset = await beheerder.send('DELETE', `/api/accounts/${id}/tweede-factor`);
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ hersteld: true, sessies_beeindigd: 1 });
    expect((await session.get('/api/ruimtevragen')).status).toBe(401);
    const listed = (await beheerder.get('/api/accounts')).body.accounts.find((x: Json) => x.id === id);
    expect(listed.tweede_factor).toBe(false);
    const history = (await beheerder.get(`/api/accounts/${id}/history`)).body;
    expect(history[0]).toMatchObject({ door: 'Test Beheerder', gebeurtenis: expect.stringMatching(/^Sessie beëindigd/) });
    expect(history.some((e: Json) => e.door === 'Test Beheerder' && /Tweestapsverificatie hersteld door een beheerder/.test(e.gebeurtenis))).toBe(true);
    expect((await login(email('kwijt'))).body.stap).toBe('inschrijven');
  });

  it('is for the beheerder only', async () => {
    const { id } = await account('alleenbeheer', 'regisseur', newTotpSecret());
    for (const who of ['regisseur', 'werkgroep_leiden', 'stuurgroep'] as const) {
      const res = await (await api.as(who)).send('DELETE', `/api/accounts/${id}/tweede-factor`);
      expect(res.status, who).toBe(403);
    }
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM tweede_factor WHERE account_id = $1 AND geheim IS NOT NULL`, [id])).rows[0].n).toBe(1);
  });
});
