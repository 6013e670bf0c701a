// Accounts: the beheerder's administration, and everyone's own account. Thin: parse,
// declare access, call the service, answer.
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app.ts';
import { BEHEER, IEDEREEN, apiRoute } from '../http/access.ts';
import { answer, errors, IdParamSchema, jsonBody } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { ROLES } from '../domain/roles.ts';
import { tweedeFactorVerplicht } from '../domain/tweede-factor.ts';
import { actorOf, clientAddress, publicOrigin, sessionOf } from '../auth/middleware.ts';
import { newOwnRecoveryCodes, removeOwnSecondFactor } from '../auth/service.ts';
import {
  accountHistory, accountList, changeAccount, changeOwnPassword, createAccountWithLink, endOwnSession, issuePasswordLink,
  ownSessions, resetSecondFactor, revokeSessionsOf,
} from './service.ts';

const Tijdstip = z.string().openapi({ description: 'ISO 8601, UTC', example: '2026-11-22T13:05:00Z' });

const AccountSchema = z.object({
  id: z.number(), email: z.string(), naam: z.string(),
  rol: z.enum(ROLES).nullable().openapi({ description: 'Leeg zolang een account van de identiteitsaanbieder op goedkeuring wacht.' }),
  gemeente_id: z.number().nullable(), gemeente: z.string().nullable(), actief: z.boolean(),
  version: z.number().int(),
  wacht_op_goedkeuring: z.boolean(),
  wachtwoord_ingesteld: z.boolean(),
  tweede_factor: z.boolean(),
  oidc: z.boolean().openapi({ description: 'Gekoppeld aan een identiteitsaanbieder.' }),
  laatst_ingelogd_op: Tijdstip.nullable(),
  open_sessies: z.number().int(),
  link_geldig_tot: Tijdstip.nullable().openapi({ description: 'Tot wanneer de nieuwste ongebruikte eenmalige link werkt.' }),
  created_at: Tijdstip,
}).openapi('Account');

const LinkSchema = z.object({
  url: z.string().openapi({ description: 'Geef deze link door; hij werkt één keer, 24 uur lang.' }),
  verloopt_op: Tijdstip,
  gemaild: z.boolean(),
  mail_fout: z.string().optional(),
}).openapi('EenmaligeLink');

const Email = z.string().trim().toLowerCase().max(200).email('ongeldig e-mailadres');
const Naam = z.string().trim().min(1, 'vul een naam in').max(200);
const Gemeente = z.string().trim().max(100).nullable().optional()
  .openapi({ description: 'Naam of CBS-code van de gemeente; alleen voor de werkgroep.' });

const lijst = apiRoute(BEHEER, {
  method: 'get', path: '/accounts', tags: ['Beheer'], summary: 'Alle accounts, met de gemeenten om uit te kiezen',
  responses: {
    200: answer('Accounts (wachtende eerst, dan op naam)', z.object({
      accounts: z.array(AccountSchema),
      gemeenten: z.array(z.object({ id: z.number(), naam: z.string() })),
    }).openapi('AccountLijst')),
  },
});

const nieuw = apiRoute(BEHEER, {
  method: 'post', path: '/accounts', tags: ['Beheer'], summary: 'Nieuw account, met een eenmalige link om het wachtwoord in te stellen',
  request: { body: jsonBody(z.object({ email: Email, naam: Naam, rol: z.enum(ROLES), gemeente: Gemeente }).strict()) },
  responses: {
    201: answer('Aangemaakt', z.object({
      account: AccountSchema,
      // A union, not .nullable(): a nullable reference to a named schema loses its null in the document.
      link: z.union([LinkSchema, z.null()]).openapi({ description: 'Leeg als inloggen met een wachtwoord uit staat.' }),
    }).openapi('NieuwAccount')),
    ...errors({ 400: 'Ongeldige invoer of gemeente', 409: 'E-mailadres bestaat al' }),
  },
});

