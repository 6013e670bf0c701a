// Signing in and out: password, second factor (code, enrolment), one-time links to set
// a password, and the identity providers (OpenID Connect). Thin: parse, call the
// service, answer.
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../app.ts';
import { AANMELDEN, OPENBAAR, apiRoute } from '../http/access.ts';
import { answer, errors, jsonBody } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { ROLES } from '../domain/roles.ts';
import { AANMELD_STAPPEN, tweedeFactorVerplicht } from '../domain/tweede-factor.ts';
import { clientAddress, publicOrigin, sessionOf } from './middleware.ts';
import { clearSessionCookie, setOidcCookie, setSessionCookie, takeOidcCookie } from './cookies.ts';
import { findSession, revokeSession, type Session } from './sessions.ts';
import {
  confirmEnrolment, giveSecondFactor, oidcSignIn, OidcRefusal, passwordSignIn, startEnrolment,
} from './service.ts';
import { beginOidc, finishOidc, redirectUri } from './oidc.ts';
import { checkLink, setPasswordWithLink } from '../accounts/service.ts';
import { MIN_PASSWORD_LENGTH } from './password-policy.ts';

const MeSchema = z.object({
  id: z.number(), email: z.string(), naam: z.string(),
  rol: z.enum(ROLES),
  gemeente_id: z.number().nullable(), gemeente: z.string().nullable(),
  csrfToken: z.string(),
  stap: z.enum(AANMELD_STAPPEN).openapi({
    description: 'volledig: ingelogd. tweede_factor: eerst de code uit de authenticator-app (POST /api/auth/tweede-factor). ' +
      'inschrijven: de rol vereist tweestapsverificatie; eerst instellen (POST /api/auth/tweede-factor/inschrijven). ' +
      'Tot de stap volledig is, weigert elke andere route met 401 tweede_factor_nodig.',
  }),
  tweede_factor: z.boolean().openapi({ description: 'Het account heeft tweestapsverificatie ingesteld.' }),
  tweede_factor_verplicht: z.boolean().openapi({ description: 'De rol vereist tweestapsverificatie (beheerder, regisseur).' }),
  heeft_wachtwoord: z.boolean().openapi({ description: 'Het account heeft een wachtwoord (een account van de identiteitsaanbieder soms niet).' }),
  methode: z.enum(['wachtwoord', 'oidc']),
  mag: z.array(z.string()).openapi({
    description: 'Wat dit account mag: de routes ("METHODE /api/pad") die zijn rol mag aanroepen (vóór de tweede factor alleen de aanmeldstappen). ' +
      'Een werkgroeplid wijzigt daarbij alleen gegevens van de eigen gemeente (gemeente_id).',
  }),
}).openapi('Ik');

const CodeSchema = z.string().trim().min(6, 'geef de code van 6 cijfers of een herstelcode').max(40);
const TokenSchema = z.string().trim().min(20, 'de link is onvolledig').max(200);

/** "Who am I" for a session, as the web app needs it. */
function me(c: Context<AppEnv>, session: Pick<Session, 'account' | 'stap' | 'heeftTweedeFactor' | 'heeftWachtwoord' | 'methode'>, csrfToken: string) {
  const { actief: _actief, ...account } = session.account;
  return {
    ...account, csrfToken, stap: session.stap, methode: session.methode,
    tweede_factor: session.heeftTweedeFactor, tweede_factor_verplicht: tweedeFactorVerplicht(account.rol),
    heeft_wachtwoord: session.heeftWachtwoord,
    mag: c.var.access.capabilities(account.rol, session.stap === 'volledig'),
  };
}

/** After a new or replaced token: the session as it is now. */
async function signedIn(c: Context<AppEnv>, token: string) {
  setSessionCookie(c, token);
  const session = await findSession(c.var.db, token);
  if (!session) throw new Error('session just created is missing');
  return me(c, session, session.csrfToken);
}

