// Every API route × every role (and anonymous): the middleware must enforce the
// access each route declares (server/http/access.ts), every route must declare
// one, and the policy below, stated independently, must agree with them. A new
// route without a declaration fails here (the app does not even start).
import { afterAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../support/api.ts';
import { TEST_ACCOUNTS, type TestRole } from '../support/accounts.ts';
import { UNREGISTERED_ROUTES } from '../../server/app.ts';
import { accessTableOf, mayCall } from '../../server/http/access.ts';
import type { Role } from '../../server/domain/roles.ts';

const db = testDatabase();
const api = testApp(db);
afterAll(() => db.close());

const apiRoutes = api.app.routes
  .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL' && !r.path.includes('*'))
  .map((r) => ({ method: r.method, path: r.path }))
  .filter((r, i, all) => all.findIndex((o) => o.method === r.method && o.path === r.path) === i);

const access = accessTableOf(api.app, UNREGISTERED_ROUTES);
const declared = (method: string, path: string) =>
  access.routes.find((r) => r.method.toUpperCase() === method && r.path === path.replace(/:([A-Za-z_]+)/g, '{$1}'));

const roleOf = (key: TestRole): Role => TEST_ACCOUNTS.find((a) => a.key === key)!.rol;

// The policy, stated independently of the table it checks.
function expectedAllowed(method: string, path: string, role: Role | null): boolean {
  if (path === '/api/health' || path === '/api/auth/login') return true;
  // Issue 16: how to sign in, the one-time links and the identity providers' two legs need no session.
  if (['/api/auth/aanmeldopties', '/api/auth/wachtwoord-link', '/api/auth/wachtwoord-link/instellen'].includes(path)) return true;
  if (/^\/api\/auth\/oidc\/:aanbieder\/(start|terug)$/.test(path)) return true;
  if (role === null) return false;
  if (path.startsWith('/api/accounts')) return role === 'beheerder';
  // Everyone's own account and second factor, the stuurgroep's too.
  if (path.startsWith('/api/mijn-account/') || path.startsWith('/api/auth/tweede-factor')) return true;
  if (path === '/api/ruimtevragen' && method === 'GET') return role !== 'stuurgroep';
  // Matching (issue #6): company-specific, so regie only; the werkgroep sees requests and candidates anonymised.
  if (['/api/ruimtevragen/:id', '/api/ruimtevragen/:id/kandidaten'].includes(path) && method === 'GET') return role !== 'stuurgroep' && role !== null;
  if (path.startsWith('/api/ruimtevragen') && method !== 'GET') return role === 'beheerder' || role === 'regisseur';
  if (/^\/api\/(matching|matches|signalen)(\/|$)/.test(path)) return role === 'beheerder' || role === 'regisseur';
  // Exchange (issue #14): imports write map layers, so editors only; everyone makes and revokes their own OGC tokens.
  if (path === '/api/import' || path.startsWith('/api/import/')) return role !== 'stuurgroep';
  if (path.startsWith('/api/toegangstokens')) return true;
  // Meetings, snapshots, reports and advice (issue #13): the regisseur (and beheerder) prepares and records; every role reads.
  if (/^\/api\/(vergaderingen|adviezen)(\/|$)/.test(path)) return method === 'GET' || role === 'beheerder' || role === 'regisseur';
  // What a compensatie can still be given to: a list for who assigns (editors) only.
  if (path === '/api/compensaties/:id/toewijzingen/keuzes') return role !== 'stuurgroep';
  if (method !== 'GET') return role !== 'stuurgroep' || path === '/api/auth/logout';
  return true;
}

describe('declared access', () => {
  it('has found the API routes', () => {
    expect(apiRoutes.length).toBeGreaterThan(30);
  });

  it.each(apiRoutes)('declares access for $method $path', ({ method, path }) => {
    expect(declared(method, path), `${method} ${path} declares no access`).toBeDefined();
  });

  it('agrees with the policy for every route and role', () => {
    for (const { method, path } of apiRoutes) {
      const { toegang } = declared(method, path)!;
      for (const role of [null, 'beheerder', 'regisseur', 'werkgroep', 'stuurgroep'] as const) {
        const allowed = mayCall(toegang, role);
        expect(allowed, `${method} ${path} for ${role ?? 'anoniem'}`).toBe(expectedAllowed(method, path, role));
      }
    }
  });

  it('declares no route outside the registry that does not exist', () => {
    const registered = new Set(apiRoutes.map((r) => `${r.method} ${r.path}`));
    for (const key of Object.keys(UNREGISTERED_ROUTES)) expect(registered.has(key), key).toBe(true);
  });
});

describe('enforcement', () => {
  // Concrete URLs: unknown ids, so that allowed calls end in 400/404/428 and change nothing.
  const concrete = (path: string) => path.replace(/:id/g, '999999');
  const testable = apiRoutes.filter((r) => r.path !== '/api/auth/logout' && r.path !== '/api/auth/login');

  it.each(['anonymous', 'beheerder', 'regisseur', 'werkgroep_leiden', 'stuurgroep'] as const)(
    'answers every route as the table says for %s',
    async (who) => {
      const client = who === 'anonymous' ? api.anonymous : await api.as(who);
      const role = who === 'anonymous' ? null : roleOf(who);
      for (const { method, path } of testable) {
        const reply = method === 'GET' ? await client.get(concrete(path)) : await client.send(method, concrete(path), {});
        const label = `${who} ${method} ${path} -> ${reply.status} ${JSON.stringify(reply.body).slice(0, 120)}`;
        if (expectedAllowed(method, path, role)) {
          expect([401, 403], label).not.toContain(reply.status);
          expect(reply.status, label).toBeLessThan(500);
        } else {
          expect(reply.status, label).toBe(role === null ? 401 : 403);
          expect(reply.body.error.code, label).toBe(role === null ? 'niet_ingelogd' : 'geen_toegang');
        }
      }
    },
  );

  it.each(['beheerder', 'regisseur', 'werkgroep_leiden', 'stuurgroep'] as const)(
    'tells %s in /api/auth/me exactly what the policy lets it do',
    async (who) => {
      const me = (await (await api.as(who)).get('/api/auth/me')).body as { mag: string[] };
      const expected = apiRoutes
        .filter(({ method, path }) => expectedAllowed(method, path, roleOf(who)))
        .map(({ method, path }) => `${method} ${path.replace(/:([A-Za-z_]+)/g, '{$1}')}`)
        .sort();
      expect(me.mag).toEqual(expected);
    },
  );

  it('refuses a state-changing request without the CSRF token', async () => {
    const regisseur = await api.as('regisseur');
    const reply = await regisseur.send('PATCH', '/api/kavels/1', { version: 1 }, { 'x-csrf-token': 'fout' });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('csrf');
  });

  it('lets nobody signed out see data, only the login and health', async () => {
    expect((await api.anonymous.get('/api/health')).status).toBe(200);
    for (const url of ['/api/kavels', '/api/terreinen/1', '/api/openapi.json', '/api/ruimtevragen/aggregaat', '/api/config']) {
      expect((await api.anonymous.get(url)).status, url).toBe(401);
    }
  });
});

describe('confidential company data', () => {
  it('never reaches werkgroep or stuurgroep through any GET route', async () => {
    const { rows } = await db.pool.query<{ naam: string; kvk_nummer: string }>(`SELECT naam, kvk_nummer FROM bedrijf`);
    expect(rows.length).toBeGreaterThan(0);
    const ids = (await db.pool.query<{ id: number }>(`SELECT min(id) AS id FROM ruimtevraag`)).rows[0].id;
    const regisseur = await api.as('regisseur');
    const full = await regisseur.get('/api/ruimtevragen');
    expect(JSON.stringify(full.body)).toContain(rows[0].naam); // the check below can see names when they are there
    for (const who of ['werkgroep_leiden', 'stuurgroep'] as const) {
      const client = await api.as(who);
      for (const { path } of apiRoutes.filter((r) => r.method === 'GET')) {
        const reply = await client.get(path.replace(/:id/g, String(ids)));
        const text = JSON.stringify(reply.body);
        for (const b of rows) {
          expect(text.includes(b.naam), `${who} ${path} shows ${b.naam}`).toBe(false);
          expect(text.includes(b.kvk_nummer), `${who} ${path} shows KvK ${b.kvk_nummer}`).toBe(false);
        }
      }
    }
  });

  it('shows the werkgroep anonymised requests and the stuurgroep aggregates only', async () => {
    const wg = await (await api.as('werkgroep_leiden')).get('/api/ruimtevragen');
    expect(wg.status).toBe(200);
    expect(wg.body[0].label).toMatch(/^Vraag \d+ · [\d,]+ ha · cat\. [\d.]+$/);
    expect(wg.body[0]).not.toHaveProperty('bedrijf_naam');
    expect(wg.body[0]).not.toHaveProperty('accountmanager');
    const sg = await api.as('stuurgroep');
    expect((await sg.get('/api/ruimtevragen')).status).toBe(403);
    const agg = await sg.get('/api/ruimtevragen/aggregaat');
    expect(agg.status).toBe(200);
    expect(agg.body.totaal.aantal).toBe(wg.body.filter((r: any) => ['open', 'in_behandeling'].includes(r.status)).length);
    expect(agg.body.per_milieucategorie.reduce((s: number, r: any) => s + r.aantal, 0)).toBe(agg.body.totaal.aantal);
  });
});
