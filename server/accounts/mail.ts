// The e-mail with a one-time link, in Dutch, sent through the mail server in SMTP_URL
// (nodemailer). Sent after the link is stored, never inside a database transaction:
// a slow mail server holds no database connection, and a failed mail still leaves the
// beheerder the link to pass on.
import nodemailer from 'nodemailer';
import type { AuthConfig } from '../auth/config.ts';
import type { LinkDoel } from './links.ts';

const tijdstip = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Amsterdam',
});

/** "22 november 2026 om 14:05" in Dutch time (built from parts: ICU versions join date and time differently). */
export function formatTijdstip(iso: string): string {
  const p = Object.fromEntries(tijdstip.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.day} ${p.month} ${p.year} om ${p.hour}:${p.minute}`;
}

export interface LinkMail {
  to: string;
  naam: string;
  url: string;
  verloopt_op: string;
  doel: LinkDoel;
}

export function linkMailText(m: LinkMail): { subject: string; text: string } {
  const nieuw = m.doel === 'nieuw';
  const subject = nieuw ? 'Uw account voor Schuifruimte071' : 'Nieuw wachtwoord instellen voor Schuifruimte071';
  const text = [
    `Beste ${m.naam},`,
    '',
    nieuw
      ? 'Er is een account voor u aangemaakt in Schuifruimte071, de kaart van de bedrijventerreinen en de schuifruimte in de Economie071-regio.'
      : 'De beheerder van Schuifruimte071 heeft een link voor u aangemaakt om een nieuw wachtwoord in te stellen.',
    '',
    'Stel via deze link uw wachtwoord in:',
    m.url,
    '',
    `De link werkt één keer en is geldig tot ${formatTijdstip(m.verloopt_op)}. Daarna kunt u de beheerder om een nieuwe vragen.`,
    'Heeft u dit niet verwacht? Gebruik de link dan niet en laat het de beheerder weten.',
    '',
    'Met vriendelijke groet,',
    'Schuifruimte071 — Economie071',
  ].join('\n');
  return { subject, text };
}

export type MailResult = { gemaild: true } | { gemaild: false; mail_fout?: string };

/** Sends the link by mail when SMTP is configured; never throws. */
export async function sendLinkMail(config: AuthConfig, m: LinkMail): Promise<MailResult> {
  if (!config.smtpUrl) return { gemaild: false };
  try {
    const transport = nodemailer.createTransport({ url: config.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
    const { subject, text } = linkMailText(m);
    await transport.sendMail({ from: config.mailFrom, to: { name: m.naam, address: m.to }, subject, text });
    transport.close();
    return { gemaild: true };
  } catch (err) {
    console.error(`E-mail naar ${m.to} niet verstuurd: ${(err as Error).message}`);
    return { gemaild: false, mail_fout: 'De e-mail kon niet worden verstuurd; geef de link zelf door.' };
  }
}