const wijzigen = apiRoute(BEHEER, {
  method: 'patch', path: '/accounts/{id}', tags: ['Beheer'], summary: 'Naam, rol of gemeente wijzigen; (de)activeren',
  description: 'Deactiveren beëindigt de sessies en open links meteen. De laatste actieve beheerder blijft beheerder.',
  request: {
    params: IdParamSchema,
    body: jsonBody(z.object({
      version: z.number().int().positive(), naam: Naam.optional(), rol: z.enum(ROLES).optional(), gemeente: Gemeente, actief: z.boolean().optional(),
    }).strict()),
  },
  responses: {
    200: answer('Gewijzigd', AccountSchema),
    ...errors({ 400: 'Ongeldige invoer of gemeente', 404: 'Onbekend account', 409: 'Intussen door een ander gewijzigd', 422: 'Laatste beheerder, eigen account, of een rol ontbreekt' }),
  },
});

const geschiedenis = apiRoute(BEHEER, {
  method: 'get', path: '/accounts/{id}/history', tags: ['Beheer'], summary: 'Geschiedenis van een account (nieuwste eerst)',
  request: { params: IdParamSchema },
  responses: {
    200: answer('Wijzigingen, aanmeldingen, links en tweede factor', z.array(z.object({ id: z.number(), tijdstip: Tijdstip, door: z.string().nullable(), gebeurtenis: z.string() })
      .openapi('AccountGebeurtenis'))),
    ...errors({ 404: 'Onbekend account' }),
  },
});

const sessiesIntrekken = apiRoute(BEHEER, {
  method: 'delete', path: '/accounts/{id}/sessies', tags: ['Beheer'], summary: 'Alle sessies van een account beëindigen',
  request: { params: IdParamSchema },
  responses: { 200: answer('Beëindigd', z.object({ ingetrokken: z.number() })), ...errors({ 404: 'Onbekend account' }) },
});

const link = apiRoute(BEHEER, {
  method: 'post', path: '/accounts/{id}/wachtwoord-link', tags: ['Beheer'], summary: 'Eenmalige link om een (nieuw) wachtwoord in te stellen',
  description: 'Eerdere open links van het account vervallen. Met SMTP_URL wordt de link ook gemaild.',
  request: { params: IdParamSchema },
  responses: {
    200: answer('De link', LinkSchema),
    ...errors({ 404: 'Onbekend account', 409: 'Inloggen met een wachtwoord staat uit', 422: 'Account gedeactiveerd' }),
  },
});

const tweedeFactorHerstellen = apiRoute(BEHEER, {
  method: 'delete', path: '/accounts/{id}/tweede-factor', tags: ['Beheer'], summary: 'Tweestapsverificatie herstellen (telefoon kwijt)',
  description: 'Verwijdert de tweede factor en beëindigt de sessies; bij de volgende inlog stelt de persoon hem opnieuw in.',
  request: { params: IdParamSchema },
  responses: {
    200: answer('Hersteld', z.object({ hersteld: z.boolean(), sessies_beeindigd: z.number() })),
    ...errors({ 404: 'Onbekend account' }),
  },
});

const eigenWachtwoord = apiRoute(IEDEREEN, {
  method: 'post', path: '/mijn-account/wachtwoord', tags: ['Mijn account'], summary: 'Eigen wachtwoord wijzigen',
  description: 'Het huidige wachtwoord is vereist (afgeremd zoals het inloggen); uw andere sessies eindigen.',
  request: { body: jsonBody(z.object({ huidig: z.string().min(1).max(500), nieuw: z.string().min(1).max(500) })) },
  responses: {
    200: answer('Gewijzigd', z.object({ andere_sessies_beeindigd: z.number() })),
    ...errors({ 400: 'Huidig wachtwoord onjuist, of het nieuwe voldoet niet', 409: 'Account zonder wachtwoord (identiteitsaanbieder)', 429: 'Te veel pogingen' }),
  },
});

const eigenSessies = apiRoute(IEDEREEN, {
  method: 'get', path: '/mijn-account/sessies', tags: ['Mijn account'], summary: 'Eigen open sessies',
  responses: {
    200: answer('Open sessies, nieuwste eerst', z.array(z.object({
      id: z.number(), created_at: Tijdstip, verloopt_op: Tijdstip, adres: z.string().nullable(),
      methode: z.enum(['wachtwoord', 'oidc']), tweede_factor: z.boolean(), huidige: z.boolean(),
    }).openapi('EigenSessie'))),
  },
});

