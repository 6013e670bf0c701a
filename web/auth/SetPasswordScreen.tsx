// The page of a one-time link (/wachtwoord-instellen#<token>): the new person, or one who
// forgot the password, sets it here. The token is in the fragment, so it never reaches a
// server log; it is taken out of the address bar as soon as it is read.
import { useEffect, useState, type FormEvent } from 'react';
import { useAanmeldOpties, useLinkCheck, useSetPasswordWithLink } from '../api/session.ts';
import { tAccounts, formatTijdstip } from '../i18n/nl-accounts.ts';
import './auth.css';

const tl = tAccounts.link;

/** The address of the link page (the server's LINK_PAD). */
export const LINK_PAD = '/wachtwoord-instellen';

const readToken = () => decodeURIComponent(window.location.hash.replace(/^#/, '')).trim();

export function SetPasswordScreen({ onDone }: { onDone: (email: string | null, notice: string | null) => void }) {
  const [token] = useState(readToken);
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(null, '', window.location.pathname);
  }, []);
  const check = useLinkCheck(token);
  const set = useSetPasswordWithLink();
  const opties = useAanmeldOpties();
  const [wachtwoord, setWachtwoord] = useState('');
  const [herhaal, setHerhaal] = useState('');
  const [verschil, setVerschil] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (wachtwoord !== herhaal) {
      setVerschil(true);
      return;
    }
    setVerschil(false);
    if (!set.isPending) set.mutate({ token, wachtwoord });
  };

  let body;
  if (!token) {
    body = <p className="login-error" role="alert">{tl.geenToken}</p>;
  } else if (check.isPending) {
    body = <p className="login-intro">{tl.controleren}</p>;
  } else if (check.error) {
    body = <p className="login-error" role="alert" data-testid="link-fout">{check.error.message}</p>;
  } else if (set.data) {
    const notice = set.data.tweede_factor_verplicht ? tl.klaarTweeStap : tl.klaar;
    body = (
      <>
        <p className="login-info" role="status" data-testid="link-klaar">{notice}</p>
        <button type="button" className="primary-button" onClick={() => onDone(set.data.email, notice)}>{tl.naarInloggen}</button>
      </>
    );
  } else {
    body = (
      <>
        <p className="login-intro">{tl.voor(check.data.naam, check.data.email)} {tl.geldigTot(formatTijdstip(check.data.verloopt_op))}</p>
        {/* For password managers: the account the new password belongs to. */}
        <input type="email" name="email" autoComplete="username" value={check.data.email} readOnly hidden />
        <label className="field">
          <span>{tl.nieuw}</span>
          <input type="password" name="nieuw-wachtwoord" autoComplete="new-password" required autoFocus
            value={wachtwoord} onChange={(e) => setWachtwoord(e.target.value)} />
        </label>
        <label className="field">
          <span>{tl.herhaal}</span>
          <input type="password" name="herhaal-wachtwoord" autoComplete="new-password" required
            value={herhaal} onChange={(e) => setHerhaal(e.target.value)} />
        </label>
        <p className="login-hint">{tl.regels(opties.data?.min_wachtwoord_lengte ?? 12)}</p>
        {(verschil || set.error) && (
          <p className="login-error" role="alert" data-testid="login-melding">{verschil ? tl.verschillend : set.error!.message}</p>
        )}
        <button type="submit" className="primary-button" disabled={set.isPending}>{tl.knop}</button>
      </>
    );
  }

  return (
    <div className="login-screen">
      <form className="login-card" onSubmit={submit} aria-labelledby="link-title" data-testid="wachtwoord-instellen">
        <h2 id="link-title" className="login-title">{tl.titel}</h2>
        {body}
      </form>
    </div>
  );
}
