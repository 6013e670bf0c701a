// Managing accounts: the beheerder's changes (each one audited, in one transaction) and
// a person's own account (password, sessions). The rules without I/O are in
// server/domain/accounts.ts.
import type pg from 'pg';
import type { Role } from '../domain/roles.ts';
import { gemeenteProblem, removesLastBeheerder } from '../domain/accounts.ts';
import { beschrijfAuditRij, type AuditRij } from '../domain/account-history.ts';
import { tweedeFactorVerplicht } from '../domain/tweede-factor.ts';
import { withAudit } from '../db/audit.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { versionConflict } from '../db/audit.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { passwordProblem } from '../auth/password-policy.ts';
import { beginLoginAttempt, loginSucceeded } from '../auth/rate-limit.ts';
import { wachttijd } from '../domain/nl-tekst.ts';
import {
  listOpenSessions, revokeAccountSessions, revokeSessionById, type Session,
} from '../auth/sessions.ts';
import { deleteFactor } from '../auth/queries.ts';
import type { AuthConfig } from '../auth/config.ts';
import {
  findAccountById, findAccountOverview, gemeenteIdByName, insertAccount, listAccountOverview, listGemeenten,
  lockAccount, lockActiveBeheerders, setPasswordHash, updateAccount, type Account, type AccountOverzicht, type Queryable,
} from './queries.ts';
import { issueLink, lapseLinks, linkUrl, markLinkUsed, validLink, type LinkDoel } from './links.ts';
import { sendLinkMail } from './mail.ts';

export interface NewAccount {
  email: string;
  naam: string;
  rol: Role;
  gemeente?: string | null;
  /** Only for the command line, the demo and tests: in the app a new person sets it through a one-time link. */
  wachtwoord?: string;
}

async function gemeenteFor(db: Queryable, rol: Role | null, gemeente: string | null | undefined): Promise<number | null> {
  if (rol !== 'werkgroep') return null;
  const id = gemeente ? await gemeenteIdByName(db, gemeente) : null;
  const problem = gemeenteProblem(rol, id);
  if (problem) throw new ApiError(400, 'gemeente_onbekend', gemeente ? `Onbekende gemeente '${gemeente}'. ${problem}` : problem);
  return id;
}

/** Inserts an account (in the caller's transaction when `db` is a client). */
export async function createAccount(db: Queryable, input: NewAccount): Promise<Account> {
  if (input.wachtwoord !== undefined) {
    const problem = passwordProblem(input.wachtwoord, input);
    if (problem) throw new ApiError(400, problem.code, problem.message);
  }
  const gemeenteId = await gemeenteFor(db, input.rol, input.gemeente);
  const hash = input.wachtwoord === undefined ? null : await hashPassword(input.wachtwoord);
  try {
    const id = await insertAccount(db, { email: input.email, naam: input.naam, rol: input.rol, gemeenteId, wachtwoordHash: hash });
    return (await findAccountById(db, id))!;
  } catch (err) {
    if ((err as { code?: string }).code === '23505') {
      throw new ApiError(409, 'email_bestaat', 'Er bestaat al een account met dit e-mailadres.');
    }
    throw err;
  }
}

export interface LinkAntwoord {
  url: string;
  verloopt_op: string;
  gemaild: boolean;
  mail_fout?: string;
}

interface Actor {
  id: number;
}

async function mailLink(config: AuthConfig, account: { email: string; naam: string }, url: string, verloopt_op: string, doel: LinkDoel): Promise<LinkAntwoord> {
  const mail = await sendLinkMail(config, { to: account.email, naam: account.naam, url, verloopt_op, doel });
  return { url, verloopt_op, ...mail };
}

/**
 * A new account gets a one-time link to set its own password (shown to the beheerder, and
 * mailed when SMTP is configured); with password sign-in switched off it signs in through
 * its identity provider and gets none.
 */
export async function createAccountWithLink(
  pool: pg.Pool, config: AuthConfig, actor: Actor, input: Omit<NewAccount, 'wachtwoord'>, origin: string,
): Promise<{ account: AccountOverzicht; link: LinkAntwoord | null }> {
  const { account, issued } = await withAudit(pool, actor, null, async (client) => {
    const account = await createAccount(client, input);
    return { account, issued: config.wachtwoordInloggen ? await issueLink(client, account.id, 'nieuw') : null };
  });
  const link = issued ? await mailLink(config, account, linkUrl(origin, issued.token), issued.verloopt_op, 'nieuw') : null;
  return { account: (await findAccountOverview(pool, account.id))!, link };
}

export interface AccountChange {
  version: number;
  naam?: string;
  rol?: Role;
  gemeente?: string | null;
  actief?: boolean;
}

/**
 * A beheerder's change of name, role, gemeente or active state. Deactivating ends the
 * account's sessions and open links at once. The installation always keeps an active
 * beheerder: the active beheerders are locked first, so two beheerders removing each
 * other at the same moment cannot both succeed.
 */
