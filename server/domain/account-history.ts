// What happened to an account, in Dutch, from the audit rows of the account, its
// sessions, its one-time links and its second factor. Secret columns never reach the
// audit trail, so the texts rely on the visible columns beside them.
import { ROL_LABEL, type Role } from './roles.ts';

export interface AuditRij {
  tabel: string;
  actie: 'insert' | 'update' | 'delete';
  voor: Record<string, unknown> | null;
  na: Record<string, unknown> | null;
  /** Who made the change (null: the system, or the person signing in). */
  door_id: number | null;
  reden: string | null;
}

/** Fixed audit reasons of account changes the columns alone cannot tell apart. */
export const ACCOUNT_REDEN = {
  nieuweHerstelcodes: 'Nieuwe herstelcodes',
} as const;

const rol = (r: unknown) => (typeof r === 'string' && r in ROL_LABEL ? ROL_LABEL[r as Role].toLowerCase() : 'geen rol');
const changed = (rij: AuditRij, kolom: string) => JSON.stringify(rij.voor?.[kolom] ?? null) !== JSON.stringify(rij.na?.[kolom] ?? null);
const werd = (rij: AuditRij, kolom: string) => rij.voor?.[kolom] == null && rij.na?.[kolom] != null;

/**
 * The sentences for one audit row. `accountId` is the account whose history this is;
 * `gemeente` names a gemeente id.
 */
export function beschrijfAuditRij(rij: AuditRij, accountId: number, gemeente: (id: unknown) => string | null): string[] {
  const na = rij.na ?? {};
  const voor = rij.voor ?? {};
  switch (rij.tabel) {
    case 'account': {
      if (rij.actie === 'insert') {
        if (na.rol == null) return ['Aangemeld via de identiteitsaanbieder; wacht op goedkeuring door een beheerder'];
        const g = gemeente(na.gemeente_id);
        return [`Account aangemaakt als ${rol(na.rol)}${g ? ` (${g})` : ''}`];
      }
      if (rij.actie === 'delete') return ['Account verwijderd'];
      const zinnen: string[] = [];
      if (changed(rij, 'rol')) zinnen.push(voor.rol == null ? `Goedgekeurd als ${rol(na.rol)}` : `Rol gewijzigd van ${rol(voor.rol)} in ${rol(na.rol)}`);
      if (changed(rij, 'gemeente_id')) {
        const g = gemeente(na.gemeente_id);
        zinnen.push(g ? `Gemeente: ${g}` : 'Gemeente verwijderd (regionale rol)');
      }
      if (changed(rij, 'actief')) zinnen.push(na.actief ? 'Geactiveerd' : 'Gedeactiveerd');
      if (changed(rij, 'naam')) zinnen.push(`Naam gewijzigd in ${String(na.naam)}`);
      if (changed(rij, 'wachtwoord_gewijzigd_op')) zinnen.push(voor.wachtwoord_gewijzigd_op == null ? 'Wachtwoord ingesteld' : 'Wachtwoord gewijzigd');
      if (werd(rij, 'oidc_subject')) zinnen.push('Gekoppeld aan de identiteitsaanbieder');
      return zinnen.length ? zinnen : ['Account bijgewerkt'];
    }
    case 'sessie': {
      if (rij.actie === 'insert') {
        const via = na.methode === 'oidc' ? 'via de identiteitsaanbieder' : 'met wachtwoord';
        return [`Ingelogd ${via}${na.adres ? ` (adres ${String(na.adres)})` : ''}`];
      }
      if (werd(rij, 'ingetrokken_op')) {
        return [rij.door_id === accountId || rij.door_id === null ? 'Uitgelogd of sessie beëindigd' : 'Sessie beëindigd door een beheerder'];
      }
      if (werd(rij, 'tweede_factor_op')) return ['Tweede factor gegeven'];
      return [];
    }
    case 'wachtwoord_link': {
      if (rij.actie === 'insert') return [na.doel === 'nieuw' ? 'Eenmalige link voor het eerste wachtwoord aangemaakt' : 'Eenmalige link voor een nieuw wachtwoord aangemaakt'];
      if (werd(rij, 'gebruikt_op')) return ['Eenmalige link gebruikt'];
      if (werd(rij, 'vervallen_op')) return ['Eenmalige link vervallen'];
      return [];
    }
    case 'tweede_factor': {
      if (rij.actie === 'insert') return ['Inschrijving tweestapsverificatie gestart'];
      if (rij.actie === 'delete') {
        return [rij.door_id === accountId ? 'Tweestapsverificatie uitgezet' : 'Tweestapsverificatie hersteld door een beheerder: opnieuw instellen bij de volgende inlog'];
      }
      if (changed(rij, 'bevestigd_op')) return ['Tweestapsverificatie ingesteld (met nieuwe herstelcodes)'];
      const over = Number(na.herstelcodes_over);
      const eerder = Number(voor.herstelcodes_over);
      if (over < eerder) return [`Herstelcode gebruikt (nog ${over} over)`];
      if (rij.reden === ACCOUNT_REDEN.nieuweHerstelcodes) return ['Nieuwe herstelcodes aangemaakt'];
      return ['Inschrijving tweestapsverificatie gestart'];
    }
    default:
      return [];
  }
}