const login = apiRoute(OPENBAAR, {
  method: 'post', path: '/auth/login', tags: ['Toegang'], summary: 'Inloggen met e-mail en wachtwoord',
  description: 'Zet de sessiecookie. Vraagt de rol of het account een tweede factor, dan staat `stap` op tweede_factor of inschrijven.',
  request: { body: jsonBody(z.object({ email: z.string().trim().min(3).max(200), wachtwoord: z.string().min(1).max(500) })) },
  responses: {
    200: answer('Wachtwoord goed; zet de sessiecookie', MeSchema),
    ...errors({ 401: 'Onjuist e-mailadres of wachtwoord', 403: 'Inloggen met een wachtwoord staat uit', 429: 'Te veel pogingen; details.wacht_seconden' }),
  },
});

const logout = apiRoute(AANMELDEN, {
  method: 'post', path: '/auth/logout', tags: ['Toegang'], summary: 'Uitloggen (trekt de sessie in)',
  responses: { 200: answer('Uitgelogd', z.object({ uitgelogd: z.boolean() })) },
});

const ik = apiRoute(AANMELDEN, {
  method: 'get', path: '/auth/me', tags: ['Toegang'], summary: 'Het ingelogde account, zijn aanmeldstap en het CSRF-token',
  responses: { 200: answer('Ingelogd (zie stap)', MeSchema) },
});

const AanmeldOptiesSchema = z.object({
  wachtwoord: z.boolean().openapi({ description: 'Inloggen met e-mail en wachtwoord staat aan.' }),
  min_wachtwoord_lengte: z.number().int(),
  aanbieders: z.array(z.object({ id: z.string(), naam: z.string(), start_url: z.string() })),
}).openapi('AanmeldOpties');

const opties = apiRoute(OPENBAAR, {
  method: 'get', path: '/auth/aanmeldopties', tags: ['Toegang'], summary: 'Hoe men in deze installatie inlogt',
  responses: { 200: answer('Wachtwoord aan of uit, en de identiteitsaanbieders', AanmeldOptiesSchema) },
});

const code = apiRoute(AANMELDEN, {
  method: 'post', path: '/auth/tweede-factor', tags: ['Toegang'], summary: 'De tweede factor geven: TOTP-code of herstelcode',
  description: 'Elke TOTP-code werkt één keer, elke herstelcode ook. Afgeremd zoals het wachtwoord. Vervangt de sessiecookie.',
  request: { body: jsonBody(z.object({ code: CodeSchema })) },
  responses: {
    200: answer('Volledig ingelogd', MeSchema),
    ...errors({ 400: 'Code onjuist of al gebruikt', 409: 'Geen code nodig in deze stap', 429: 'Te veel pogingen' }),
  },
});

const InschrijvingSchema = z.object({
  geheim: z.string().openapi({ description: 'Het geheim in base32, om met de hand in te voeren.' }),
  otpauth_uri: z.string(),
  qr_svg: z.string().openapi({ description: 'QR-code van otpauth_uri als SVG-document.' }),
}).openapi('Inschrijving');

const inschrijven = apiRoute(AANMELDEN, {
  method: 'post', path: '/auth/tweede-factor/inschrijven', tags: ['Toegang'], summary: 'Tweestapsverificatie instellen: nieuw geheim en QR-code',
  description: 'In de stap inschrijven, of ingelogd om (opnieuw) in te stellen; wie al een tweede factor heeft, bevestigt met een huidige code. ' +
    'Niet in de stap tweede_factor: wie alleen het wachtwoord kent, kan de tweede factor niet vervangen.',
  request: { body: jsonBody(z.object({ code: CodeSchema.optional() })) },
  responses: {
    200: answer('Scan de QR-code en bevestig met een code', InschrijvingSchema),
    ...errors({ 400: 'Code vereist of onjuist', 403: 'Eerst de huidige tweede factor geven', 429: 'Te veel pogingen' }),
  },
});

