// Sign-in, CSRF and authorisation for every /api request, before any handler runs.
import type { MiddlewareHandler } from 'hono';
import type pg from 'pg';
import { getCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv } from '../app.ts';
import { ApiError } from '../http/errors.ts';
import { mayCall, type AccessTable, type DeclaredRoute } from '../http/access.ts';
import { findSession, hashToken, sessionFromRow, SESSION_COOKIE, type Session, type SessieInStatement } from './sessions.ts';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_HEADER = 'x-csrf-token';

export function clientAddress(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string {
  if (process.env.TRUST_PROXY === '1') {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'onbekend';
  } catch {
    return 'onbekend';
  }
}

/**
 * The session check for a route's read on `pool`, when the route reads the session
 * itself (SessieInStatement): in the read's own statement on the primary; on a replica,
 * which may lag behind a sign-in or sign-out, checked apart first (then undefined).
 */
export async function sessieInStatement(c: { var: AppEnv['Variables'] }, pool: pg.Pool): Promise<SessieInStatement | undefined> {
  const sessie = c.var.sessieInStatement;
  if (!sessie || pool === c.var.db.pool) return sessie;
  await sessie.apart();
  return undefined;
}

/**
 * Loads the session and enforces the route's declared access (server/http/access.ts)
 * before any handler runs. The table is read per request because it is complete
 * only once every route has been registered.
 */
export function authorise(accessTable: () => AccessTable): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const route = accessTable().find(c.req.method, c.req.path);
    const token = getCookie(c, SESSION_COOKIE);
    c.set('access', accessTable());
    // Deny by default: a path without a declared route is unreachable.
    c.set('session', null);
    if (!route) throw new ApiError(404, 'onbekende_route', 'Deze API-route bestaat niet.');
    // A route that reads the session in its own statement (SessieInStatement); fail closed:
    // an answer given without that check (an error before the read) gets the usual one.
    if (token && route.toegang.sessieInStatement && c.req.method === 'GET') {
      let bevestigd = false;
      const bevestig = (session: Session | null) => {
        toegestaan(c, route, session);
        c.set('session', session);
        bevestigd = true;
      };
      c.set('sessieInStatement', {
        tokenHash: hashToken(token),
        bevestig: (row) => bevestig(sessionFromRow(row)),
        apart: async () => bevestig(await findSession(c.var.db, token)),
      });
      await next();
      if (!bevestigd) toegestaan(c, route, await findSession(c.var.db, token));
      return;
    }
    const session = token ? await findSession(c.var.db, token) : null;
    c.set('session', session);
    toegestaan(c, route, session);
    await next();
  };
}

/** Whether the session may call the route (throws the refusal): sign-in, CSRF, second factor, role. */
function toegestaan(c: Parameters<MiddlewareHandler<AppEnv>>[0], route: DeclaredRoute, session: Session | null) {
  if (route.toegang.rollen === 'openbaar') return;
  if (!session) throw new ApiError(401, 'niet_ingelogd', 'Log in om verder te gaan.');
  if (STATE_CHANGING.has(c.req.method) && c.req.header(CSRF_HEADER) !== session.csrfToken) {
    throw new ApiError(403, 'csrf', 'De beveiligingscode van dit verzoek ontbreekt of klopt niet. Laad de pagina opnieuw.');
  }
  // Before the second factor only the sign-in steps answer, whatever the role.
  if (session.stap !== 'volledig' && !route.toegang.voorTweedeFactor) {
    throw new ApiError(401, 'tweede_factor_nodig', session.stap === 'inschrijven'
      ? 'Stel eerst tweestapsverificatie in; daarna kunt u verder.'
      : 'Geef eerst de code uit uw authenticator-app; daarna kunt u verder.', { stap: session.stap });
  }
  if (!mayCall(route.toegang, session.account.rol)) {
    throw new ApiError(403, 'geen_toegang', 'Uw rol geeft geen toegang tot deze functie.');
  }
}

/**
 * Where the app is reached, for links and the identity provider's return address:
 * PUBLIC_URL when set, else this request's origin (behind a proxy with TRUST_PROXY=1,
 * the forwarded scheme and host).
 */
export function publicOrigin(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string {
  const configured = c.var.auth.publicUrl;
  if (configured) return configured;
  const url = new URL(c.req.url);
  if (process.env.TRUST_PROXY === '1') {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
    const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
    if (proto === 'http' || proto === 'https') url.protocol = `${proto}:`;
    if (host) url.host = host;
  }
  return url.origin;
}

/** The signed-in account of a request that passed `authorise`. */
export function actorOf(c: { var: AppEnv['Variables'] }) {
  return sessionOf(c).account;
}

/** The session of a request that passed `authorise`. */
export function sessionOf(c: { var: AppEnv['Variables'] }) {
  const session = c.var.session;
  if (!session) throw new ApiError(401, 'niet_ingelogd', 'Log in om verder te gaan.');
  return session;
}