export async function changeAccount(pool: pg.Pool, actor: Actor, id: number, change: AccountChange): Promise<AccountOverzicht> {
  await withAudit(pool, actor, null, async (client) => {
    const beheerders = await lockActiveBeheerders(client);
    const row = await lockAccount(client, id);
    if (!row) throw notFound('Account', id);
    if (row.version !== change.version) throw await versionConflict(client, 'account', id, row.version);

    const rol = change.rol ?? row.rol;
    const actief = change.actief ?? row.actief;
    let gemeenteId = row.gemeente_id;
    if (rol !== 'werkgroep') gemeenteId = null;
    else if (change.gemeente !== undefined || row.rol !== 'werkgroep') gemeenteId = await gemeenteFor(client, rol, change.gemeente);
    if (actief && rol === null) {
      throw new ApiError(422, 'rol_vereist', 'Kies eerst een rol (en voor de werkgroep een gemeente) voordat u dit account activeert.');
    }
    if (id === actor.id && (!actief || rol !== row.rol)) {
      throw new ApiError(422, 'eigen_account', 'U kunt uw eigen account niet deactiveren en uw eigen rol niet wijzigen; vraag een andere beheerder.');
    }
    if (removesLastBeheerder({ rol: row.rol, actief: row.actief }, { rol, actief }, beheerders)) {
      throw new ApiError(422, 'laatste_beheerder', 'Dit is de laatste actieve beheerder. Maak eerst een andere beheerder aan, anders kan niemand de accounts meer beheren.');
    }
    await updateAccount(client, id, { naam: change.naam, rol: rol ?? undefined, gemeenteId, actief });
    if (!actief && row.actief) {
      await revokeAccountSessions(client, id);
      await lapseLinks(client, id);
    }
  });
  return (await findAccountOverview(pool, id))!;
}

export async function revokeSessionsOf(pool: pg.Pool, actor: Actor, id: number): Promise<number> {
  return withAudit(pool, actor, null, async (client) => {
    if (!(await findAccountById(client, id))) throw notFound('Account', id);
    return revokeAccountSessions(client, id);
  });
}

/** A one-time link for a forgotten password (or a new account whose first link lapsed). */
export async function issuePasswordLink(pool: pg.Pool, config: AuthConfig, actor: Actor, id: number, origin: string): Promise<LinkAntwoord> {
  if (!config.wachtwoordInloggen) {
    throw new ApiError(409, 'wachtwoord_uit', 'Inloggen met een wachtwoord staat uit in deze installatie; deze persoon logt in via de identiteitsaanbieder.');
  }
  const { account, issued } = await withAudit(pool, actor, null, async (client) => {
    const account = await findAccountById(client, id);
    if (!account) throw notFound('Account', id);
    if (!account.actief) throw new ApiError(422, 'account_inactief', 'Activeer het account eerst; een gedeactiveerd account kan geen wachtwoord instellen.');
    const doel: LinkDoel = (await lockAccount(client, id))!.wachtwoord_hash ? 'herstel' : 'nieuw';
    return { account, issued: { ...(await issueLink(client, id, doel)), doel } };
  });
  return mailLink(config, account, linkUrl(origin, issued.token), issued.verloopt_op, issued.doel);
}

/** A beheerder removes someone's second factor (lost phone): the person enrols again at the next sign-in. */
export async function resetSecondFactor(pool: pg.Pool, actor: Actor, id: number): Promise<{ hersteld: boolean; sessies_beeindigd: number }> {
  return withAudit(pool, actor, null, async (client) => {
    if (!(await findAccountById(client, id))) throw notFound('Account', id);
    const hersteld = await deleteFactor(client, id);
    const sessies_beeindigd = hersteld ? await revokeAccountSessions(client, id) : 0;
    return { hersteld, sessies_beeindigd };
  });
}

export async function accountList(pool: pg.Pool) {
  return { accounts: await listAccountOverview(pool), gemeenten: await listGemeenten(pool) };
}

export interface HistoryEntry {
  id: number;
  tijdstip: string;
  door: string | null;
  gebeurtenis: string;
}

/**
 * The latest events of an account, newest first: its audited changes, those of its
 * links, second factor and sessions, and its sign-ins (the session rows themselves).
 */
