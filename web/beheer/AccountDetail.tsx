// One account in the beheer screen: its name, role and gemeente (or approving one that
// waits), deactivating and activating, ending its sessions, a new password link,
// resetting its second factor, and its history.
import { useState, type FormEvent, type ReactNode } from 'react';
import { tAccounts, formatTijdstip } from '../i18n/nl-accounts.ts';
import { t } from '../i18n/nl.ts';
import { ROLLEN } from './rollen.ts';
import { LinkResult } from './LinkResult.tsx';
import {
  useAccountHistory, useChangeAccount, useIssueLink, useResetSecondFactor, useRevokeSessions, type Account, type Rol,
} from './api.ts';
import { CloseButton } from '../app/CloseButton.tsx';

const td = tAccounts.beheer.detail;

/** A button that asks once more before it acts. */
function Confirmed({ label, onConfirm, danger = false, disabled = false, testId }: {
  label: string; onConfirm: () => void; danger?: boolean; disabled?: boolean; testId?: string;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className={danger ? 'secondary-button danger-text' : 'secondary-button'} disabled={disabled}
        onClick={() => setAsking(true)} data-testid={testId}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm-inline" role="group" aria-label={td.zeker}>
      <span>{td.zeker}</span>
      <button type="button" className={danger ? 'danger-button' : 'primary-button small'} onClick={() => { setAsking(false); onConfirm(); }}
        data-testid={testId ? `${testId}-ja` : undefined}>
        {td.ja}, {label.charAt(0).toLowerCase() + label.slice(1)}
      </button>
      <button type="button" className="secondary-button" onClick={() => setAsking(false)}>{td.nee}</button>
    </span>
  );
}

