// The second factor in the browser: the code step after the password, enrolling a TOTP
// app (QR code, one confirmation code) and showing the recovery codes once. Used at
// sign-in and on the own-account screen.
import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useConfirmEnrolment, useLogout, useSecondFactor, useStartEnrolment, signedIn, type Me } from '../api/session.ts';
import { tAccounts } from '../i18n/nl-accounts.ts';
import { t } from '../i18n/nl.ts';

const tc = tAccounts.code;
const ti = tAccounts.inschrijven;
const th = tAccounts.herstelcodes;

/** The code field: six digits from the app, or a recovery code (letters and dashes). */
function CodeField({ value, onChange, label = tc.veld, autoFocus = true }: {
  value: string; onChange: (v: string) => void; label?: string; autoFocus?: boolean;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        name="code"
        autoComplete="one-time-code"
        spellCheck={false}
        autoFocus={autoFocus}
        required
        minLength={6}
        maxLength={40}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid="code-veld"
      />
    </label>
  );
}

/** After the password: the code from the app (or a recovery code). */
export function CodeStep() {
  const second = useSecondFactor();
  const logout = useLogout();
  const [code, setCode] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!second.isPending) second.mutate(code.trim());
  };
  return (
    <form className="login-card" onSubmit={submit} aria-labelledby="code-title" data-testid="code-form">
      <h2 id="code-title" className="login-title">{tc.titel}</h2>
      <p className="login-intro">{tc.intro}</p>
      <CodeField value={code} onChange={setCode} />
      <p className="login-hint">{tc.herstelHint}</p>
      {second.error && <p className="login-error" role="alert" data-testid="login-melding">{second.error.message}</p>}
      <button type="submit" className="primary-button" disabled={second.isPending}>{second.isPending ? tc.bezig : tc.knop}</button>
      <button type="button" className="link-button login-other" onClick={() => logout.mutate()}>{tc.anderAccount}</button>
    </form>
  );
}

/** The recovery codes, shown once, with a copy button; `onDone` once the person says they are saved. */
export function RecoveryCodes({ codes, onDone, doneLabel = th.verder }: { codes: string[]; onDone: () => void; doneLabel?: string }) {
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="recovery-codes" data-testid="herstelcodes">
      <h3 className="section-title">{th.titel}</h3>
      <p className="login-intro">{th.uitleg}</p>
      <ol className="recovery-list">
        {codes.map((c) => <li key={c}><code>{c}</code></li>)}
      </ol>
      <button type="button" className="secondary-button" onClick={copy}>{copied ? th.gekopieerd : th.kopieer}</button>
      <label className="check-field">
        <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />
        <span>{th.bewaard}</span>
      </label>
      <button type="button" className="primary-button" disabled={!saved} onClick={onDone}>{doneLabel}</button>
    </div>
  );
}

/**
 * Enrolling a TOTP app: start (with a current code when one is being replaced), scan the
 * QR code, confirm with the first code, then the recovery codes. `onDone` gets the account
 * as it is after the enrolment (its session now has the second factor, with a new token).
 */
export function Enrolment({ me, intro, needsCurrentCode = false, onDone, onCancel }: {
  me: Me;
  intro: string;
  needsCurrentCode?: boolean;
  onDone: (ik: Me) => void;
  onCancel?: () => void;
}) {
  const start = useStartEnrolment();
  const confirm = useConfirmEnrolment();
  const [current, setCurrent] = useState('');
  const [code, setCode] = useState('');

  if (confirm.data) {
    const { ik, herstelcodes } = confirm.data;
    return <RecoveryCodes codes={herstelcodes} onDone={() => onDone(ik)} />;
  }

  if (!start.data) {
    const begin = (e: FormEvent) => {
      e.preventDefault();
      if (!start.isPending) start.mutate(needsCurrentCode ? current.trim() : undefined);
    };
    return (
      <form className="enrolment" onSubmit={begin} data-testid="inschrijven-start">
        <p className="login-intro">{intro}</p>
        {needsCurrentCode && <CodeField value={current} onChange={setCurrent} label={ti.huidigeCode} />}
        {start.error && <p className="login-error" role="alert">{start.error.message}</p>}
        <div className="form-buttons">
          <button type="submit" className="primary-button" disabled={start.isPending}>{ti.begin}</button>
          {onCancel && <button type="button" className="secondary-button" onClick={onCancel}>{tAccounts.mijn.tweeStap.annuleren}</button>}
        </div>
      </form>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!confirm.isPending) confirm.mutate(code.trim());
  };
  return (
    <form className="enrolment" onSubmit={submit} data-testid="inschrijven">
      <ol className="enrolment-steps">
        <li>
          <p>{ti.stap1}</p>
          <img className="qr-code" src={`data:image/svg+xml;utf8,${encodeURIComponent(start.data.qr_svg)}`} alt={ti.qrAlt} width={200} height={200} />
          <p className="enrolment-manual">{ti.handmatig}</p>
          <code className="totp-secret" data-testid="totp-geheim" aria-label={`${ti.handmatig} ${start.data.geheim}`}>
            {start.data.geheim.match(/.{1,4}/g)!.join(' ')}
          </code>
          <p className="enrolment-account">{me.email}</p>
        </li>
        <li>
          <p>{ti.stap2}</p>
          <CodeField value={code} onChange={setCode} autoFocus={false} />
        </li>
      </ol>
      {confirm.error && <p className="login-error" role="alert" data-testid="login-melding">{confirm.error.message}</p>}
      <div className="form-buttons">
        <button type="submit" className="primary-button" disabled={confirm.isPending}>{ti.bevestig}</button>
        {onCancel && <button type="button" className="secondary-button" onClick={onCancel}>{tAccounts.mijn.tweeStap.annuleren}</button>}
      </div>
    </form>
  );
}

/** The enrolment at sign-in, for a role that requires a second factor. */
export function EnrolmentStep({ me }: { me: Me }) {
  const client = useQueryClient();
  const logout = useLogout();
  const rol = (t.inloggen.rol[me.rol] ?? me.rol).toLowerCase();
  return (
    <div className="login-card login-card--wide" data-testid="inschrijf-stap">
      <h2 className="login-title">{ti.titel}</h2>
      <Enrolment me={me} intro={me.tweede_factor_verplicht ? ti.verplicht(rol) : ti.vrijwillig} onDone={(ik) => signedIn(client, ik)} />
      <button type="button" className="link-button login-other" onClick={() => logout.mutate()}>{tc.anderAccount}</button>
    </div>
  );
}