export async function accountHistory(pool: pg.Pool, id: number, limit = 200): Promise<HistoryEntry[]> {
  if (!(await findAccountById(pool, id))) throw notFound('Account', id);
  const { rows } = await pool.query<AuditRij & { id: number; tijdstip: string; door: string | null }>(
    `SELECT id, tabel, actie, voor, na, door_id, reden, door,
            to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS tijdstip
     FROM (
       SELECT l.id, l.tabel, l.actie, l.voor, l.na, l.account_id AS door_id, l.reden, a.naam AS door, l.tijdstip AS t
       FROM audit_log l LEFT JOIN account a ON a.id = l.account_id
       WHERE (l.tabel = 'account' AND l.record_id = $1)
          OR (l.tabel IN ('sessie', 'wachtwoord_link', 'tweede_factor') AND (coalesce(l.na, l.voor)->>'account_id') = $1::text)
       UNION ALL
       SELECT -s.id, 'sessie', 'insert', NULL, jsonb_build_object('methode', s.methode, 'adres', s.adres), s.account_id, NULL, a.naam, s.created_at
       FROM sessie s JOIN account a ON a.id = s.account_id WHERE s.account_id = $1
     ) e
     ORDER BY t DESC, id DESC LIMIT $2`,
    [id, limit]);
  const gemeenten = new Map((await listGemeenten(pool)).map((g) => [g.id, g.naam]));
  const naam = (gid: unknown) => (typeof gid === 'number' ? gemeenten.get(gid) ?? null : null);
  return rows.flatMap((r) => beschrijfAuditRij(r, id, naam).map((gebeurtenis, i) => ({
    // Sign-ins carry the negated session id, so every entry keeps a number of its own.
    id: r.id * 10 + (r.id < 0 ? -i : i), tijdstip: r.tijdstip, door: r.door, gebeurtenis,
  })));
}

// --- A person's own account ------------------------------------------------------------

const throttled = (seconds: number) =>
  new ApiError(429, 'te_veel_pogingen', `Te veel mislukte pogingen. Probeer het over ${wachttijd(seconds)} opnieuw.`, { wacht_seconden: seconds });

/**
 * Changes one's own password: the current one is required (throttled like sign-in), the
 * new one must pass the password rules. Every other session of the account ends.
 */
export async function changeOwnPassword(pool: pg.Pool, session: Session, huidig: string, nieuw: string, adres: string) {
  const account = session.account;
  const row = (await pool.query<{ wachtwoord_hash: string | null }>(`SELECT wachtwoord_hash FROM account WHERE id = $1`, [account.id])).rows[0];
  if (!row?.wachtwoord_hash) {
    throw new ApiError(409, 'geen_wachtwoord', 'Uw account heeft geen wachtwoord: u logt in via de identiteitsaanbieder van uw organisatie.');
  }
  const attempt = await beginLoginAttempt(pool, account.email, adres);
  if ('wachtSeconden' in attempt) throw throttled(attempt.wachtSeconden);
  if (!(await verifyPassword(huidig, row.wachtwoord_hash))) {
    throw new ApiError(400, 'wachtwoord_onjuist', 'Uw huidige wachtwoord klopt niet.');
  }
  await loginSucceeded(pool, attempt.id);
  if (huidig === nieuw) throw new ApiError(400, 'wachtwoord_gelijk', 'Kies een ander wachtwoord dan uw huidige.');
  const problem = passwordProblem(nieuw, account);
  if (problem) throw new ApiError(400, problem.code, problem.message);
  const hash = await hashPassword(nieuw);
  return withAudit(pool, account, null, async (client) => {
    await setPasswordHash(client, account.id, hash);
    await lapseLinks(client, account.id);
    return { andere_sessies_beeindigd: await revokeAccountSessions(client, account.id, session.tokenHash) };
  });
}

export async function ownSessions(pool: pg.Pool, session: Session) {
  return (await listOpenSessions(pool, session.account.id)).map((s) => ({ ...s, huidige: s.id === session.id }));
}

export async function endOwnSession(pool: pg.Pool, session: Session, id: number): Promise<void> {
  const ended = await withAudit(pool, session.account, null, (client) => revokeSessionById(client, session.account.id, id));
  if (!ended) throw new ApiError(404, 'niet_gevonden', 'Deze sessie bestaat niet of is al beëindigd.');
}

/** Checks the token of a one-time link: whose it is and until when it works. */
export async function checkLink(pool: pg.Pool, token: string) {
  const link = await validLink(pool, token);
  return { email: link.email, naam: link.naam, doel: link.doel, verloopt_op: link.verloopt_op };
}

/**
 * Sets a password through a one-time link: the link is used up, other open links lapse,
 * and every session of the account ends (a reset means the old password may be known).
 */
export async function setPasswordWithLink(pool: pg.Pool, config: AuthConfig, token: string, wachtwoord: string) {
  if (!config.wachtwoordInloggen) {
    throw new ApiError(409, 'wachtwoord_uit', 'Inloggen met een wachtwoord staat uit in deze installatie; log in via de identiteitsaanbieder.');
  }
  const preview = await validLink(pool, token);
  const problem = passwordProblem(wachtwoord, preview);
  if (problem) throw new ApiError(400, problem.code, problem.message);
  const hash = await hashPassword(wachtwoord);
  return withAudit(pool, { id: preview.account_id }, null, async (client) => {
    const link = await validLink(client, token, true); // again, locked: a link works once
    await setPasswordHash(client, link.account_id, hash);
    await markLinkUsed(client, link.id);
    await lapseLinks(client, link.account_id);
    await revokeAccountSessions(client, link.account_id);
    const account = (await findAccountById(client, link.account_id))!;
    return { email: account.email, tweede_factor_verplicht: account.rol !== null && tweedeFactorVerplicht(account.rol) };
  });
}
