// The cookies of signing in: the session (httpOnly, SameSite=Lax, Secure behind HTTPS)
// and the short-lived key of an identity-provider sign-in under way.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE, SESSION_HOURS } from './sessions.ts';
import { OIDC_COOKIE, OIDC_COOKIE_PATH } from './oidc.ts';

const secure = (c: Context) =>
  process.env.COOKIE_SECURE === '1' || new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

export function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure: secure(c), path: '/', maxAge: SESSION_HOURS * 3600 });
}

export const clearSessionCookie = (c: Context) => deleteCookie(c, SESSION_COOKIE, { path: '/' });

/** Lax, so that it comes along on the provider's redirect back (a top-level GET). */
export function setOidcCookie(c: Context, sleutel: string): void {
  setCookie(c, OIDC_COOKIE, sleutel, { httpOnly: true, sameSite: 'Lax', secure: secure(c), path: OIDC_COOKIE_PATH, maxAge: 600 });
}

export function takeOidcCookie(c: Context): string | undefined {
  const value = getCookie(c, OIDC_COOKIE);
  deleteCookie(c, OIDC_COOKIE, { path: OIDC_COOKIE_PATH });
  return value;
}
