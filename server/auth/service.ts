// Signing in: the password (throttled per account and address), the second factor
// (TOTP or a recovery code, throttled the same way, each code once), enrolling a second
// factor, and the account behind a sign-in through an identity provider.
import type pg from 'pg';
import { withAudit } from '../db/audit.ts';
import { ApiError } from '../http/errors.ts';
import { emailDomein } from '../domain/accounts.ts';
import { ACCOUNT_REDEN } from '../domain/account-history.ts';
import {
  findByEmail, findByOidc, findLogin, gemeenteIdByName, insertAccount, linkOidc, type Account,
} from '../accounts/queries.ts';
import type { AuthConfig, OidcAanbieder } from './config.ts';
import { verifyPassword } from './passwords.ts';
import { beginLoginAttempt, claimTotpStep, loginSucceeded } from './rate-limit.ts';
import { wachttijd } from '../domain/nl-tekst.ts';
import { createSession, secondFactorGiven, type Session } from './sessions.ts';
import {
  confirmSecret, deleteFactor, findFactor, replaceRecoveryCodes, storeNewSecret, useRecoveryCode,
} from './queries.ts';
import {
  hashRecoveryCode, looksLikeRecoveryCode, looksLikeTotpCode, newRecoveryCodes, newTotpSecret, otpauthUri, qrSvg, totpStep,
} from './totp.ts';

// Same answer and about the same time for unknown accounts, so they cannot be probed.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

const throttled = (seconds: number, wat: string) =>
  new ApiError(429, 'te_veel_pogingen', `Te veel mislukte ${wat} voor dit account. Probeer het over ${wachttijd(seconds)} opnieuw.`,
    { wacht_seconden: seconds });

export interface NewSession {
  token: string;
  csrfToken: string;
}

/** Signs in with e-mail and password; the session may still need the second factor. */
export async function passwordSignIn(pool: pg.Pool, config: AuthConfig, email: string, wachtwoord: string, adres: string): Promise<NewSession> {
  if (!config.wachtwoordInloggen) {
    throw new ApiError(403, 'wachtwoord_uit', 'Inloggen met een wachtwoord staat uit in deze installatie. Log in via uw organisatie.');
  }
  const normalised = email.trim().toLowerCase();
  const attempt = await beginLoginAttempt(pool, normalised, adres);
  if ('wachtSeconden' in attempt) throw throttled(attempt.wachtSeconden, 'inlogpogingen');
  const account = await findLogin(pool, normalised);
  const ok = (await verifyPassword(wachtwoord, account?.wachtwoord_hash ?? DUMMY_HASH)) && !!account?.actief && account.rol !== null;
  if (!ok || !account) throw new ApiError(401, 'onjuiste_inlog', 'E-mailadres of wachtwoord klopt niet.');
  await loginSucceeded(pool, attempt.id);
  return withAudit(pool, account, null, (client) => createSession(client, account.id, adres, 'wachtwoord'));
}

/** Gives the second factor: a TOTP code (each once) or one of the recovery codes. */
export async function giveSecondFactor(pool: pg.Pool, session: Session, code: string, adres: string): Promise<NewSession> {
  if (session.stap !== 'tweede_factor') {
    throw new ApiError(409, 'geen_code_nodig', session.stap === 'inschrijven'
      ? 'Stel eerst tweestapsverificatie in.' : 'U bent al volledig ingelogd.');
  }
  const { account } = session;
  const attempt = await beginLoginAttempt(pool, account.email, adres, 'tweede_factor');
  if ('wachtSeconden' in attempt) throw throttled(attempt.wachtSeconden, 'codes');
  const factor = await findFactor(pool, account.id);
  if (!factor?.geheim) throw new ApiError(409, 'geen_tweede_factor', 'Dit account heeft geen tweede factor; log opnieuw in.');
  return withAudit(pool, account, null, async (client) => {
    if (looksLikeTotpCode(code)) {
      const step = totpStep(factor.geheim!, code);
      if (step === null) throw wrongCode();
      if (!(await claimTotpStep(client, account.email, attempt.id, step, factor.geheim!))) throw usedCode();
    } else if (looksLikeRecoveryCode(code) && await useRecoveryCode(client, account.id, hashRecoveryCode(code))) {
      await loginSucceeded(client, attempt.id);
    } else {
      throw wrongCode();
    }
    return secondFactorGiven(client, session.tokenHash);
  });
}

const wrongCode = () => new ApiError(400, 'code_onjuist', 'Deze code klopt niet. Gebruik de code die uw authenticator-app nu toont, of een herstelcode.');
const usedCode = () => new ApiError(400, 'code_al_gebruikt', 'Deze code is al gebruikt. Wacht op de volgende code in uw authenticator-app.');

