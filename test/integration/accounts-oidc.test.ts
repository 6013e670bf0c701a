// Issue 16, item 5: sign-in with a gemeente's identity provider through OpenID Connect,
// against a real provider (oidc-provider) started here on a free local port: a known
// person signs in, an unknown person waits inactive and without rights until a beheerder
// approves, a wrong state or nonce is refused, and password sign-in can be switched off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';
import { testApp, testDatabase, type Reply } from '../support/api.ts';
import { createApp } from '../../server/app.ts';
import { PASSWORD_ONLY, type AuthConfig } from '../../server/auth/config.ts';
import { createAccount } from '../../server/accounts/service.ts';

/** A JSON answer of the API under test. */
type Json = Reply['body'];

const db = testDatabase();
const api = testApp(db);
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const APP = 'http://schuifruimte.test';
const CLIENT = { id: 'schuifruimte071', secret: 'geheim-van-de-test-client-0123456789' };

/** The people the provider knows: subject → claims. */
const people = new Map<string, { email?: string; email_verified?: boolean; name?: string }>();

let server: Server;
let issuer: string;
let auth: AuthConfig;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: CLIENT.id, client_secret: CLIENT.secret, token_endpoint_auth_method: 'client_secret_post',
      redirect_uris: [`${APP}/api/auth/oidc/leiden/terug`], grant_types: ['authorization_code'], response_types: ['code'],
    }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['sleutel-voor-de-test-cookies'] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, sub) {
      const claims = people.get(sub);
      if (!claims) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...claims }) };
    },
  });
  server.on('request', provider.callback());
  auth = {
    ...PASSWORD_ONLY,
    publicUrl: APP,
    oidc: [{ id: 'leiden', naam: 'Gemeente Leiden', issuer, clientId: CLIENT.id, clientSecret: CLIENT.secret, domeinen: ['leiden.nl'], gemeente: 'Leiden' }],
  };
  app = createApp({ db, auth });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await db.close();
});

const setCookies = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]);

/** The first leg: the app's redirect to the provider, and the flow cookie it set. */
async function start(): Promise<{ authUrl: string; cookie: string }> {
  const res = await app.request('/api/auth/oidc/leiden/start');
  expect(res.status).toBe(302);
  const cookie = setCookies(res).find((c) => c.startsWith('sr071_oidc='))!;
  expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
  return { authUrl: res.headers.get('location')!, cookie };
}

/** Signs in at the provider as `sub` (its development login and consent pages) and returns where it sends the browser back. */
async function atProvider(authUrl: string, sub: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authUrl;
  let form: string | undefined;
  for (let step = 0; step < 20; step++) {
    const res = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form,
    });
    for (const c of setCookies(res)) {
      const [name, ...value] = c.split('=');
      jar.set(name, value.join('='));
    }
    form = undefined;
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, url);
      if (next.origin === APP) return next;
      url = next.href;
      continue;
    }
    const html = await res.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    const action = /action="([^"]+)"/.exec(html)?.[1];
    if (!prompt || !action) throw new Error(`unexpected provider page ${res.status}: ${html.slice(0, 400)}`);
    url = new URL(action.replace(/&amp;/g, '&'), url).href;
    form = prompt === 'login' ? `prompt=login&login=${encodeURIComponent(sub)}&password=x` : 'prompt=consent';
  }
  throw new Error('the provider did not send the browser back');
}

/** The second leg in the app: where it sends the browser, and the session cookie if any. */
async function back(callback: URL, cookie: string) {
  const res = await app.request(`${callback.pathname}${callback.search}`, { headers: cookie ? { cookie } : {} });
  expect(res.status).toBe(302);
  const session = setCookies(res).find((c) => c.startsWith('sr071_sessie=') && c !== 'sr071_sessie=');
  return { location: new URL(res.headers.get('location')!), session };
}

async function signIn(sub: string) {
  const { authUrl, cookie } = await start();
  return back(await atProvider(authUrl, sub), cookie);
}

const get = (url: string, cookie?: string) => app.request(url, { headers: cookie ? { cookie } : {} });

