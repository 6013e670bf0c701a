// Sign-in through an identity provider with OpenID Connect (openid-client): the
// authorization code flow with PKCE (S256), state and nonce. What the flow needs between
// the two legs is kept in the database under a random key that only the browser's
// cookie holds (its hash is stored); it works once and for ten minutes.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import * as oidc from 'openid-client';
import { isLoopback, type OidcAanbieder } from './config.ts';
import { hashToken } from './sessions.ts';
import { OidcRefusal, type OidcClaims } from './service.ts';

export const OIDC_COOKIE = 'sr071_oidc';
export const OIDC_COOKIE_PATH = '/api/auth/oidc';
const FLOW_MINUTES = 10;

const configurations = new Map<string, Promise<oidc.Configuration>>();

/** The provider's metadata (discovered once per provider and kept; a failed discovery is tried again next time). */
function configurationOf(a: OidcAanbieder): Promise<oidc.Configuration> {
  const key = `${a.issuer}|${a.clientId}`;
  let found = configurations.get(key);
  if (!found) {
    const issuer = new URL(a.issuer);
    found = oidc.discovery(issuer, a.clientId, a.clientSecret, a.clientSecret ? undefined : oidc.None(),
      issuer.protocol === 'http:' && isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined);
    found.catch(() => configurations.delete(key));
    configurations.set(key, found);
  }
  return found;
}

export const redirectUri = (origin: string, a: OidcAanbieder) => `${origin}/api/auth/oidc/${a.id}/terug`;

/** The first leg: the provider's authorization URL, and the key for the browser's cookie. */
export async function beginOidc(pool: pg.Pool, a: OidcAanbieder, origin: string): Promise<{ url: string; sleutel: string }> {
  let config: oidc.Configuration;
  try {
    config = await configurationOf(a);
  } catch (err) {
    console.error(`Identiteitsaanbieder ${a.id} (${a.issuer}) niet bereikbaar: ${(err as Error).message}`);
    throw new OidcRefusal('onbereikbaar', `${a.naam} is nu niet bereikbaar. Probeer het later opnieuw of log in met uw wachtwoord.`);
  }
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const sleutel = randomBytes(32).toString('base64url');
  await pool.query(`DELETE FROM oidc_aanmelding WHERE verloopt_op < now()`);
  await pool.query(
    `INSERT INTO oidc_aanmelding (sleutel_hash, aanbieder, state, nonce, code_verifier, verloopt_op)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6))`,
    [hashToken(sleutel), a.id, state, nonce, codeVerifier, FLOW_MINUTES]);
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(origin, a),
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href, sleutel };
}

/**
 * The second leg: exchanges the code (with the PKCE verifier) and checks state, nonce and
 * the ID token's signature, issuer and audience (openid-client); returns who signed in.
 */
export async function finishOidc(pool: pg.Pool, a: OidcAanbieder, sleutel: string | undefined, callbackUrl: URL): Promise<OidcClaims> {
  const { rows } = sleutel
    ? await pool.query<{ state: string; nonce: string; code_verifier: string }>(
      `DELETE FROM oidc_aanmelding WHERE sleutel_hash = $1 AND aanbieder = $2 AND verloopt_op > now()
       RETURNING state, nonce, code_verifier`, [hashToken(sleutel), a.id])
    : { rows: [] };
  const flow = rows[0];
  if (!flow) throw new OidcRefusal('mislukt', 'Deze aanmelding is verlopen of al afgerond. Probeer opnieuw in te loggen.');
  try {
    const config = await configurationOf(a);
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: flow.code_verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    let { email, email_verified, name } = claims as { email?: string; email_verified?: boolean; name?: string };
    if (!email && tokens.access_token) {
      const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
      ({ email, email_verified, name } = { email: info.email, email_verified: info.email_verified, name: info.name ?? name });
    }
    return { sub: claims.sub, email, email_verified, name };
  } catch (err) {
    console.error(`Aanmelding via ${a.id} geweigerd: ${(err as Error).message}`);
    throw new OidcRefusal('mislukt', `De aanmelding via ${a.naam} is niet gelukt. Probeer het opnieuw.`);
  }
}