export interface Enrolment {
  geheim: string;
  otpauth_uri: string;
  qr_svg: string;
}

/**
 * Starts enrolling a TOTP factor. Not before the current factor is given: someone with
 * only the password must not be able to replace it. Replacing a confirmed factor from a
 * full session needs a current code of it.
 */
export async function startEnrolment(pool: pg.Pool, session: Session, code: string | undefined, adres: string): Promise<Enrolment> {
  if (session.stap === 'tweede_factor') {
    throw new ApiError(403, 'eerst_code', 'Geef eerst de code van uw huidige tweede factor.');
  }
  const { account } = session;
  const geheim = newTotpSecret();
  const current = session.heeftTweedeFactor ? await currentCode(pool, session, code, adres) : null;
  await withAudit(pool, account, null, async (client) => {
    if (current) await claimCurrentCode(client, session, current);
    await storeNewSecret(client, account.id, geheim);
  });
  const uri = otpauthUri(geheim, account.email);
  return { geheim, otpauth_uri: uri, qr_svg: await qrSvg(uri) };
}

/**
 * Confirms the enrolment with a code of the new secret: it becomes the factor, the
 * session counts as having given it (with a new token), and fresh recovery codes are
 * returned, once.
 */
export async function confirmEnrolment(pool: pg.Pool, session: Session, code: string, adres: string) {
  if (session.stap === 'tweede_factor') throw new ApiError(403, 'eerst_code', 'Geef eerst de code van uw huidige tweede factor.');
  const { account } = session;
  const attempt = await beginLoginAttempt(pool, account.email, adres, 'tweede_factor');
  if ('wachtSeconden' in attempt) throw throttled(attempt.wachtSeconden, 'codes');
  const factor = await findFactor(pool, account.id);
  if (!factor?.nieuw_geheim) throw new ApiError(409, 'geen_inschrijving', 'Begin opnieuw met instellen: er is geen nieuwe code aangevraagd.');
  const step = totpStep(factor.nieuw_geheim, code);
  if (step === null) throw new ApiError(400, 'code_onjuist', 'Deze code klopt niet. Controleer of de app de nieuwe QR-code gebruikt en de tijd op uw telefoon klopt.');
  const herstelcodes = newRecoveryCodes();
  const tokens = await withAudit(pool, account, null, async (client) => {
    if (!(await claimTotpStep(client, account.email, attempt.id, step, factor.nieuw_geheim!))) throw usedCode();
    await confirmSecret(client, account.id, herstelcodes.map(hashRecoveryCode));
    return secondFactorGiven(client, session.tokenHash);
  });
  return { ...tokens, herstelcodes };
}

/**
 * A current code of the confirmed factor, for changes to it from a full session: checked
 * (and the attempt recorded) before the write transaction, which then claims its step.
 */
async function currentCode(pool: pg.Pool, session: Session, code: string | undefined, adres: string) {
  if (!code) throw new ApiError(400, 'code_vereist', 'Geef een code uit uw authenticator-app om dit te bevestigen.');
  const attempt = await beginLoginAttempt(pool, session.account.email, adres, 'tweede_factor');
  if ('wachtSeconden' in attempt) throw throttled(attempt.wachtSeconden, 'codes');
  const factor = await findFactor(pool, session.account.id);
  const step = factor?.geheim ? totpStep(factor.geheim, code) : null;
  if (step === null) throw wrongCode();
  return { attemptId: attempt.id, step, secret: factor!.geheim! };
}

async function claimCurrentCode(client: pg.PoolClient, session: Session, current: { attemptId: number; step: number; secret: string }) {
  if (!(await claimTotpStep(client, session.account.email, current.attemptId, current.step, current.secret))) throw usedCode();
}

/** New recovery codes (the old ones stop working), confirmed with a current code. */
export async function newOwnRecoveryCodes(pool: pg.Pool, session: Session, code: string, adres: string): Promise<string[]> {
  if (!session.heeftTweedeFactor) throw new ApiError(409, 'geen_tweede_factor', 'U hebt nog geen tweestapsverificatie ingesteld.');
  const herstelcodes = newRecoveryCodes();
  const current = await currentCode(pool, session, code, adres);
  await withAudit(pool, session.account, ACCOUNT_REDEN.nieuweHerstelcodes, async (client) => {
    await claimCurrentCode(client, session, current);
    await replaceRecoveryCodes(client, session.account.id, herstelcodes.map(hashRecoveryCode));
  });
  return herstelcodes;
}

