// Issue 16: the pure rules of accounts and signing in.
import { describe, expect, it } from 'vitest';
import { TOTP, Secret } from 'otpauth';
import { aanmeldStap, tweedeFactorVerplicht } from '../../server/domain/tweede-factor.ts';
import { emailDomein, removesLastBeheerder } from '../../server/domain/accounts.ts';
import { beschrijfAuditRij } from '../../server/domain/account-history.ts';
import { authConfigFromEnv, ConfigError } from '../../server/auth/config.ts';
import {
  hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCodes, newTotpSecret, otpauthUri, totpCode, totpStep,
} from '../../server/auth/totp.ts';
import { formatTijdstip, linkMailText } from '../../server/accounts/mail.ts';

describe('second factor', () => {
  it('is required for regisseur and beheerder only', () => {
    expect(['beheerder', 'regisseur', 'werkgroep', 'stuurgroep'].filter((r) => tweedeFactorVerplicht(r as never)))
      .toEqual(['beheerder', 'regisseur']);
  });

  it('puts a session in the right step', () => {
    expect(aanmeldStap('regisseur', false, false)).toBe('inschrijven');
    expect(aanmeldStap('regisseur', true, false)).toBe('tweede_factor');
    expect(aanmeldStap('regisseur', true, true)).toBe('volledig');
    expect(aanmeldStap('werkgroep', false, false)).toBe('volledig');
    expect(aanmeldStap('werkgroep', true, false)).toBe('tweede_factor'); // enrolled voluntarily
    expect(aanmeldStap('stuurgroep', true, true)).toBe('volledig');
  });
});

describe('TOTP (RFC 6238)', () => {
  it('matches the RFC 6238 test vector for SHA-1 (6 digits of 94287082 at 59 s)', () => {
    const secret = Secret.fromUTF8('12345678901234567890').base32;
    expect(totpCode(secret, 59_000)).toBe('287082');
    expect(totpStep(secret, '287082', 59_000)).toBe(1);
  });

  it('accepts the previous and next step, nothing further, and gives the step of the code', () => {
    const secret = newTotpSecret();
    const t = 1_800_000_000_000;
    const step = Math.floor(t / 30_000);
    expect(totpStep(secret, totpCode(secret, t), t)).toBe(step);
    expect(totpStep(secret, totpCode(secret, t - 30_000), t)).toBe(step - 1);
    expect(totpStep(secret, totpCode(secret, t + 30_000), t)).toBe(step + 1);
    expect(totpStep(secret, totpCode(secret, t - 60_000), t)).toBeNull();
    expect(totpStep(secret, totpCode(secret, t + 60_000), t)).toBeNull();
    expect(totpStep(secret, '12345', t)).toBeNull();
    expect(totpStep(secret, 'abcdef', t)).toBeNull();
  });

  it('gives an otpauth URI an authenticator app reads back to the same codes', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = otpauthUri(secret, 'a.jansen@leiden.nl');
    const parsed = new TOTP({ secret: Secret.fromBase32(new URL(uri).searchParams.get('secret')!) });
    expect(parsed.generate({ timestamp: 1_700_000_000_000 })).toBe(totpCode(secret, 1_700_000_000_000));
    expect(uri).toMatch(/^otpauth:\/\/totp\/Schuifruimte071:a\.jansen%40leiden\.nl\?/);
  });
});

describe('recovery codes', () => {
  it('are ten different codes of about 79 bits, hashed the same however they are typed', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) {
      expect(c).toMatch(/^[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}$/);
      expect(looksLikeRecoveryCode(c)).toBe(true);
      expect(hashRecoveryCode(c.toUpperCase().replace(/-/g, ' '))).toBe(hashRecoveryCode(c));
      expect(hashRecoveryCode(c)).not.toContain(c.replace(/-/g, ''));
    }
    expect(hashRecoveryCode(codes[0])).not.toBe(hashRecoveryCode(codes[1]));
    expect(looksLikeRecoveryCode('123456')).toBe(false);
  });
});

describe('the last beheerder', () => {
  const beheerder = { rol: 'beheerder' as const, actief: true };
  it('may not be deactivated or given another role', () => {
    expect(removesLastBeheerder(beheerder, { ...beheerder, actief: false }, 1)).toBe(true);
    expect(removesLastBeheerder(beheerder, { rol: 'regisseur', actief: true }, 1)).toBe(true);
  });
  it('may be when there is another', () => {
    expect(removesLastBeheerder(beheerder, { ...beheerder, actief: false }, 2)).toBe(false);
  });
  it('is not touched by changes to other accounts', () => {
    expect(removesLastBeheerder({ rol: 'regisseur', actief: true }, { rol: 'regisseur', actief: false }, 1)).toBe(false);
    expect(removesLastBeheerder({ rol: 'beheerder', actief: false }, { rol: 'regisseur', actief: false }, 1)).toBe(false);
  });
  it('reads the domain of an address', () => {
    expect(emailDomein(' A.Jansen@Leiden.NL ')).toBe('leiden.nl');
  });
});

