// Who may call an API route is declared beside the route's definition:
//
//   app.openapi(apiRoute(BEWERKERS, { method: 'post', path: '/kavels', ... }), handler)
//
// The declaration travels with the route into the OpenAPI document (`x-toegang`),
// the access table below is built from those declarations once the app is
// assembled, the middleware enforces it before any handler runs (deny by default:
// an API path without a declared route answers 404), the route × role matrix test
// is generated from it, and /api/auth/me derives the signed-in user's capabilities
// from it. There is no second list of permissions.
import { createRoute, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import { ROLES, type Role } from '../domain/roles.ts';

export interface Toegang {
  /** Roles that may call the route, or 'openbaar' for a route that needs no sign-in. */
  rollen: readonly Role[] | 'openbaar';
  /**
   * A werkgroep member acts only within its own gemeente on this route; the
   * feature's service enforces it per record (documented here for integrators).
   */
  eigenGemeente?: boolean;
  /**
   * Also open to a session that has given the password but not yet the second factor
   * its account needs (the second-factor steps, "who am I", sign-out). Every other route
   * refuses such a session.
   */
  voorTweedeFactor?: boolean;
  /**
   * A GET route that reads the session in the same statement as its data, one round
   * trip instead of two (server/auth/middleware.ts, `SessieInStatement`).
   */
  sessieInStatement?: boolean;
}

export const TOEGANG_KEY = 'x-toegang';

export const OPENBAAR: Toegang = { rollen: 'openbaar' };
export const IEDEREEN: Toegang = { rollen: ROLES };
/** Every role, the session read in the route's own statement (the monitor's figures). */
export const IEDEREEN_IN_STATEMENT: Toegang = { ...IEDEREEN, sessieInStatement: true };
/** Werkgroep, regisseur and beheerder; the werkgroep within its own gemeente. */
export const BEWERKERS: Toegang = { rollen: ['beheerder', 'regisseur', 'werkgroep'], eigenGemeente: true };
/** Readers of company-related data in anonymised form: everyone but the stuurgroep. */
export const WERKGROEP_EN_REGIE: Toegang = { rollen: ['beheerder', 'regisseur', 'werkgroep'] };
export const REGIE: Toegang = { rollen: ['beheerder', 'regisseur'] };
export const BEHEER: Toegang = { rollen: ['beheerder'] };
/** Every role, also before the second factor: the sign-in steps themselves. */
export const AANMELDEN: Toegang = { rollen: ROLES, voorTweedeFactor: true };

/** A route definition with its access declared (createRoute plus `x-toegang`). */
export function apiRoute<const R extends RouteConfig>(toegang: Toegang, config: R) {
  return createRoute({ ...config, [TOEGANG_KEY]: toegang } as R & { [TOEGANG_KEY]: Toegang });
}

export interface DeclaredRoute {
  method: string;
  /** Full OpenAPI path, e.g. /api/kavels/{id}. */
  path: string;
  toegang: Toegang;
}

/** A capability: "METHOD /api/path/{param}", as in the OpenAPI document. */
export type RouteKey = `${string} /api/${string}`;

const routeKey = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}` as RouteKey;

/** Literal segments win over parameters (/ruimtevragen/aggregaat over /ruimtevragen/{id}). */
const literalSegments = (path: string) => path.split('/').filter((s) => s && !s.startsWith('{')).length;

const toRegExp = (path: string) =>
  new RegExp('^' + path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}/]+\}/g, '[^/]+') + '/?$');

export class AccessTable {
  private readonly entries: (DeclaredRoute & { re: RegExp })[];

  constructor(routes: DeclaredRoute[]) {
    this.entries = routes
      .map((r) => ({ ...r, method: r.method.toUpperCase(), re: toRegExp(r.path) }))
      .sort((a, b) => literalSegments(b.path) - literalSegments(a.path));
  }

  /** Every route with an access declaration. */
  get routes(): DeclaredRoute[] {
    return this.entries.map(({ re: _re, ...r }) => r);
  }

  /** The declaration for a request, or undefined when no route answers it. */
  find(method: string, path: string): DeclaredRoute | undefined {
    const m = method.toUpperCase();
    return this.entries.find((e) => e.method === m && e.re.test(path));
  }

  /**
   * The routes a role may call, as "METHOD /api/path" keys; before the second factor
   * (`volledig` false) only those open at that step.
   */
  capabilities(rol: Role, volledig = true): RouteKey[] {
    return this.entries
      .filter((e) => e.toegang.rollen === 'openbaar' || e.toegang.rollen.includes(rol))
      .filter((e) => volledig || e.toegang.rollen === 'openbaar' || e.toegang.voorTweedeFactor)
      .map(routeKey)
      .sort();
  }
}

export const mayCall = (toegang: Toegang, rol: Role | null): boolean =>
  toegang.rollen === 'openbaar' || (rol !== null && toegang.rollen.includes(rol));

const toOpenApiPath = (honoPath: string) => honoPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');

/**
 * The access table of an assembled app, from the routes' declarations. Routes made
 * outside the OpenAPI registry (the document itself) are declared in `unregistered`,
 * keyed "GET /api/openapi.json". Throws when an API route has no declaration, so a
 * route without one cannot even start.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any app, whatever its Env
export function accessTableOf(app: OpenAPIHono<any>, unregistered: Readonly<Record<string, Toegang>> = {}, prefix = '/api/'): AccessTable {
  const declaredOutside = (method: string, path: string): Toegang | undefined => unregistered[`${method.toUpperCase()} ${path}`];
  const declared: DeclaredRoute[] = [];
  const declare = (method: string, path: string, own?: Toegang) => {
    if (declared.some((d) => d.method.toUpperCase() === method.toUpperCase() && d.path === path)) return;
    const toegang = own ?? declaredOutside(method, path);
    if (!toegang) throw new Error(`API route ${method.toUpperCase()} ${path} declares no access (use apiRoute)`);
    declared.push({ method, path, toegang });
  };
  for (const def of app.openAPIRegistry.definitions) {
    if (def.type !== 'route' || !def.route.path.startsWith(prefix)) continue;
    declare(def.route.method, def.route.path, (def.route as RouteConfig & { [TOEGANG_KEY]?: Toegang })[TOEGANG_KEY]);
  }
  // Routes registered outside the OpenAPI registry (plain app.get …) need a declaration too.
  for (const r of app.routes) {
    if (!r.path.startsWith(prefix) || r.method === 'ALL' || r.path.includes('*')) continue;
    declare(r.method, toOpenApiPath(r.path));
  }
  return new AccessTable(declared);
}