/** Switches one's own second factor off, where the role allows it; confirmed with a current code. */
export async function removeOwnSecondFactor(pool: pg.Pool, session: Session, code: string, adres: string, verplicht: boolean): Promise<void> {
  if (verplicht) throw new ApiError(422, 'tweede_factor_verplicht', 'Voor uw rol is tweestapsverificatie verplicht; u kunt hem niet uitzetten.');
  if (!session.heeftTweedeFactor) throw new ApiError(409, 'geen_tweede_factor', 'U hebt geen tweestapsverificatie ingesteld.');
  const current = await currentCode(pool, session, code, adres);
  await withAudit(pool, session.account, null, async (client) => {
    await claimCurrentCode(client, session, current);
    await deleteFactor(client, session.account.id);
  });
}

/**
 * A confirmed factor with a known secret, without the enrolment steps: for the first
 * beheerder's command line, the embedded demo and the tests. Returns the recovery codes.
 */
export async function setSecondFactor(db: pg.Pool | pg.PoolClient, accountId: number, geheim: string): Promise<string[]> {
  const herstelcodes = newRecoveryCodes();
  await storeNewSecret(db, accountId, geheim);
  await confirmSecret(db, accountId, herstelcodes.map(hashRecoveryCode));
  return herstelcodes;
}

/** Fresh recovery codes without a code (tests and the command line only). */
export async function resetRecoveryCodes(db: pg.Pool | pg.PoolClient, accountId: number): Promise<string[]> {
  const herstelcodes = newRecoveryCodes();
  await replaceRecoveryCodes(db, accountId, herstelcodes.map(hashRecoveryCode));
  return herstelcodes;
}

// --- Identity providers ------------------------------------------------------------------

export interface OidcClaims {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export type OidcUitkomst =
  | { soort: 'ingelogd'; sessie: NewSession }
  | { soort: 'wacht' }
  | { soort: 'gedeactiveerd' };

/** Why a sign-in through a provider was refused; the code travels to the sign-in screen, which words it. */
export class OidcRefusal extends Error {
  constructor(readonly code: 'domein' | 'geen_email' | 'ander_account' | 'mislukt' | 'onbereikbaar', message: string) {
    super(message);
  }
}

/**
 * The account behind a provider's answer: the one linked to this subject; else the
 * account with this (verified, allowed) e-mail address, which is then linked; else a new
 * account that waits, inactive and without a role, for a beheerder. Only an active
 * account with a role gets a session.
 */
export async function oidcSignIn(pool: pg.Pool, aanbieder: OidcAanbieder, claims: OidcClaims, adres: string): Promise<OidcUitkomst> {
  const email = claims.email?.trim().toLowerCase();
  if (email && !aanbieder.domeinen.includes(emailDomein(email))) {
    throw new OidcRefusal('domein', `Het e-mailadres ${email} hoort niet bij een organisatie die via ${aanbieder.naam} mag inloggen.`);
  }
  let account: Account | null = await findByOidc(pool, aanbieder.issuer, claims.sub);
  if (!account) {
    if (!email || claims.email_verified === false) {
      throw new OidcRefusal('geen_email', `${aanbieder.naam} gaf geen bevestigd e-mailadres door; zonder kunnen we u niet herkennen.`);
    }
    const bestaand = await findByEmail(pool, email);
    if (bestaand?.oidc_subject) {
      throw new OidcRefusal('ander_account', 'Dit e-mailadres is al gekoppeld aan een ander account bij de identiteitsaanbieder. Neem contact op met de beheerder.');
    }
    account = await withAudit(pool, bestaand ?? null, null, async (client) => {
      if (bestaand) {
        await linkOidc(client, bestaand.id, aanbieder.issuer, claims.sub);
        return bestaand;
      }
      const gemeenteId = aanbieder.gemeente ? await gemeenteIdByName(client, aanbieder.gemeente) : null;
      await insertAccount(client, {
        email, naam: claims.name?.trim() || email, rol: null, gemeenteId, wachtwoordHash: null, actief: false,
        oidc: { issuer: aanbieder.issuer, subject: claims.sub },
      });
      return null;
    });
    if (!account) return { soort: 'wacht' };
  }
  if (account.rol === null) return { soort: 'wacht' };
  if (!account.actief) return { soort: 'gedeactiveerd' };
  const id = account.id;
  const sessie = await withAudit(pool, { id }, null, (client) => createSession(client, id, adres, 'oidc'));
  return { soort: 'ingelogd', sessie };
}