export function AccountDetail({ account, gemeenten, isSelf, wachtwoordInloggen, onClose }: {
  account: Account;
  gemeenten: { id: number; naam: string }[];
  isSelf: boolean;
  wachtwoordInloggen: boolean;
  onClose: () => void;
}) {
  const change = useChangeAccount(account.id);
  const revoke = useRevokeSessions(account.id);
  const link = useIssueLink(account.id);
  const reset = useResetSecondFactor(account.id);
  const history = useAccountHistory(account.id);
  const [naam, setNaam] = useState(account.naam);
  const [rol, setRol] = useState<Rol | ''>(account.rol ?? '');
  const [gemeente, setGemeente] = useState(account.gemeente ?? '');
  const [message, setMessage] = useState<string | null>(null);

  const wacht = account.wacht_op_goedkeuring;
  const dirty = naam.trim() !== account.naam || rol !== (account.rol ?? '') || (rol === 'werkgroep' && gemeente !== (account.gemeente ?? ''));
  const done = (text: string) => () => setMessage(text);

  const save = (e: FormEvent) => {
    e.preventDefault();
    if (!rol) return;
    setMessage(null);
    change.mutate({
      version: account.version,
      ...(naam.trim() !== account.naam ? { naam: naam.trim() } : {}),
      rol,
      ...(rol === 'werkgroep' ? { gemeente } : {}),
      ...(wacht ? { actief: true } : {}),
    }, { onSuccess: done(td.opgeslagen) });
  };
  const setActive = (actief: boolean) => {
    setMessage(null);
    change.mutate({ version: account.version, actief }, { onSuccess: done(actief ? `${td.activeren}: ${td.opgeslagen}` : `${td.deactiveren}: ${td.opgeslagen}`) });
  };
  const error = [change, revoke, link, reset].find((m) => m.error)?.error;

  return (
    <div className="beheer-card account-detail" aria-labelledby="account-detail-titel" data-testid="account-detail">
      <div className="detail-header">
        <div>
          <h3 id="account-detail-titel" className="section-title">{account.naam}</h3>
          <p className="detail-email">{account.email}</p>
        </div>
        <CloseButton label={tAccounts.beheer.sluiten} onClose={onClose} />
      </div>
      <dl className="detail-facts">
        <Fact label={td.aangemaakt}>{formatTijdstip(account.created_at)}</Fact>
        <Fact label={td.laatstIngelogd}>{formatTijdstip(account.laatst_ingelogd_op)}</Fact>
        <Fact label={td.aanmelding}>{account.oidc ? td.viaAanbieder : td.metWachtwoord}</Fact>
      </dl>

      <form className="detail-form" onSubmit={save}>
        <h4 className="subsection-title">{td.gegevens}</h4>
        {wacht && <p className="form-hint">{td.wachtUitleg}</p>}
        <label className="field">
          <span>{tAccounts.beheer.form.naam}</span>
          <input value={naam} onChange={(e) => setNaam(e.target.value)} required />
        </label>
        <div className="form-grid">
          <label className="field">
            <span>{tAccounts.beheer.form.rol}</span>
            <select value={rol} onChange={(e) => setRol(e.target.value as Rol)} disabled={isSelf} data-testid="detail-rol">
              {!rol && <option value="" disabled>{tAccounts.beheer.geenRol}</option>}
              {ROLLEN.map((r) => <option key={r} value={r}>{t.inloggen.rol[r]}</option>)}
            </select>
          </label>
          {rol === 'werkgroep' && (
            <label className="field">
              <span>{tAccounts.beheer.form.gemeente}</span>
              <select value={gemeente} onChange={(e) => setGemeente(e.target.value)} required data-testid="detail-gemeente">
                <option value="" disabled>{tAccounts.beheer.form.kiesGemeente}</option>
                {gemeenten.map((g) => <option key={g.id} value={g.naam}>{g.naam}</option>)}
              </select>
            </label>
          )}
        </div>
        <button type="submit" className="primary-button small" disabled={!rol || (!dirty && !wacht) || change.isPending} data-testid="detail-opslaan">
          {wacht ? td.goedkeuren : td.opslaan}
        </button>
      </form>

      {!wacht && (
        <div className="detail-actions">
          <h4 className="subsection-title">{td.acties}</h4>
          <div className="action-row">
            {account.actief ? (
              <Confirmed label={td.deactiveren} danger disabled={isSelf || change.isPending} onConfirm={() => setActive(false)} testId="deactiveren" />
            ) : (
              <button type="button" className="secondary-button" onClick={() => setActive(true)} disabled={change.isPending}>{td.activeren}</button>
            )}
            {account.open_sessies > 0 && (
              <Confirmed label={td.sessiesBeeindigen(account.open_sessies)} disabled={revoke.isPending}
                onConfirm={() => revoke.mutate(undefined, { onSuccess: (r) => setMessage(td.sessiesBeeindigd(r.ingetrokken)) })} />
            )}
            {account.actief && wachtwoordInloggen && (
              <button type="button" className="secondary-button" disabled={link.isPending} data-testid="nieuwe-link"
                onClick={() => { setMessage(null); link.mutate(); }}>
                {td.nieuweLink}
              </button>
            )}
            {account.tweede_factor && (
              <Confirmed label={td.tweeStapHerstellen} disabled={reset.isPending}
                onConfirm={() => reset.mutate(undefined, { onSuccess: done(td.tweeStapHersteld) })} />
            )}
          </div>
          {account.actief && <p className="form-hint">{td.deactiverenUitleg}</p>}
        </div>
      )}
      {link.data && <LinkResult link={link.data} email={account.email} />}
      {message && <p className="form-ok" role="status">{message}</p>}
      {error && <p className="form-error" role="alert">{error.message}</p>}

      <div className="detail-history">
        <h4 className="subsection-title">{td.geschiedenis}</h4>
        {history.data?.length === 0 && <p className="form-hint">{td.geenGeschiedenis}</p>}
        <ol className="account-history" data-testid="account-geschiedenis">
          {history.data?.map((e) => (
            <li key={e.id}>
              <span className="history-when">{formatTijdstip(e.tijdstip)}</span>
              <span className="history-what">{e.gebeurtenis}</span>
              {e.door && <span className="history-who">{td.door(e.door)}</span>}
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
