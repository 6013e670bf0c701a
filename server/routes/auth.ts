// Sign-in, sign-out and "who am I".
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { Context } from 'hono';
import type { AppEnv } from '../app.ts';
import { findLogin } from '../auth/accounts.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { beginLoginAttempt, formatWait, loginSucceeded } from '../auth/rate-limit.ts';
import { createSession, revokeSession, SESSION_COOKIE, SESSION_HOURS } from '../auth/sessions.ts';
import { actorOf, clientAddress } from '../auth/middleware.ts';
import { ApiError } from '../http/errors.ts';
import { ErrorSchema } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';

const MeSchema = z.object({
  id: z.number(), email: z.string(), naam: z.string(),
  rol: z.enum(['beheerder', 'regisseur', 'werkgroep', 'stuurgroep']),
  gemeente_id: z.number().nullable(), gemeente: z.string().nullable(),
  csrfToken: z.string(),
  mag: z.array(z.string()).openapi({
    description: 'Wat dit account mag: de routes ("METHODE /api/pad") die zijn rol mag aanroepen. ' +
      'Een werkgroeplid wijzigt daarbij alleen gegevens van de eigen gemeente (gemeente_id).',
  }),
}).openapi('Ik');

const secureCookie = (c: Context) =>
  process.env.COOKIE_SECURE === '1' || new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

// Same answer and about the same time for unknown accounts, so they cannot be probed.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export function authRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(
    createRoute({
      method: 'post', path: '/auth/login', tags: ['Toegang'], summary: 'Inloggen met e-mail en wachtwoord',
      request: { body: { required: true, content: { 'application/json': { schema: z.object({
        email: z.string().trim().min(3).max(200), wachtwoord: z.string().min(1).max(500),
      }) } } } },
      responses: {
        200: { description: 'Ingelogd; zet de sessiecookie', content: { 'application/json': { schema: MeSchema } } },
        401: { description: 'Onjuist', content: { 'application/json': { schema: ErrorSchema } } },
        429: { description: 'Te veel pogingen', content: { 'application/json': { schema: ErrorSchema } } },
      },
    }),
    async (c) => {
      const { email, wachtwoord } = c.req.valid('json');
      const pool = c.var.db.pool;
      const normalised = email.toLowerCase();
      const adres = clientAddress(c);
      const attempt = await beginLoginAttempt(pool, normalised, adres);
      if ('wachtSeconden' in attempt) {
        c.header('Retry-After', String(attempt.wachtSeconden));
        throw new ApiError(429, 'te_veel_pogingen',
          `Te veel mislukte inlogpogingen voor dit account. Probeer het over ${formatWait(attempt.wachtSeconden)} opnieuw.`,
          { wacht_seconden: attempt.wachtSeconden });
      }
      const account = await findLogin(pool, normalised);
      const ok = (await verifyPassword(wachtwoord, account?.wachtwoord_hash ?? DUMMY_HASH)) && !!account?.actief;
      if (!ok || !account) throw new ApiError(401, 'onjuiste_inlog', 'E-mailadres of wachtwoord klopt niet.');
      await loginSucceeded(pool, attempt.id);
      const { token, csrfToken } = await createSession(pool, account.id, adres);
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true, sameSite: 'Lax', secure: secureCookie(c), path: '/', maxAge: SESSION_HOURS * 3600,
      });
      const { wachtwoord_hash: _hash, actief: _actief, ...me } = account;
      return c.json({ ...me, csrfToken, mag: c.var.access.capabilities(me.rol) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/auth/logout', tags: ['Toegang'], summary: 'Uitloggen (trekt de sessie in)',
      responses: { 200: { description: 'Uitgelogd', content: { 'application/json': { schema: z.object({ uitgelogd: z.boolean() }) } } } },
    }),
    async (c) => {
      const session = c.var.session;
      if (session) await revokeSession(c.var.db.pool, session.tokenHash);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ uitgelogd: true }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/auth/me', tags: ['Toegang'], summary: 'Het ingelogde account en het CSRF-token',
      responses: { 200: { description: 'Ingelogd', content: { 'application/json': { schema: MeSchema } } } },
    }),
    (c) => {
      const { actief: _actief, ...me } = actorOf(c);
      return c.json({ ...me, csrfToken: c.var.session!.csrfToken, mag: c.var.access.capabilities(me.rol) }, 200);
    },
  );
  return app;
}