const bevestigen = apiRoute(AANMELDEN, {
  method: 'post', path: '/auth/tweede-factor/bevestigen', tags: ['Toegang'], summary: 'Tweestapsverificatie bevestigen met de eerste code',
  request: { body: jsonBody(z.object({ code: CodeSchema })) },
  responses: {
    200: answer('Ingesteld; de sessie is volledig', z.object({
      ik: MeSchema,
      herstelcodes: z.array(z.string()).openapi({ description: 'Eenmalig getoond; bewaar ze. Elke code werkt één keer.' }),
    }).openapi('Ingeschreven')),
    ...errors({ 400: 'Code onjuist', 403: 'Eerst de huidige tweede factor geven', 409: 'Geen inschrijving gestart', 429: 'Te veel pogingen' }),
  },
});

const linkControleren = apiRoute(OPENBAAR, {
  method: 'post', path: '/auth/wachtwoord-link', tags: ['Toegang'], summary: 'Een eenmalige link controleren',
  request: { body: jsonBody(z.object({ token: TokenSchema })) },
  responses: {
    200: answer('De link werkt', z.object({ email: z.string(), naam: z.string(), doel: z.enum(['nieuw', 'herstel']), verloopt_op: z.string() }).openapi('WachtwoordLink')),
    ...errors({ 404: 'Onbekende link', 410: 'Gebruikt, vervangen, verlopen, of het account is gedeactiveerd' }),
  },
});

const linkInstellen = apiRoute(OPENBAAR, {
  method: 'post', path: '/auth/wachtwoord-link/instellen', tags: ['Toegang'], summary: 'Wachtwoord instellen met een eenmalige link',
  description: 'De link is daarna op; alle sessies van het account eindigen.',
  request: { body: jsonBody(z.object({ token: TokenSchema, wachtwoord: z.string().min(1).max(500) })) },
  responses: {
    200: answer('Wachtwoord ingesteld; log in', z.object({ email: z.string(), tweede_factor_verplicht: z.boolean() })),
    ...errors({ 400: 'Wachtwoord voldoet niet aan de regels', 404: 'Onbekende link', 409: 'Inloggen met een wachtwoord staat uit', 410: 'Gebruikt, vervangen of verlopen' }),
  },
});

const AanbiederParam = z.object({
  aanbieder: z.string().min(1).max(40).openapi({ param: { name: 'aanbieder', in: 'path' }, example: 'leiden' }),
});

const oidcStart = apiRoute(OPENBAAR, {
  method: 'get', path: '/auth/oidc/{aanbieder}/start', tags: ['Toegang'], summary: 'Inloggen via de identiteitsaanbieder (OpenID Connect)',
  description: 'Stuurt de browser naar de aanbieder (authorization code flow met PKCE, state en nonce).',
  request: { params: AanbiederParam },
  responses: { 302: { description: 'Naar de identiteitsaanbieder, of terug naar de app met ?aanmelding=fout' }, ...errors({ 404: 'Onbekende aanbieder' }) },
});

const oidcTerug = apiRoute(OPENBAAR, {
  method: 'get', path: '/auth/oidc/{aanbieder}/terug', tags: ['Toegang'], summary: 'Terugkeer van de identiteitsaanbieder',
  description: 'Ingelogd: naar de app. Een onbekend persoon krijgt een inactief account zonder rol en wacht op een beheerder (?aanmelding=wacht).',
  request: { params: AanbiederParam },
  responses: { 302: { description: 'Naar de app (?aanmelding=wacht | gedeactiveerd | fout&reden=…)' }, ...errors({ 404: 'Onbekende aanbieder' }) },
});

