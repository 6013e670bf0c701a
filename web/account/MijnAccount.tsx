// One's own account (every role): the details, changing the password, the second factor
// (set up, a new phone, new recovery codes, off where the role allows) and the open
// sessions, each of which can be ended.
import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ME_KEY, type Me } from '../api/session.ts';
import { Enrolment, RecoveryCodes } from '../auth/TweedeFactor.tsx';
import { tAccounts, formatTijdstip } from '../i18n/nl-accounts.ts';
import { t } from '../i18n/nl.ts';
import { useChangeOwnPassword, useEndOwnSession, useNewRecoveryCodes, useOwnSessions, useRemoveSecondFactor } from './api.ts';
import '../beheer/beheer.css';
import { PageOverlay } from '../app/PageOverlay.tsx';

const tm = tAccounts.mijn;

export function MijnAccount({ me, onClose }: { me: Me; onClose: () => void }) {
  return (
    <PageOverlay id="mijn-account-titel" titel={tm.titel} intro={me.naam} sluiten={tm.sluiten} onClose={onClose} testId="mijn-account" smal>
      <div className="beheer-card">
        <h3 className="section-title">{tm.gegevens}</h3>
        <dl className="detail-facts">
          <div><dt>{tm.email}</dt><dd>{me.email}</dd></div>
          <div><dt>{tm.rol}</dt><dd>{t.inloggen.rol[me.rol]}</dd></div>
          {me.gemeente && <div><dt>{tm.gemeente}</dt><dd>{me.gemeente}</dd></div>}
        </dl>
      </div>
      <PasswordSection me={me} />
      <SecondFactorSection me={me} />
      <SessionsSection />
    </PageOverlay>
  );
}

