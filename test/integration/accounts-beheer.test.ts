// Issue 16, items 1–3: the beheerder's account administration, one-time links to set a
// password (also by e-mail), one's own password and sessions, the account's history, and
// no secret of any of it in the audit trail.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { Client } from '../support/api.ts';
import { accountsTestFile, STRONG, type Json } from '../support/accounts-fixture.ts';
import { createApp } from '../../server/app.ts';
import { PASSWORD_ONLY } from '../../server/auth/config.ts';
import { createAccount } from '../../server/accounts/service.ts';
import { resetRecoveryCodes, setSecondFactor } from '../../server/auth/service.ts';
import { newTotpSecret } from '../../server/auth/totp.ts';

const { db, api, email, clientOf, login } = accountsTestFile('beheer.test.nl');
const tokenOf = (url: string) => new URL(url).hash.slice(1);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function newAccount(label: string, rol = 'stuurgroep', gemeente?: string) {
  const beheerder = await api.as('beheerder');
  const res = await beheerder.send('POST', '/api/accounts', { email: email(label), naam: `Beheer ${label}`, rol, ...(gemeente ? { gemeente } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { account: Json; link: { url: string; verloopt_op: string; gemaild: boolean } };
}

const setPassword = (token: string, wachtwoord = STRONG) =>
  api.anonymous.send('POST', '/api/auth/wachtwoord-link/instellen', { token, wachtwoord });

/** A new account (see newAccount) whose one-time link has set the password STRONG. */
async function accountWithPassword(label: string, rol?: string, gemeente?: string) {
  const made = await newAccount(label, rol, gemeente);
  expect((await setPassword(tokenOf(made.link.url))).status).toBe(200);
  return made;
}

const currentVersion = async (id: number) =>
  (await (await api.as('beheerder')).get('/api/accounts')).body.accounts.find((a: Json) => a.id === id).version as number;

describe('creating an account', () => {
  it('gives a one-time link instead of a typed password, and lists the account with what a beheerder needs', async () => {
    const { account, link } = await newAccount('nieuw', 'werkgroep', 'Leiden');
    expect(account).toMatchObject({ rol: 'werkgroep', gemeente: 'Leiden', actief: true, wachtwoord_ingesteld: false, tweede_factor: false, open_sessies: 0 });
    expect(link.url).toMatch(/^http:\/\/localhost\/wachtwoord-instellen#[A-Za-z0-9_-]{43}$/);
    expect(link.gemaild).toBe(false); // no SMTP configured
    const hours = (Date.parse(link.verloopt_op) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    expect(account.link_geldig_tot).toBe(link.verloopt_op);
    // Only the hash is stored: the token is nowhere in the database's link table.
    const token = tokenOf(link.url);
    const { rows } = await db.pool.query(`SELECT token_hash FROM wachtwoord_link WHERE account_id = $1`, [account.id]);
    expect(rows).toEqual([{ token_hash: sha256(token) }]);
    expect(JSON.stringify((await db.pool.query(`SELECT * FROM wachtwoord_link`)).rows)).not.toContain(token);
  });

  it('refuses a password typed by the beheerder, an unknown gemeente and a duplicate address', async () => {
    const beheerder = await api.as('beheerder');
    const typed = await beheerder.send('POST', '/api/accounts', { email: email('getypt'), naam: 'Getypt', rol: 'stuurgroep', wachtwoord: STRONG });
    expect(typed.status).toBe(400);
    const gemeente = await beheerder.send('POST', '/api/accounts', { email: email('gem'), naam: 'Gem', rol: 'werkgroep', gemeente: 'Amsterdam' });
    expect(gemeente.status).toBe(400);
    expect(gemeente.body.error.message).toMatch(/Amsterdam/);
    await newAccount('dubbel');
    const twice = await beheerder.send('POST', '/api/accounts', { email: email('dubbel').toUpperCase(), naam: 'Dubbel', rol: 'stuurgroep' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('email_bestaat');
  });
});

describe('one-time links', () => {
  it('lets the person set a password that then works, once', async () => {
    const { link, account } = await newAccount('link');
    const token = tokenOf(link.url);
    const check = await api.anonymous.send('POST', '/api/auth/wachtwoord-link', { token });
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ email: email('link'), naam: 'Beheer link', doel: 'nieuw' });
    expect((await login(email('link'))).status).toBe(401); // no password yet
    const set = await setPassword(token);
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toEqual({ email: email('link'), tweede_factor_verplicht: false });
    expect((await login(email('link'))).status).toBe(200);
    // Used twice: refused, and the password stays the one set first.
    const again = await setPassword(token, 'een-ander-lang-wachtwoord');
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('link_gebruikt');
    expect((await login(email('link'), 'een-ander-lang-wachtwoord')).status).toBe(401);
    const listed = (await (await api.as('beheerder')).get('/api/accounts')).body.accounts.find((a: Json) => a.id === account.id);
    expect(listed).toMatchObject({ wachtwoord_ingesteld: true, link_geldig_tot: null, open_sessies: 1 });
    expect(listed.laatst_ingelogd_op).not.toBeNull();
  });

  it('refuses a tampered, an expired and a replaced link, and one of a deactivated account', async () => {
    const { link, account } = await newAccount('verlopen');
    const token = tokenOf(link.url);
    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect((await setPassword(tampered)).status).toBe(404);
    expect((await api.anonymous.send('POST', '/api/auth/wachtwoord-link', { token: tampered })).body.error.code).toBe('link_onbekend');

    await db.pool.query(`UPDATE wachtwoord_link SET verloopt_op = now() - interval '1 minute' WHERE token_hash = $1`, [sha256(token)]);
    const expired = await setPassword(token);
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('link_verlopen');
    expect(expired.body.error.message).toMatch(/verlopen/);

    const beheerder = await api.as('beheerder');
    const first = await beheerder.send('POST', `/api/accounts/${account.id}/wachtwoord-link`);
    const second = await beheerder.send('POST', `/api/accounts/${account.id}/wachtwoord-link`);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect((await setPassword(tokenOf(first.body.url))).body.error.code).toBe('link_vervangen');

    const off = await beheerder.send('PATCH', `/api/accounts/${account.id}`, { version: await currentVersion(account.id), actief: false });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect((await setPassword(tokenOf(second.body.url))).status).toBe(410);
    const refused = await beheerder.send('POST', `/api/accounts/${account.id}/wachtwoord-link`);
    expect(refused.status).toBe(422);
    expect((await login(email('verlopen'))).status).toBe(401);
  });

  it('a forgotten password: a new link sets a new one and ends the old sessions', async () => {
    const { account } = await accountWithPassword('vergeten');
    const session = await login(email('vergeten'));
    expect((await api.app.request('/api/kavels/1', { headers: { cookie: session.cookie } })).status).toBe(200);
    const herstel = await (await api.as('beheerder')).send('POST', `/api/accounts/${account.id}/wachtwoord-link`);
    expect((await api.anonymous.send('POST', '/api/auth/wachtwoord-link', { token: tokenOf(herstel.body.url) })).body.doel).toBe('herstel');
    expect((await setPassword(tokenOf(herstel.body.url), 'nieuwe-fiets-bij-de-molen')).status).toBe(200);
    expect((await api.app.request('/api/kavels/1', { headers: { cookie: session.cookie } })).status).toBe(401);
    expect((await login(email('vergeten'))).status).toBe(401);
    expect((await login(email('vergeten'), 'nieuwe-fiets-bij-de-molen')).status).toBe(200);
  });
});

describe('the link by e-mail', () => {
  it('is sent in Dutch through SMTP_URL, with the link and until when it works', async () => {
    const received: ParsedMail[] = [];
    const envelopes: string[] = [];
    const server = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData(stream, session, callback) {
        envelopes.push(...session.envelope.rcptTo.map((r) => r.address));
        simpleParser(stream).then((mail) => { received.push(mail); callback(); }, callback);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.server.address() as { port: number }).port;
    try {
      const app = createApp({
        db, auth: { ...PASSWORD_ONLY, smtpUrl: `smtp://127.0.0.1:${port}`, publicUrl: 'https://schuifruimte.example.nl', mailFrom: 'Schuifruimte071 <noreply@example.nl>' },
      });
      const beheerder = await api.as('beheerder');
      const res = await app.request('/api/accounts', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: beheerder.cookie, 'x-csrf-token': beheerder.csrf },
        body: JSON.stringify({ email: email('mail'), naam: 'Anna de Vries', rol: 'werkgroep', gemeente: 'Katwijk' }),
      });
      const body = (await res.json()) as Json;
      expect(res.status, JSON.stringify(body)).toBe(201);
      expect(body.link.gemaild).toBe(true);
      expect(body.link.url).toMatch(/^https:\/\/schuifruimte\.example\.nl\/wachtwoord-instellen#/);
      expect(envelopes).toEqual([email('mail')]);
      const [mail] = received;
      expect(mail.subject).toBe('Uw account voor Schuifruimte071');
      expect(mail.from?.text).toContain('noreply@example.nl');
      expect(mail.text).toContain('Beste Anna de Vries,');
      expect(mail.text).toContain(body.link.url);
      expect(mail.text).toMatch(/werkt één keer en is geldig tot \d{1,2} \w+ \d{4} om \d{2}:\d{2}/);
      // The mailed link works.
      expect((await setPassword(tokenOf(body.link.url))).status).toBe(200);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('still gives the beheerder the link when the mail server cannot be reached', async () => {
    const app = createApp({ db, auth: { ...PASSWORD_ONLY, smtpUrl: 'smtp://127.0.0.1:9' } });
    const beheerder = await api.as('beheerder');
    const res = await app.request('/api/accounts', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: beheerder.cookie, 'x-csrf-token': beheerder.csrf },
      body: JSON.stringify({ email: email('geenmail'), naam: 'Geen Mail', rol: 'stuurgroep' }),
    });
    const body = (await res.json()) as Json;
    expect(res.status).toBe(201);
    expect(body.link).toMatchObject({ gemaild: false, mail_fout: expect.stringMatching(/geef de link zelf door/) });
    expect((await setPassword(tokenOf(body.link.url))).status).toBe(200);
  });
});

describe('changing accounts', () => {
  it('changes role and gemeente, refuses a werkgroep without gemeente and a stale version', async () => {
    const { account } = await newAccount('wissel');
    const beheerder = await api.as('beheerder');
    const noGemeente = await beheerder.send('PATCH', `/api/accounts/${account.id}`, { version: account.version, rol: 'werkgroep' });
    expect(noGemeente.status).toBe(400);
    const wg = await beheerder.send('PATCH', `/api/accounts/${account.id}`, { version: account.version, rol: 'werkgroep', gemeente: 'Oegstgeest' });
    expect(wg.status, JSON.stringify(wg.body)).toBe(200);
    expect(wg.body).toMatchObject({ rol: 'werkgroep', gemeente: 'Oegstgeest' });
    const stale = await beheerder.send('PATCH', `/api/accounts/${account.id}`, { version: account.version, naam: 'Oud' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.gewijzigd_door).toBe('Test Beheerder');
    const regional = await beheerder.send('PATCH', `/api/accounts/${account.id}`, { version: wg.body.version, rol: 'regisseur' });
    expect(regional.body).toMatchObject({ rol: 'regisseur', gemeente: null, gemeente_id: null });
  });

  it('a beheerder cannot deactivate or demote itself', async () => {
    const beheerder = await api.as('beheerder');
    const me = (await beheerder.get('/api/auth/me')).body;
    for (const change of [{ actief: false }, { rol: 'regisseur' }]) {
      const res = await beheerder.send('PATCH', `/api/accounts/${me.id}`, { version: await currentVersion(me.id), ...change });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('eigen_account');
    }
  });

  it('keeps the last active beheerder: of two beheerders removing each other at once, one is refused', async () => {
    // Two fresh beheerders, and for this test only they are the installation's active beheerders.
    const ids: number[] = [];
    const clients: Client[] = [];
    for (const label of ['b1', 'b2']) {
      const { id } = await createAccount(db.pool, { email: email(label), naam: `Beheerder ${label}`, rol: 'beheerder', wachtwoord: STRONG });
      await setSecondFactor(db.pool, id, newTotpSecret());
      const first = await login(email(label));
      const [code] = await resetRecoveryCodes(db.pool, id);
      const second = await clientOf(first.cookie, first.body.csrfToken).send('POST', '/api/auth/tweede-factor', { code });
      expect(second.status).toBe(200);
      ids.push(id);
      clients.push(clientOf((second.headers.get('set-cookie') ?? '').split(';')[0], second.body.csrfToken));
    }
    const { rows: others } = await db.pool.query<{ id: number }>(
      `UPDATE account SET actief = false WHERE rol = 'beheerder' AND actief AND id <> ALL($1::int[]) RETURNING id`, [ids]);
    try {
      const [v1, v2] = [await versionOf(ids[0]), await versionOf(ids[1])];
      const replies = await Promise.all([
        clients[0].send('PATCH', `/api/accounts/${ids[1]}`, { version: v2, actief: false }),
        clients[1].send('PATCH', `/api/accounts/${ids[0]}`, { version: v1, actief: false }),
      ]);
      const statuses = replies.map((r) => r.status).sort();
      expect(statuses[0], JSON.stringify(replies.map((r) => r.body))).toBe(200);
      expect([401, 422]).toContain(statuses[1]);
      const refused = replies.find((r) => r.status !== 200)!;
      if (refused.status === 422) {
        expect(refused.body.error.code).toBe('laatste_beheerder');
        expect(refused.body.error.message).toMatch(/laatste actieve beheerder/);
      }
      const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM account WHERE rol = 'beheerder' AND actief`);
      expect(rows[0].n).toBe(1);
    } finally {
      await db.pool.query(`UPDATE account SET actief = true WHERE id = ANY($1::int[])`, [others.map((o) => o.id)]);
    }
  });

  it('revokes all sessions of an account at once', async () => {
    const { account } = await accountWithPassword('intrekken');
    const a = await login(email('intrekken'));
    const b = await login(email('intrekken'));
    for (const s of [a, b]) expect((await api.app.request('/api/kavels/1', { headers: { cookie: s.cookie } })).status).toBe(200);
    const res = await (await api.as('beheerder')).send('DELETE', `/api/accounts/${account.id}/sessies`);
    expect(res.body).toEqual({ ingetrokken: 2 });
    for (const s of [a, b]) expect((await api.app.request('/api/kavels/1', { headers: { cookie: s.cookie } })).status).toBe(401);
    expect((await (await api.as('beheerder')).send('DELETE', '/api/accounts/999999/sessies')).status).toBe(404);
  });
});

async function versionOf(id: number): Promise<number> {
  return (await db.pool.query<{ version: number }>(`SELECT version FROM account WHERE id = $1`, [id])).rows[0].version;
}

describe("the account's history", () => {
  it('shows every change with who made it, in Dutch', async () => {
    const beheerder = await api.as('beheerder');
    const { account } = await accountWithPassword('historie', 'werkgroep', 'Leiden');
    await login(email('historie'));
    let v = await currentVersion(account.id);
    await beheerder.send('PATCH', `/api/accounts/${account.id}`, { version: v, rol: 'werkgroep', gemeente: 'Zoeterwoude' });
    v = await currentVersion(account.id);
    await beheerder.send('PATCH', `/api/accounts/${account.id}`, { version: v, actief: false });
    v = await currentVersion(account.id);
    await beheerder.send('PATCH', `/api/accounts/${account.id}`, { version: v, actief: true });
    await beheerder.send('POST', `/api/accounts/${account.id}/wachtwoord-link`);

    const history = await beheerder.get(`/api/accounts/${account.id}/history`);
    expect(history.status).toBe(200);
    const lines = (history.body as { gebeurtenis: string; door: string | null }[]).map((e) => `${e.door ?? '-'}: ${e.gebeurtenis}`).reverse();
    expect(lines).toEqual([
      'Test Beheerder: Account aangemaakt als werkgroep (Leiden)',
      'Test Beheerder: Eenmalige link voor het eerste wachtwoord aangemaakt',
      `Beheer historie: Wachtwoord ingesteld`,
      'Beheer historie: Eenmalige link gebruikt',
      expect.stringMatching(/^Beheer historie: Ingelogd met wachtwoord/),
      'Test Beheerder: Gemeente: Zoeterwoude',
      'Test Beheerder: Gedeactiveerd',
      'Test Beheerder: Sessie beëindigd door een beheerder',
      'Test Beheerder: Geactiveerd',
      'Test Beheerder: Eenmalige link voor een nieuw wachtwoord aangemaakt',
    ]);
    expect((await beheerder.get('/api/accounts/999999/history')).status).toBe(404);
  });
});

describe('own account', () => {
  it('changes its own password with the current one, ending its other sessions', async () => {
    await accountWithPassword('eigen');
    const other = await login(email('eigen'));
    const { client: me } = await login(email('eigen'));
    const wrong = await me.send('POST', '/api/mijn-account/wachtwoord', { huidig: 'niet-mijn-wachtwoord', nieuw: 'nieuwe-fiets-bij-de-molen' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('wachtwoord_onjuist');
    const weak = await me.send('POST', '/api/mijn-account/wachtwoord', { huidig: STRONG, nieuw: 'Wachtwoord2024!' });
    expect(weak.body.error.code).toBe('wachtwoord_te_zwak');
    const ok = await me.send('POST', '/api/mijn-account/wachtwoord', { huidig: STRONG, nieuw: 'nieuwe-fiets-bij-de-molen' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.andere_sessies_beeindigd).toBe(1);
    expect((await me.get('/api/kavels/1')).status).toBe(200);
    expect((await api.app.request('/api/kavels/1', { headers: { cookie: other.cookie } })).status).toBe(401);
    expect((await login(email('eigen'))).status).toBe(401);
    expect((await login(email('eigen'), 'nieuwe-fiets-bij-de-molen')).status).toBe(200);
  });

  it('the current password is throttled like sign-in', async () => {
    await accountWithPassword('raden');
    const { client: me } = await login(email('raden'));
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await me.send('POST', '/api/mijn-account/wachtwoord', { huidig: `fout-${i}`, nieuw: 'nieuwe-fiets-bij-de-molen' })).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
  });

  it('lists and ends its own sessions, and no one else\'s', async () => {
    await accountWithPassword('sessies');
    const other = await login(email('sessies'));
    const { client: me } = await login(email('sessies'));
    const list = await me.get('/api/mijn-account/sessies');
    expect(list.body).toHaveLength(2);
    expect(list.body.filter((s: Json) => s.huidige)).toHaveLength(1);
    const otherId = list.body.find((s: Json) => !s.huidige).id;
    // Someone else's session id is not found (and not ended).
    const stranger = await api.as('werkgroep_leiden');
    expect((await stranger.send('DELETE', `/api/mijn-account/sessies/${otherId}`)).status).toBe(404);
    expect((await api.app.request('/api/kavels/1', { headers: { cookie: other.cookie } })).status).toBe(200);
    expect((await me.send('DELETE', `/api/mijn-account/sessies/${otherId}`)).body).toEqual({ beeindigd: true });
    expect((await api.app.request('/api/kavels/1', { headers: { cookie: other.cookie } })).status).toBe(401);
    expect((await me.get('/api/mijn-account/sessies')).body).toHaveLength(1);
  });
});

describe('secrets stay out of the audit trail', () => {
  it('lists every new secret column', async () => {
    const { rows } = await db.pool.query(`SELECT tabel || '.' || kolom AS k FROM audit_geheime_kolom ORDER BY 1`);
    expect(rows.map((r) => r.k)).toEqual(expect.arrayContaining([
      'account.wachtwoord_hash', 'sessie.csrf_token', 'sessie.token_hash', 'tweede_factor.geheim',
      'tweede_factor.herstelcodes', 'tweede_factor.nieuw_geheim', 'wachtwoord_link.token_hash',
    ]));
  });

  it('no token hash, CSRF token, TOTP secret or recovery-code hash appears in any audit row', async () => {
    // Make sure there is one of each: a link, sessions, an enrolled factor with codes.
    const { account } = await accountWithPassword('geheim');
    await login(email('geheim'));
    const geheim = newTotpSecret();
    await setSecondFactor(db.pool, account.id, geheim);
    await resetRecoveryCodes(db.pool, account.id);
    const audited = (await db.pool.query<{ t: string }>(
      `SELECT string_agg(coalesce(voor::text, '') || coalesce(na::text, ''), ' ') AS t FROM audit_log
       WHERE tabel IN ('sessie', 'wachtwoord_link', 'tweede_factor')`)).rows[0].t;
    expect(audited).toContain(`"account_id": ${account.id}`); // the rows themselves are audited
    const secrets = (await db.pool.query<{ s: string }>(
      `SELECT token_hash AS s FROM sessie UNION ALL SELECT csrf_token FROM sessie
       UNION ALL SELECT token_hash FROM wachtwoord_link
       UNION ALL SELECT geheim FROM tweede_factor WHERE geheim IS NOT NULL
       UNION ALL SELECT nieuw_geheim FROM tweede_factor WHERE nieuw_geheim IS NOT NULL
       UNION ALL SELECT unnest(herstelcodes) FROM tweede_factor`)).rows.map((r) => r.s);
    expect(secrets.length).toBeGreaterThan(10);
    expect(secrets).toContain(geheim);
    for (const s of secrets) expect(audited.includes(s), `secret ${s.slice(0, 6)}… in the audit trail`).toBe(false);
    expect(audited).not.toMatch(/"(token_hash|csrf_token|geheim|nieuw_geheim|herstelcodes)":/);
  });
});