export function authRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(login, async (c) => {
    const { email, wachtwoord } = c.req.valid('json');
    const { token } = await passwordSignIn(c.var.db.pool, c.var.auth, email, wachtwoord, clientAddress(c));
    return c.json(await signedIn(c, token), 200);
  });

  app.openapi(logout, async (c) => {
    const session = c.var.session;
    if (session) await revokeSession(c.var.db.pool, session.tokenHash);
    clearSessionCookie(c);
    return c.json({ uitgelogd: true }, 200);
  });

  app.openapi(ik, (c) => {
    const session = sessionOf(c);
    return c.json(me(c, session, session.csrfToken), 200);
  });

  app.openapi(opties, (c) => c.json({
    wachtwoord: c.var.auth.wachtwoordInloggen,
    min_wachtwoord_lengte: MIN_PASSWORD_LENGTH,
    aanbieders: c.var.auth.oidc.map((a) => ({ id: a.id, naam: a.naam, start_url: `/api/auth/oidc/${a.id}/start` })),
  }, 200));

  app.openapi(code, async (c) => {
    const { token } = await giveSecondFactor(c.var.db.pool, sessionOf(c), c.req.valid('json').code, clientAddress(c));
    return c.json(await signedIn(c, token), 200);
  });

  app.openapi(inschrijven, async (c) =>
    c.json(await startEnrolment(c.var.db.pool, sessionOf(c), c.req.valid('json').code, clientAddress(c)), 200));

  app.openapi(bevestigen, async (c) => {
    const { token, herstelcodes } = await confirmEnrolment(c.var.db.pool, sessionOf(c), c.req.valid('json').code, clientAddress(c));
    return c.json({ ik: await signedIn(c, token), herstelcodes }, 200);
  });

  app.openapi(linkControleren, async (c) => c.json(await checkLink(c.var.db.pool, c.req.valid('json').token), 200));

  app.openapi(linkInstellen, async (c) => {
    const { token, wachtwoord } = c.req.valid('json');
    return c.json(await setPasswordWithLink(c.var.db.pool, c.var.auth, token, wachtwoord), 200);
  });

  const aanbieder = (c: Context<AppEnv>, id: string) => c.var.auth.oidc.find((a) => a.id === id.toLowerCase()) ?? null;
  const terugNaarApp = (c: Context<AppEnv>, params: Record<string, string>) =>
    c.redirect(`${publicOrigin(c)}/?${new URLSearchParams(params)}`, 302);

  app.openapi(oidcStart, async (c) => {
    const a = aanbieder(c, c.req.valid('param').aanbieder);
    if (!a) return c.json({ error: { code: 'onbekende_aanbieder', message: 'Deze identiteitsaanbieder is hier niet ingesteld.' } }, 404);
    try {
      const { url, sleutel } = await beginOidc(c.var.db.pool, a, publicOrigin(c));
      setOidcCookie(c, sleutel);
      return c.redirect(url, 302);
    } catch (err) {
      if (err instanceof OidcRefusal) return terugNaarApp(c, { aanmelding: 'fout', reden: err.code });
      throw err;
    }
  });

  app.openapi(oidcTerug, async (c) => {
    const a = aanbieder(c, c.req.valid('param').aanbieder);
    if (!a) return c.json({ error: { code: 'onbekende_aanbieder', message: 'Deze identiteitsaanbieder is hier niet ingesteld.' } }, 404);
    const sleutel = takeOidcCookie(c);
    // The callback as the provider was told it (behind a proxy the request URL differs).
    const callback = new URL(redirectUri(publicOrigin(c), a));
    callback.search = new URL(c.req.url).search;
    try {
      const claims = await finishOidc(c.var.db.pool, a, sleutel, callback);
      const uitkomst = await oidcSignIn(c.var.db.pool, a, claims, clientAddress(c));
      if (uitkomst.soort !== 'ingelogd') return terugNaarApp(c, { aanmelding: uitkomst.soort });
      setSessionCookie(c, uitkomst.sessie.token);
      return c.redirect(`${publicOrigin(c)}/`, 302);
    } catch (err) {
      if (err instanceof OidcRefusal) return terugNaarApp(c, { aanmelding: 'fout', reden: err.code });
      throw err;
    }
  });

  return app;
}
