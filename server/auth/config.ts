// How people sign in to this installation, from the environment: password sign-in on
// or off, where the app is reached (for links in e-mails and the identity providers'
// return address), the mail server, and the identity providers (OpenID Connect) of the
// gemeenten and organisations, each with the e-mail domains it may sign in.
//
//   WACHTWOORD_INLOGGEN=uit            password sign-in switched off
//   PUBLIC_URL=https://schuifruimte.economie071.nl
//   SMTP_URL=smtp://user:pass@mail.example.nl:587   MAIL_FROM="Schuifruimte071 <noreply@…>"
//   OIDC_<ID>_ISSUER, OIDC_<ID>_CLIENT_ID, OIDC_<ID>_CLIENT_SECRET,
//   OIDC_<ID>_DOMEINEN=leiden.nl,leiden.nl-ambtenaar.nl   OIDC_<ID>_GEMEENTE=Leiden   OIDC_<ID>_NAAM="Gemeente Leiden"

export interface OidcAanbieder {
  /** Lower-case id from the variable names (OIDC_LEIDEN_… → "leiden"), used in the paths. */
  id: string;
  /** Shown on the sign-in button: "Inloggen met {naam}". */
  naam: string;
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** E-mail domains this provider may sign in (lower case). */
  domeinen: string[];
  /** The gemeente its people belong to (proposed for a new werkgroep account), if any. */
  gemeente: string | null;
}

export interface AuthConfig {
  wachtwoordInloggen: boolean;
  /** Where people reach the app, without a trailing slash; else the request's own origin. */
  publicUrl: string | null;
  smtpUrl: string | null;
  mailFrom: string;
  oidc: OidcAanbieder[];
}

export class ConfigError extends Error {}

const ID = /^OIDC_([A-Z0-9]+)_ISSUER$/;

/** The configuration in `env`; throws a ConfigError in Dutch naming the variable that is wrong. */
export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const publicUrl = env.PUBLIC_URL?.trim() ? checkedUrl('PUBLIC_URL', env.PUBLIC_URL.trim()).replace(/\/+$/, '') : null;
  const oidc: OidcAanbieder[] = [];
  for (const key of Object.keys(env).sort()) {
    const m = ID.exec(key);
    if (!m || !env[key]?.trim()) continue;
    const prefix = `OIDC_${m[1]}_`;
    const clientId = env[`${prefix}CLIENT_ID`]?.trim();
    if (!clientId) throw new ConfigError(`${prefix}CLIENT_ID ontbreekt (hoort bij ${key}).`);
    const domeinen = (env[`${prefix}DOMEINEN`] ?? '').split(',').map((d) => d.trim().toLowerCase().replace(/^@/, '')).filter(Boolean);
    if (!domeinen.length) {
      throw new ConfigError(`${prefix}DOMEINEN ontbreekt: noem de e-maildomeinen die via deze aanbieder mogen inloggen (bijvoorbeeld leiden.nl).`);
    }
    oidc.push({
      id: m[1].toLowerCase(),
      naam: env[`${prefix}NAAM`]?.trim() || m[1].charAt(0) + m[1].slice(1).toLowerCase(),
      issuer: checkedIssuer(key, env[key]!.trim()),
      clientId,
      clientSecret: env[`${prefix}CLIENT_SECRET`]?.trim() || undefined,
      domeinen,
      gemeente: env[`${prefix}GEMEENTE`]?.trim() || null,
    });
  }
  const wachtwoord = (env.WACHTWOORD_INLOGGEN ?? 'aan').trim().toLowerCase();
  if (!['aan', 'uit'].includes(wachtwoord)) throw new ConfigError('WACHTWOORD_INLOGGEN is "aan" of "uit".');
  if (wachtwoord === 'uit' && !oidc.length) {
    throw new ConfigError('WACHTWOORD_INLOGGEN=uit kan alleen met een identiteitsaanbieder (OIDC_<ID>_ISSUER): anders kan niemand inloggen.');
  }
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new ConfigError('SMTP_URL begint met smtp:// of smtps://.');
  return {
    wachtwoordInloggen: wachtwoord === 'aan',
    publicUrl,
    smtpUrl,
    mailFrom: env.MAIL_FROM?.trim() || `Schuifruimte071 <noreply@${publicUrl ? new URL(publicUrl).hostname : 'localhost'}>`,
    oidc,
  };
}

function checkedUrl(name: string, value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error();
    return value;
  } catch {
    throw new ConfigError(`${name} is geen geldige http(s)-URL: ${value}`);
  }
}

/** An issuer is reached over HTTPS; plain HTTP only on this machine (a test provider). */
function checkedIssuer(name: string, value: string): string {
  const url = new URL(checkedUrl(name, value));
  if (url.protocol === 'http:' && !isLoopback(url)) throw new ConfigError(`${name} moet een https-adres zijn: ${value}`);
  return value;
}

export const isLoopback = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

/** The default for the tests and the embedded demo: passwords only, no mail, no providers. */
export const PASSWORD_ONLY: AuthConfig = { wachtwoordInloggen: true, publicUrl: null, smtpUrl: null, mailFrom: 'Schuifruimte071 <noreply@localhost>', oidc: [] };
