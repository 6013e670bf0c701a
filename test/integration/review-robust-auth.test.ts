// Issue 10, items 6, 13 and 14: no secrets in the audit trail (also not in rows written
// before the fix), login throttling per account and address that never blocks a correct
// password from an address that has not failed, common passwords refused, and a health
// check that reports a database it cannot reach instead of answering 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import pg from 'pg';
import { testApp, testDatabase } from '../support/api.ts';
import { createApp } from '../../server/app.ts';
import { createAccount } from '../../server/accounts/service.ts';
import type { Database } from '../../server/db/database.ts';

const db = testDatabase();
const api = testApp(db);
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const STRONG = 'rode-fiets-op-de-zeedijk';

let trustProxy: string | undefined;
beforeAll(() => {
  trustProxy = process.env.TRUST_PROXY;
});
afterAll(async () => {
  if (trustProxy === undefined) delete process.env.TRUST_PROXY;
  else process.env.TRUST_PROXY = trustProxy;
  await db.pool.query(`DELETE FROM login_poging WHERE email LIKE $1`, [`%${run}%`]);
  await db.close();
});

const login = (email: string, wachtwoord: string, adres?: string) =>
  api.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(adres ? { 'x-forwarded-for': adres } : {}) },
    body: JSON.stringify({ email, wachtwoord }),
  });

/** A fresh regisseur account with a strong password, straight in the database. */
async function freshAccount(label: string) {
  const email = `${label}.${run}@robust.test.nl`;
  await createAccount(db.pool, { email, naam: `Robust ${label}`, rol: 'regisseur', wachtwoord: STRONG });
  return email;
}

/** Moves this account's recorded attempts back in time, as if `seconds` had passed. */
const letTimePass = (email: string, seconds: number) =>
  db.pool.query(`UPDATE login_poging SET tijdstip = tijdstip - make_interval(secs => $2) WHERE email = $1`, [email, seconds]);

