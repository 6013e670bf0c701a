// The second factor: time-based one-time codes (TOTP, RFC 6238: SHA-1, 6 digits, 30 s,
// the settings every authenticator app supports) with the `otpauth` library, and
// recovery codes for when the phone is gone.
import { createHash, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

export const TOTP_ISSUER = 'Schuifruimte071';
const PERIOD = 30;
/** Codes of the previous and next 30 s are accepted too: phone clocks drift. */
const WINDOW = 1;

const totp = (secret: string, label = '') =>
  new TOTP({ issuer: TOTP_ISSUER, label, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: PERIOD });

/** A new random secret (160 bits, as RFC 4226 recommends), base32. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The otpauth:// URI an authenticator app reads from the QR code. */
export const otpauthUri = (secret: string, email: string): string => totp(secret, email).toString();

/** The QR code of that URI as an SVG document. */
export const qrSvg = (uri: string): Promise<string> => QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });

/** The code for a moment (for tests and the demo's sign-in helper). */
export const totpCode = (secret: string, timestamp = Date.now()): string => totp(secret).generate({ timestamp });

export const looksLikeTotpCode = (code: string): boolean => /^\d{6}$/.test(code.replace(/\s+/g, ''));

/**
 * The time step (30 s counter) the code belongs to, if it is right within the window;
 * the caller refuses a step already used, so each code works once.
 */
export function totpStep(secret: string, code: string, timestamp = Date.now()): number | null {
  const token = code.replace(/\s+/g, '');
  if (!looksLikeTotpCode(token)) return null;
  const delta = totp(secret).validate({ token, timestamp, window: WINDOW });
  return delta === null ? null : TOTP.counter({ period: PERIOD, timestamp }) + delta;
}

// Recovery codes: 16 characters of a 31-letter alphabet without look-alikes (79 bits),
// written in groups of four. High entropy, so a plain SHA-256 is a safe hash.
const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
export const HERSTELCODES_AANTAL = 10;

export function newRecoveryCodes(n = HERSTELCODES_AANTAL): string[] {
  return Array.from({ length: n }, () => {
    const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

/** Lower case, without spaces and dashes: how a code is typed does not matter. */
const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]+/g, '');

export const hashRecoveryCode = (code: string): string =>
  createHash('sha256').update(`herstelcode:${normaliseRecoveryCode(code)}`).digest('hex');

export const looksLikeRecoveryCode = (code: string): boolean => normaliseRecoveryCode(code).length === 16;