describe('configuration from the environment', () => {
  it('is passwords only without providers', () => {
    expect(authConfigFromEnv({})).toMatchObject({ wachtwoordInloggen: true, oidc: [], smtpUrl: null, publicUrl: null });
  });

  it('reads each provider with its domains and gemeente', () => {
    const config = authConfigFromEnv({
      PUBLIC_URL: 'https://schuifruimte.economie071.nl/',
      OIDC_LEIDEN_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0', OIDC_LEIDEN_CLIENT_ID: 'abc', OIDC_LEIDEN_CLIENT_SECRET: 's',
      OIDC_LEIDEN_DOMEINEN: 'leiden.nl, @Leiden-Ambtenaar.nl', OIDC_LEIDEN_GEMEENTE: 'Leiden', OIDC_LEIDEN_NAAM: 'Gemeente Leiden',
      OIDC_REGIE_ISSUER: 'https://id.economie071.nl', OIDC_REGIE_CLIENT_ID: 'r', OIDC_REGIE_DOMEINEN: 'economie071.nl',
      WACHTWOORD_INLOGGEN: 'uit', SMTP_URL: 'smtp://mail.example.nl:587',
    });
    expect(config.publicUrl).toBe('https://schuifruimte.economie071.nl');
    expect(config.wachtwoordInloggen).toBe(false);
    expect(config.mailFrom).toBe('Schuifruimte071 <noreply@schuifruimte.economie071.nl>');
    expect(config.oidc).toEqual([
      { id: 'leiden', naam: 'Gemeente Leiden', issuer: 'https://login.microsoftonline.com/tenant/v2.0', clientId: 'abc', clientSecret: 's',
        domeinen: ['leiden.nl', 'leiden-ambtenaar.nl'], gemeente: 'Leiden' },
      { id: 'regie', naam: 'Regie', issuer: 'https://id.economie071.nl', clientId: 'r', clientSecret: undefined, domeinen: ['economie071.nl'], gemeente: null },
    ]);
  });

  it('names the variable that is wrong', () => {
    const bad: [NodeJS.ProcessEnv, RegExp][] = [
      [{ OIDC_X_ISSUER: 'https://id.x.nl', OIDC_X_DOMEINEN: 'x.nl' }, /OIDC_X_CLIENT_ID/],
      [{ OIDC_X_ISSUER: 'https://id.x.nl', OIDC_X_CLIENT_ID: 'c' }, /OIDC_X_DOMEINEN/],
      [{ OIDC_X_ISSUER: 'http://id.x.nl', OIDC_X_CLIENT_ID: 'c', OIDC_X_DOMEINEN: 'x.nl' }, /https/],
      [{ WACHTWOORD_INLOGGEN: 'uit' }, /identiteitsaanbieder/],
      [{ WACHTWOORD_INLOGGEN: 'nee' }, /aan.*uit/],
      [{ PUBLIC_URL: 'schuifruimte.nl' }, /PUBLIC_URL/],
      [{ SMTP_URL: 'mail.example.nl' }, /SMTP_URL/],
    ];
    for (const [env] of bad) expect(() => authConfigFromEnv(env), JSON.stringify(env)).toThrow(ConfigError);
    for (const [env, message] of bad) expect(() => authConfigFromEnv(env)).toThrow(message);
  });
});

describe('the link e-mail', () => {
  it('is Dutch, names the person, the link and until when it works in Dutch time', () => {
    expect(formatTijdstip('2026-11-22T13:05:00Z')).toBe('22 november 2026 om 14:05');
    expect(formatTijdstip('2026-07-01T21:30:00Z')).toBe('1 juli 2026 om 23:30');
    const mail = linkMailText({ to: 'a@leiden.nl', naam: 'Anna', url: 'https://x.nl/wachtwoord-instellen#abc', verloopt_op: '2026-11-22T13:05:00Z', doel: 'herstel' });
    expect(mail.subject).toBe('Nieuw wachtwoord instellen voor Schuifruimte071');
    expect(mail.text).toContain('Beste Anna,');
    expect(mail.text).toContain('https://x.nl/wachtwoord-instellen#abc');
    expect(mail.text).toContain('geldig tot 22 november 2026 om 14:05');
  });
});

describe('account history', () => {
  const naam = (id: unknown) => (id === 1 ? 'Leiden' : null);
  it('words changes of role, gemeente, state and password', () => {
    expect(beschrijfAuditRij({ tabel: 'account', actie: 'update', door_id: 9, reden: null,
      voor: { rol: 'werkgroep', gemeente_id: 1, actief: true }, na: { rol: 'regisseur', gemeente_id: null, actief: false } }, 5, naam))
      .toEqual(['Rol gewijzigd van werkgroep in regisseur', 'Gemeente verwijderd (regionale rol)', 'Gedeactiveerd']);
    expect(beschrijfAuditRij({ tabel: 'account', actie: 'update', door_id: 5, reden: null,
      voor: { wachtwoord_gewijzigd_op: '2026-01-01' }, na: { wachtwoord_gewijzigd_op: '2026-02-01' } }, 5, naam)).toEqual(['Wachtwoord gewijzigd']);
    expect(beschrijfAuditRij({ tabel: 'account', actie: 'update', door_id: 9, reden: null,
      voor: { rol: null, actief: false }, na: { rol: 'werkgroep', gemeente_id: 1, actief: true } }, 5, naam))
      .toEqual(['Goedgekeurd als werkgroep', 'Gemeente: Leiden', 'Geactiveerd']);
  });
  it('tells a sign-out from a revocation by a beheerder, and a used recovery code', () => {
    const ended = { tabel: 'sessie', actie: 'update' as const, reden: null, voor: { ingetrokken_op: null }, na: { ingetrokken_op: 'x' } };
    expect(beschrijfAuditRij({ ...ended, door_id: 5 }, 5, naam)).toEqual(['Uitgelogd of sessie beëindigd']);
    expect(beschrijfAuditRij({ ...ended, door_id: 9 }, 5, naam)).toEqual(['Sessie beëindigd door een beheerder']);
    expect(beschrijfAuditRij({ tabel: 'tweede_factor', actie: 'update', door_id: 5, reden: null,
      voor: { herstelcodes_over: 10, bevestigd_op: 'x' }, na: { herstelcodes_over: 9, bevestigd_op: 'x' } }, 5, naam)).toEqual(['Herstelcode gebruikt (nog 9 over)']);
  });
});