const eigenSessieBeeindigen = apiRoute(IEDEREEN, {
  method: 'delete', path: '/mijn-account/sessies/{id}', tags: ['Mijn account'], summary: 'Een eigen sessie beëindigen',
  request: { params: IdParamSchema },
  responses: { 200: answer('Beëindigd', z.object({ beeindigd: z.boolean() })), ...errors({ 404: 'Geen open sessie van u' }) },
});

const CodeBody = { body: jsonBody(z.object({ code: z.string().trim().min(6, 'geef de code van 6 cijfers').max(40) })) };

const nieuweHerstelcodes = apiRoute(IEDEREEN, {
  method: 'post', path: '/mijn-account/tweede-factor/herstelcodes', tags: ['Mijn account'], summary: 'Nieuwe herstelcodes (de oude vervallen)',
  request: CodeBody,
  responses: {
    200: answer('Eenmalig getoond', z.object({ herstelcodes: z.array(z.string()) })),
    ...errors({ 400: 'Code onjuist', 409: 'Geen tweestapsverificatie ingesteld', 429: 'Te veel pogingen' }),
  },
});

const tweedeFactorUit = apiRoute(IEDEREEN, {
  method: 'delete', path: '/mijn-account/tweede-factor', tags: ['Mijn account'], summary: 'Eigen tweestapsverificatie uitzetten (waar de rol het toestaat)',
  request: CodeBody,
  responses: {
    200: answer('Uitgezet', z.object({ uitgezet: z.boolean() })),
    ...errors({ 400: 'Code onjuist', 409: 'Geen tweestapsverificatie ingesteld', 422: 'Verplicht voor deze rol', 429: 'Te veel pogingen' }),
  },
});

export function accountRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(lijst, async (c) => c.json(await accountList(c.var.db.pool), 200));

  app.openapi(nieuw, async (c) =>
    c.json(await createAccountWithLink(c.var.db.pool, c.var.auth, actorOf(c), c.req.valid('json'), publicOrigin(c)), 201));

  app.openapi(wijzigen, async (c) =>
    c.json(await changeAccount(c.var.db.pool, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200));

  app.openapi(geschiedenis, async (c) => c.json(await accountHistory(c.var.db.pool, c.req.valid('param').id), 200));

  app.openapi(sessiesIntrekken, async (c) =>
    c.json({ ingetrokken: await revokeSessionsOf(c.var.db.pool, actorOf(c), c.req.valid('param').id) }, 200));

  app.openapi(link, async (c) =>
    c.json(await issuePasswordLink(c.var.db.pool, c.var.auth, actorOf(c), c.req.valid('param').id, publicOrigin(c)), 200));

  app.openapi(tweedeFactorHerstellen, async (c) =>
    c.json(await resetSecondFactor(c.var.db.pool, actorOf(c), c.req.valid('param').id), 200));

  app.openapi(eigenWachtwoord, async (c) => {
    const { huidig, nieuw: nieuwWachtwoord } = c.req.valid('json');
    return c.json(await changeOwnPassword(c.var.db.pool, sessionOf(c), huidig, nieuwWachtwoord, clientAddress(c)), 200);
  });

  app.openapi(eigenSessies, async (c) => c.json(await ownSessions(c.var.db.pool, sessionOf(c)), 200));

  app.openapi(eigenSessieBeeindigen, async (c) => {
    await endOwnSession(c.var.db.pool, sessionOf(c), c.req.valid('param').id);
    return c.json({ beeindigd: true }, 200);
  });

  app.openapi(nieuweHerstelcodes, async (c) =>
    c.json({ herstelcodes: await newOwnRecoveryCodes(c.var.db.pool, sessionOf(c), c.req.valid('json').code, clientAddress(c)) }, 200));

  app.openapi(tweedeFactorUit, async (c) => {
    const session = sessionOf(c);
    await removeOwnSecondFactor(c.var.db.pool, session, c.req.valid('json').code, clientAddress(c), tweedeFactorVerplicht(session.account.rol));
    return c.json({ uitgezet: true }, 200);
  });

  return app;
}