describe('the first leg', () => {
  it('sends the browser to the provider with PKCE (S256), state and nonce', async () => {
    const { authUrl } = await start();
    const url = new URL(authUrl);
    expect(url.origin).toBe(issuer);
    expect(url.searchParams.get('client_id')).toBe(CLIENT.id);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('redirect_uri')).toBe(`${APP}/api/auth/oidc/leiden/terug`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('scope')).toBe('openid email profile');
  });

  it('tells the sign-in screen about the provider', async () => {
    const res = await (await get('/api/auth/aanmeldopties')).json();
    expect(res).toEqual({ wachtwoord: true, min_wachtwoord_lengte: 12, aanbieders: [{ id: 'leiden', naam: 'Gemeente Leiden', start_url: '/api/auth/oidc/leiden/start' }] });
    expect((await app.request('/api/auth/oidc/elders/start')).status).toBe(404);
  });
});

describe('signing in', () => {
  it('a known person signs in and the account is linked to the subject', async () => {
    const address = `anna.${run}@leiden.nl`;
    const { id } = await createAccount(db.pool, { email: address, naam: 'Anna Jansen', rol: 'werkgroep', gemeente: 'Leiden' });
    people.set(`anna-${run}`, { email: address, email_verified: true, name: 'Anna Jansen' });
    const { location, session } = await signIn(`anna-${run}`);
    expect(location.href).toBe(`${APP}/`);
    expect(session).toBeDefined();
    const me = (await (await get('/api/auth/me', session)).json()) as Json;
    expect(me).toMatchObject({ id, email: address, rol: 'werkgroep', gemeente: 'Leiden', stap: 'volledig', methode: 'oidc', heeft_wachtwoord: false });
    expect((await get('/api/kavels/1', session)).status).toBe(200);
    const { rows } = await db.pool.query(`SELECT oidc_issuer, oidc_subject FROM account WHERE id = $1`, [id]);
    expect(rows[0]).toEqual({ oidc_issuer: issuer, oidc_subject: `anna-${run}` });
    // Later sign-ins find the account by its subject, also after the address changed at the provider.
    people.set(`anna-${run}`, { email: `a.jansen.${run}@leiden.nl`, email_verified: true, name: 'Anna Jansen' });
    const again = await signIn(`anna-${run}`);
    expect(((await (await get('/api/auth/me', again.session)).json()) as Json).id).toBe(id);
  });

  it('an unknown person gets an inactive account without a role and no session, until a beheerder approves it', async () => {
    const address = `piet.${run}@leiden.nl`;
    people.set(`piet-${run}`, { email: address, email_verified: true, name: 'Piet de Boer' });
    const first = await signIn(`piet-${run}`);
    expect(first.location.search).toBe('?aanmelding=wacht');
    expect(first.session).toBeUndefined();
    const beheerder = await api.as('beheerder');
    const waiting = (await beheerder.get('/api/accounts')).body.accounts.find((a: Json) => a.email === address);
    expect(waiting).toMatchObject({ naam: 'Piet de Boer', rol: null, actief: false, wacht_op_goedkeuring: true, oidc: true, gemeente: 'Leiden' });
    expect((await beheerder.get('/api/accounts')).body.accounts[0].wacht_op_goedkeuring).toBe(true); // waiting accounts first
    // Still waiting at the next try; no password sign-in either.
    expect((await signIn(`piet-${run}`)).location.search).toBe('?aanmelding=wacht');
    const history = (await beheerder.get(`/api/accounts/${waiting.id}/history`)).body;
    expect(history.at(-1).gebeurtenis).toMatch(/wacht op goedkeuring/);

    const noRole = await beheerder.send('PATCH', `/api/accounts/${waiting.id}`, { version: waiting.version, actief: true });
    expect(noRole.status).toBe(422);
    expect(noRole.body.error.code).toBe('rol_vereist');
    const approved = await beheerder.send('PATCH', `/api/accounts/${waiting.id}`, { version: waiting.version, rol: 'werkgroep', gemeente: 'Leiden', actief: true });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const now = await signIn(`piet-${run}`);
    expect(now.session).toBeDefined();
    expect((await get('/api/kavels/1', now.session)).status).toBe(200);
  });

  it('a regisseur signing in through the provider still gives the second factor', async () => {
    const address = `regie.${run}@leiden.nl`;
    await createAccount(db.pool, { email: address, naam: 'Regie Leiden', rol: 'regisseur' });
    people.set(`regie-${run}`, { email: address, email_verified: true, name: 'Regie Leiden' });
    const { session } = await signIn(`regie-${run}`);
    const me = (await (await get('/api/auth/me', session)).json()) as Json;
    expect(me.stap).toBe('inschrijven');
    const refused = await get('/api/ruimtevragen', session);
    expect(refused.status).toBe(401);
  });
});