describe('audit trail keeps no secrets', () => {
  it('an account created through the API leaves no password hash in the audit log', async () => {
    const beheerder = await api.as('beheerder');
    const email = `audit.${run}@robust.test.nl`;
    const created = await beheerder.send('POST', '/api/accounts', { email, naam: 'Audit Robust', rol: 'stuurgroep' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.account.id as number;
    // A password change is recorded as a change, without either hash.
    await db.pool.query(`UPDATE account SET wachtwoord_hash = $2 WHERE id = $1`, [id, 'scrypt$32768$8$1$bmlldXc=$bmlldXc=']);
    const { rows } = await db.pool.query(
      `SELECT actie, voor, na FROM audit_log WHERE tabel = 'account' AND record_id = $1 ORDER BY id`, [id]);
    expect(rows.map((r) => r.actie)).toEqual(['insert', 'update']);
    for (const r of rows) {
      for (const image of [r.voor, r.na]) {
        if (image === null) continue;
        expect(image.email).toBe(email); // the row is still audited
        expect(image).not.toHaveProperty('wachtwoord_hash');
        expect(JSON.stringify(image)).not.toMatch(/scrypt\$/);
      }
    }
    expect(rows[1].na.version).toBe(rows[0].na.version + 1);
  });

  it('no audited row anywhere holds a password hash', async () => {
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE voor::text LIKE '%scrypt$%' OR na::text LIKE '%scrypt$%'`);
    expect(rows[0].n).toBe(0);
  });

  it('strips every column listed as secret, for any audited table', async () => {
    // A future secret (a TOTP secret) is covered by listing it; nothing else changes.
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`CREATE TABLE robust_totp (id serial PRIMARY KEY, version integer NOT NULL DEFAULT 1,
                            account text NOT NULL, totp_geheim text NOT NULL)`);
      await client.query(`CREATE TRIGGER robust_totp_audit AFTER INSERT OR UPDATE OR DELETE ON robust_totp
                            FOR EACH ROW EXECUTE FUNCTION audit_row()`);
      await client.query(`INSERT INTO audit_geheime_kolom (tabel, kolom) VALUES ('robust_totp', 'totp_geheim')`);
      const { rows: [row] } = await client.query(
        `INSERT INTO robust_totp (account, totp_geheim) VALUES ('a@b.nl', 'JBSWY3DPEHPK3PXP') RETURNING id`);
      await client.query(`UPDATE robust_totp SET totp_geheim = 'KRSXG5CTMVRXEZLU' WHERE id = $1`, [row.id]);
      await client.query(`DELETE FROM robust_totp WHERE id = $1`, [row.id]);
      const { rows } = await client.query(
        `SELECT actie, voor, na FROM audit_log WHERE tabel = 'robust_totp' AND record_id = $1 ORDER BY id`, [row.id]);
      expect(rows.map((r) => r.actie)).toEqual(['insert', 'update', 'delete']);
      const images = rows.flatMap((r) => [r.voor, r.na]).filter((x) => x !== null);
      expect(images).toHaveLength(4);
      for (const image of images) {
        expect(image.account).toBe('a@b.nl');
        expect(image).not.toHaveProperty('totp_geheim');
      }
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('the migration removes hashes from rows written before it, and the log stays append-only', async () => {
    const dir = fileURLToPath(new URL('../../server/db/migrations', import.meta.url));
    const before = readdirSync(dir).filter((f) => f.endsWith('.sql') && f < '008').length;
    const schema = `robust_mig_${run}`;
    const options = {
      dir, direction: 'up' as const, migrationsTable: 'schema_migrations', schema: [schema, 'public'], createSchema: true,
      checkOrder: true, singleTransaction: true, log: () => undefined,
    };
    const client = await db.pool.connect();
    try {
      // The schema as it stood before migration 008, in a schema of its own.
      await runner({ ...options, dbClient: client, count: before });
      const { rows: [acc] } = await client.query(
        `INSERT INTO account (email, naam, rol, wachtwoord_hash) VALUES ('oud@robust.nl', 'Oud', 'beheerder', 'scrypt$32768$8$1$b3Vk$b3Vk')
         RETURNING id`);
      await client.query(`UPDATE account SET wachtwoord_hash = 'scrypt$32768$8$1$bmlldXc=$bmlldXc=' WHERE id = $1`, [acc.id]);
      const leaked = `SELECT count(*)::int AS n FROM audit_log WHERE voor ? 'wachtwoord_hash' OR na ? 'wachtwoord_hash'`;
      expect((await client.query(leaked)).rows[0].n).toBe(2); // the defect: the hashes are in the trail

      await runner({ ...options, dbClient: client });
      expect((await client.query(leaked)).rows[0].n).toBe(0);
      const { rows } = await client.query(`SELECT actie, na FROM audit_log WHERE tabel = 'account' ORDER BY id`);
      expect(rows.map((r) => [r.actie, r.na.email])).toEqual([['insert', 'oud@robust.nl'], ['update', 'oud@robust.nl']]);
      await expect(client.query(`UPDATE audit_log SET reden = 'x'`)).rejects.toThrow(/append-only/);
      await expect(client.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.query('RESET search_path');
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      client.release();
    }
  });
});

describe('login throttling', () => {
  it('failures from one address on other accounts never block a correct password (behind a proxy all share one address)', async () => {
    delete process.env.TRUST_PROXY; // every request then comes from the proxy's one address
    const email = await freshAccount('gedeeld');
    for (let i = 0; i < 25; i++) expect((await login(`iemand${i}.${run}@robust.test.nl`, `fout-${i}`)).status).toBe(401);
    const res = await login(email, STRONG);
    expect(res.status, await res.clone().text()).toBe(200);
  });

  it('delays one account from one address, exponentially, and says in Dutch how long', async () => {
    process.env.TRUST_PROXY = '1';
    const email = await freshAccount('paar');
    const aanvaller = '203.0.113.5';
    for (let i = 0; i < 5; i++) expect((await login(email, `fout-${i}`, aanvaller)).status).toBe(401);

    const blocked = await login(email, STRONG, aanvaller);
    expect(blocked.status).toBe(429);
    const body = (await blocked.json()) as any;
    expect(body.error.code).toBe('te_veel_pogingen');
    expect(body.error.message).toMatch(/Probeer het over (30|29|28) seconden opnieuw/);
    expect(body.error.details.wacht_seconden).toBeGreaterThan(25);
    expect(body.error.details.wacht_seconden).toBeLessThanOrEqual(30);
    expect(Number(blocked.headers.get('retry-after'))).toBe(body.error.details.wacht_seconden);

    // The same account from an address without failures, and another account from the
    // failing address, get in.
    expect((await login(email, STRONG, '198.51.100.7')).status).toBe(200);
    const ander = await freshAccount('ander');
    expect((await login(ander, STRONG, aanvaller)).status).toBe(200);

    // After the wait one more try is allowed; its failure doubles the wait.
    await letTimePass(email, 31);
    expect((await login(email, 'nog-steeds-fout', aanvaller)).status).toBe(401);
    const longer = await login(email, STRONG, aanvaller);
    expect(longer.status).toBe(429);
    expect(((await longer.json()) as any).error.message).toMatch(/Probeer het over 1 minuut opnieuw/);

    // Once the wait is over the right password works, and it wipes the slate.
    await letTimePass(email, 61);
    expect((await login(email, STRONG, aanvaller)).status).toBe(200);
    expect((await login(email, 'typfout', aanvaller)).status).toBe(401);
    expect((await login(email, STRONG, aanvaller)).status).toBe(200);
  });

  it('an account attacked from many addresses delays those addresses, never a clean one', async () => {
    process.env.TRUST_PROXY = '1';
    const email = await freshAccount('verspreid');
    for (let i = 0; i < 24; i++) expect((await login(email, `fout-${i}`, `192.0.2.${i + 1}`)).status).toBe(401);
    const fromAttacker = await login(email, STRONG, '192.0.2.3');
    expect(fromAttacker.status).toBe(429);
    expect(((await fromAttacker.json()) as any).error.message).toMatch(/Probeer het over .* opnieuw/);
    expect((await login(email, STRONG, '198.51.100.20')).status).toBe(200);
  });
});

// Since issue 16 a new person sets the password through the one-time link of the new account.
describe('common passwords', () => {
  /** A new account's one-time link token (the part after #). */
  async function linkToken(email: string, naam: string): Promise<string> {
    const beheerder = await api.as('beheerder');
    const res = await beheerder.send('POST', '/api/accounts', { email, naam, rol: 'stuurgroep' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return new URL(res.body.link.url).hash.slice(1);
  }
  const setPassword = (token: string, wachtwoord: string) =>
    api.anonymous.send('POST', '/api/auth/wachtwoord-link/instellen', { token, wachtwoord });

  let zwak: string;
  beforeAll(async () => {
    zwak = await linkToken(`zwak.${run}@robust.test.nl`, 'Zwak');
  });

  const refused = ['welkom012345', 'Wachtwoord2024!', 'qwertyuiop12', '123456789012', 'aaaaaaaaaaaa',
    'Feyenoord1908!!', 'schuifruimte071', 'welkomwelkom'];
  it.each(refused)('refuses %s when a new account sets its password', async (wachtwoord) => {
    const res = await setPassword(zwak, wachtwoord);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe('wachtwoord_te_zwak');
    expect(res.body.error.message).toMatch(/veelgebruikt|voorspelbaar/);
  });

  it('refuses the e-mail address or the name as password', async () => {
    const token = await linkToken(`marieke.jansen.${run}@robust.test.nl`, 'Marieke Jansen');
    const res = await setPassword(token, `marieke.jansen.${run}!`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('wachtwoord_te_zwak');
  });

  it('accepts a long password of own words', async () => {
    const token = await linkToken(`sterk.${run}@robust.test.nl`, 'Sterk');
    const res = await setPassword(token, 'kanszone-bij-de-oude-rijn');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await login(`sterk.${run}@robust.test.nl`, 'kanszone-bij-de-oude-rijn')).status).toBe(200);
  });
});

describe('health', () => {
  it('says ok with the database mode and PostGIS version', async () => {
    const res = await api.anonymous.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: db.mode });
    expect(res.body.postgis).toMatch(/^3\./);
  });

  it('reports a database it cannot reach as an error with a reason, not as a 500', async () => {
    // A pool to a port where nothing listens: the state of a server whose database died.
    const dead = new pg.Pool({ connectionString: 'postgres://x:y@127.0.0.1:9/x', max: 1, connectionTimeoutMillis: 2_000 });
    const broken: Database = { pool: dead, mode: db.mode, close: () => dead.end() };
    try {
      const res = await createApp({ db: broken }).request('/api/health');
      expect(res.status).toBe(503);
      const body = (await res.json()) as any;
      expect(body.status).toBe('error');
      expect(body.database).toBe(db.mode);
      expect(body.reden).toMatch(/database/i);
    } finally {
      await broken.close();
    }
  });

  it('reports why the embedded database is down while it is being restarted', async () => {
    const broken: Database = { ...db, problem: () => 'De ingebouwde database is gestopt (SIGKILL); herstart bezig.' };
    const res = await createApp({ db: broken }).request('/api/health');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'error', reden: 'De ingebouwde database is gestopt (SIGKILL); herstart bezig.' });
  });
});