function PasswordSection({ me }: { me: Me }) {
  const change = useChangeOwnPassword();
  const [huidig, setHuidig] = useState('');
  const [nieuw, setNieuw] = useState('');
  const [herhaal, setHerhaal] = useState('');
  const [verschil, setVerschil] = useState(false);
  if (!me.heeft_wachtwoord) {
    return (
      <div className="beheer-card">
        <h3 className="section-title">{tm.wachtwoord.titel}</h3>
        <p className="form-hint">{tm.wachtwoord.geen}</p>
      </div>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setVerschil(nieuw !== herhaal);
    if (nieuw !== herhaal || change.isPending) return;
    change.mutate({ huidig, nieuw }, {
      onSuccess: () => {
        setHuidig('');
        setNieuw('');
        setHerhaal('');
      },
    });
  };
  return (
    <form className="beheer-card" onSubmit={submit} aria-labelledby="wachtwoord-titel" data-testid="wachtwoord-wijzigen">
      <h3 id="wachtwoord-titel" className="section-title">{tm.wachtwoord.titel}</h3>
      <input type="email" name="email" autoComplete="username" value={me.email} readOnly hidden />
      <div className="form-grid">
        <label className="field">
          <span>{tm.wachtwoord.huidig}</span>
          <input type="password" autoComplete="current-password" required value={huidig} onChange={(e) => setHuidig(e.target.value)} />
        </label>
        <label className="field">
          <span>{tm.wachtwoord.nieuw}</span>
          <input type="password" autoComplete="new-password" required value={nieuw} onChange={(e) => setNieuw(e.target.value)} />
        </label>
        <label className="field">
          <span>{tm.wachtwoord.herhaal}</span>
          <input type="password" autoComplete="new-password" required value={herhaal} onChange={(e) => setHerhaal(e.target.value)} />
        </label>
      </div>
      <p className="form-hint">{tAccounts.link.regels(12)}</p>
      {verschil && <p className="form-error" role="alert">{tAccounts.link.verschillend}</p>}
      {change.error && !verschil && <p className="form-error" role="alert">{change.error.message}</p>}
      {change.data && <p className="form-ok" role="status">{tm.wachtwoord.klaar(change.data.andere_sessies_beeindigd)}</p>}
      <div className="form-buttons">
        <button type="submit" className="primary-button small" disabled={change.isPending}>{tm.wachtwoord.knop}</button>
      </div>
    </form>
  );
}

type Mode = 'idle' | 'instellen' | 'opnieuw' | 'herstelcodes' | 'uitzetten';

function SecondFactorSection({ me }: { me: Me }) {
  const client = useQueryClient();
  const codes = useNewRecoveryCodes();
  const remove = useRemoveSecondFactor();
  const [mode, setMode] = useState<Mode>('idle');
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const reset = () => {
    setMode('idle');
    setCode('');
  };
  const confirmWithCode = (e: FormEvent) => {
    e.preventDefault();
    if (mode === 'herstelcodes') codes.mutate(code.trim(), { onSuccess: () => setCode('') });
    if (mode === 'uitzetten') {
      remove.mutate(code.trim(), {
        onSuccess: () => {
          reset();
          setMessage(tm.tweeStap.uitgezet);
          void client.invalidateQueries({ queryKey: ME_KEY });
        },
      });
    }
  };
  const error = mode === 'herstelcodes' ? codes.error : mode === 'uitzetten' ? remove.error : null;

  return (
    <div className="beheer-card" data-testid="tweestaps">
      <h3 className="section-title">{tm.tweeStap.titel}</h3>
      <p>
        {me.tweede_factor ? tm.tweeStap.aan : tm.tweeStap.uit}
        {me.tweede_factor_verplicht ? ` ${tm.tweeStap.verplicht}` : ''}
      </p>
      {message && <p className="form-ok" role="status">{message}</p>}
      {mode === 'idle' && (
        <div className="form-buttons">
          {!me.tweede_factor && <button type="button" className="primary-button small" onClick={() => { setMessage(null); setMode('instellen'); }}>{tm.tweeStap.instellen}</button>}
          {me.tweede_factor && (
            <>
              <button type="button" className="secondary-button" onClick={() => { setMessage(null); setMode('opnieuw'); }}>{tm.tweeStap.opnieuw}</button>
              <button type="button" className="secondary-button" onClick={() => { setMessage(null); codes.reset(); setMode('herstelcodes'); }}>{tm.tweeStap.herstelcodes}</button>
              {!me.tweede_factor_verplicht && (
                <button type="button" className="secondary-button danger-text" onClick={() => { setMessage(null); setMode('uitzetten'); }}>{tm.tweeStap.uitzetten}</button>
              )}
            </>
          )}
        </div>
      )}
      {(mode === 'instellen' || mode === 'opnieuw') && (
        <Enrolment me={me} intro={mode === 'opnieuw' ? tm.tweeStap.codeNodig : tAccounts.inschrijven.vrijwillig}
          needsCurrentCode={mode === 'opnieuw'} onCancel={reset}
          onDone={(ik) => {
            client.setQueryData(ME_KEY, ik);
            reset();
            setMessage(tm.tweeStap.ingesteld);
          }} />
      )}
      {(mode === 'herstelcodes' || mode === 'uitzetten') && !codes.data && (
        <form className="enrolment" onSubmit={confirmWithCode}>
          <p className="form-hint">{tm.tweeStap.codeNodig}</p>
          <label className="field">
            <span>{tAccounts.code.veld}</span>
            <input autoComplete="one-time-code" required minLength={6} maxLength={40} value={code} onChange={(e) => setCode(e.target.value)} autoFocus />
          </label>
          {error && <p className="form-error" role="alert">{error.message}</p>}
          <div className="form-buttons">
            <button type="submit" className={mode === 'uitzetten' ? 'danger-button' : 'primary-button small'}>
              {mode === 'uitzetten' ? tm.tweeStap.uitzetten : tm.tweeStap.herstelcodes}
            </button>
            <button type="button" className="secondary-button" onClick={reset}>{tm.tweeStap.annuleren}</button>
          </div>
        </form>
      )}
      {mode === 'herstelcodes' && codes.data && (
        <RecoveryCodes codes={codes.data.herstelcodes} doneLabel={tAccounts.herstelcodes.verder} onDone={() => { codes.reset(); reset(); }} />
      )}
    </div>
  );
}

function SessionsSection() {
  const sessions = useOwnSessions();
  const end = useEndOwnSession();
  return (
    <div className="beheer-card" data-testid="eigen-sessies">
      <h3 className="section-title">{tm.sessies.titel}</h3>
      <p className="form-hint">{tm.sessies.uitleg}</p>
      <ul className="session-list">
        {sessions.data?.map((s) => (
          <li key={s.id}>
            <div>
              <span className="session-main">
                {tm.sessies.sinds(formatTijdstip(s.created_at))} · {tm.sessies.via[s.methode]}
                {s.huidige && <span className="status-chip status-actief">{tm.sessies.deze}</span>}
              </span>
              <span className="cell-sub">{s.adres ? `${tm.sessies.adres(s.adres)} · ` : ''}{tm.sessies.tot(formatTijdstip(s.verloopt_op))}</span>
            </div>
            {!s.huidige && (
              <button type="button" className="secondary-button" disabled={end.isPending} onClick={() => end.mutate(s.id)}>{tm.sessies.beeindigen}</button>
            )}
          </li>
        ))}
      </ul>
      {end.error && <p className="form-error" role="alert">{end.error.message}</p>}
    </div>
  );
}