describe('refusals', () => {
  it('refuses a wrong state, and the flow cannot be finished afterwards', async () => {
    people.set(`state-${run}`, { email: `state.${run}@leiden.nl`, email_verified: true, name: 'State' });
    const { authUrl, cookie } = await start();
    const callback = await atProvider(authUrl, `state-${run}`);
    const forged = new URL(callback);
    forged.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const wrong = await back(forged, cookie);
    expect(wrong.location.search).toBe('?aanmelding=fout&reden=mislukt');
    expect(wrong.session).toBeUndefined();
    expect((await back(callback, cookie)).session).toBeUndefined();
  });

  it('refuses a wrong nonce', async () => {
    const address = `nonce.${run}@leiden.nl`;
    await createAccount(db.pool, { email: address, naam: 'Nonce', rol: 'stuurgroep' });
    people.set(`nonce-${run}`, { email: address, email_verified: true, name: 'Nonce' });
    const { authUrl, cookie } = await start();
    const nonce = new URL(authUrl).searchParams.get('nonce');
    // The nonce the app expects is no longer the one it sent (as if another sign-in's ID token were replayed).
    const { rowCount } = await db.pool.query(`UPDATE oidc_aanmelding SET nonce = 'een-andere-nonce' WHERE nonce = $1`, [nonce]);
    expect(rowCount).toBe(1);
    const res = await back(await atProvider(authUrl, `nonce-${run}`), cookie);
    expect(res.location.search).toBe('?aanmelding=fout&reden=mislukt');
    expect(res.session).toBeUndefined();
    // The same person with an untouched flow gets in: the refusal was the nonce.
    expect((await signIn(`nonce-${run}`)).session).toBeDefined();
  });

  it('refuses the callback without the browser\'s flow cookie', async () => {
    people.set(`koek-${run}`, { email: `koek.${run}@leiden.nl`, email_verified: true });
    const { authUrl } = await start();
    const res = await back(await atProvider(authUrl, `koek-${run}`), '');
    expect(res.location.search).toBe('?aanmelding=fout&reden=mislukt');
  });

  it('refuses an e-mail domain the provider may not sign in, and creates nothing', async () => {
    const address = `buiten.${run}@elders.nl`;
    people.set(`buiten-${run}`, { email: address, email_verified: true, name: 'Buiten' });
    const res = await signIn(`buiten-${run}`);
    expect(res.location.search).toBe('?aanmelding=fout&reden=domein');
    expect((await db.pool.query(`SELECT 1 FROM account WHERE email = $1`, [address])).rowCount).toBe(0);
  });

  it('refuses an address the provider has not verified', async () => {
    people.set(`onbevestigd-${run}`, { email: `onbevestigd.${run}@leiden.nl`, email_verified: false });
    expect((await signIn(`onbevestigd-${run}`)).location.search).toBe('?aanmelding=fout&reden=geen_email');
  });
});

describe('password sign-in switched off', () => {
  it('refuses passwords and says so to the sign-in screen', async () => {
    const closed = createApp({ db, auth: { ...auth, wachtwoordInloggen: false } });
    const res = await closed.request('/api/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'wg.leiden@test.nl', wachtwoord: 'test-wachtwoord-071' }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as Json).error.code).toBe('wachtwoord_uit');
    expect(((await (await closed.request('/api/auth/aanmeldopties')).json()) as Json).wachtwoord).toBe(false);
  });
});
