// The sign-in screen, shown instead of the map until the session is complete: the
// password form (with the identity providers of this installation beside it), then the
// second factor: the code, or enrolling an app when the role requires one. After too
// many failures the server names a wait (per account and address); the form counts it
// down and keeps the button off for that account until it has passed.
import { useEffect, useState, type FormEvent } from 'react';
import { useAanmeldOpties, useLogin, type Me } from '../api/session.ts';
import { ApiError } from '../api/client.ts';
import { t } from '../i18n/nl.ts';
import { wachttijd } from '../i18n/format.ts';
import { tAccounts } from '../i18n/nl-accounts.ts';
import { CodeStep, EnrolmentStep } from './TweedeFactor.tsx';
import './auth.css';

interface Wait {
  email: string;
  until: number;
}


/** Seconds left, in steps of 5 below a minute, so the message does not change every second. */
const shownSeconds = (ms: number) => {
  const s = Math.ceil(ms / 1000);
  return s < 60 ? Math.ceil(s / 5) * 5 : s;
};

/** What a return from the identity provider says (?aanmelding=…). */
function readOutcome(): { text: string; ok: boolean } | null {
  const params = new URLSearchParams(window.location.search);
  const outcome = params.get('aanmelding');
  if (!outcome) return null;
  const u = tAccounts.aanmelden.uitkomst;
  if (outcome === 'wacht') return { text: u.wacht, ok: true };
  if (outcome === 'gedeactiveerd') return { text: u.gedeactiveerd, ok: false };
  return { text: u.fout[params.get('reden') ?? ''] ?? u.fout.mislukt, ok: false };
}

export function LoginScreen({ me, email: initialEmail = '', notice }: { me?: Me | null; email?: string; notice?: string }) {
  if (me?.stap === 'tweede_factor') return <div className="login-screen"><CodeStep /></div>;
  if (me?.stap === 'inschrijven') return <div className="login-screen"><EnrolmentStep me={me} /></div>;
  return <div className="login-screen"><PasswordForm initialEmail={initialEmail} notice={notice} /></div>;
}

function PasswordForm({ initialEmail, notice }: { initialEmail: string; notice?: string }) {
  const login = useLogin();
  const opties = useAanmeldOpties();
  const [outcome] = useState(readOutcome);
  // Shown once: a reload does not repeat it.
  useEffect(() => {
    if (outcome) window.history.replaceState(null, '', window.location.pathname);
  }, [outcome]);
  const [email, setEmail] = useState(initialEmail);
  const [wachtwoord, setWachtwoord] = useState('');
  const [wait, setWait] = useState<Wait | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (!wait) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [wait]);

  const waitApplies = wait !== null && wait.email === email.trim().toLowerCase();
  const remaining = waitApplies ? wait.until - now : 0;
  const waiting = remaining > 0;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (login.isPending || waiting) return;
    setWait(null);
    const tried = email.trim();
    login.mutate({ email: tried, wachtwoord }, {
      // Too many failures: the server names the wait for this account.
      onError: (err) => {
        const seconds = err instanceof ApiError && err.status === 429 ? Number(err.details?.wacht_seconden) : NaN;
        if (Number.isFinite(seconds) && seconds > 0) {
          setWait({ email: tried.toLowerCase(), until: Date.now() + seconds * 1000 });
          setNow(Date.now());
        }
      },
    });
  };

  let message: string | null = null;
  if (waitApplies) message = waiting ? t.inloggen.teVaak(wachttijd(shownSeconds(remaining))) : t.inloggen.weerProberen;
  else if (login.error && !(login.error instanceof ApiError && login.error.status === 429)) message = login.error.message;

  const aanbieders = opties.data?.aanbieders ?? [];
  const wachtwoordAan = opties.data?.wachtwoord ?? true;
  const info = notice ?? (outcome?.ok ? outcome.text : null);
  const warning = outcome && !outcome.ok ? outcome.text : null;

  return (
    <form className="login-card" onSubmit={submit} aria-labelledby="login-title" data-testid="login-form">
      <h2 id="login-title" className="login-title">{t.inloggen.titel}</h2>
      <p className="login-intro">{wachtwoordAan ? tAccounts.aanmelden.intro : tAccounts.aanmelden.wachtwoordUit}</p>
      {info && <p className="login-info" role="status" data-testid="login-uitkomst">{info}</p>}
      {warning && <p className="login-error" role="alert" data-testid="login-uitkomst">{warning}</p>}
      {aanbieders.length > 0 && (
        <div className="login-providers">
          {aanbieders.map((a) => (
            <a key={a.id} className="provider-button" href={a.start_url} data-testid={`oidc-${a.id}`}>
              {tAccounts.aanmelden.metAanbieder(a.naam)}
            </a>
          ))}
          {wachtwoordAan && <p className="login-or"><span>{tAccounts.aanmelden.ofMet}</span></p>}
        </div>
      )}
      {wachtwoordAan && (
        <>
          <label className="field">
            <span>{t.inloggen.email}</span>
            <input type="email" name="email" autoComplete="username" required autoFocus={!initialEmail}
              value={email} onChange={(e) => setEmail(e.target.value)} />
          </label>
          <label className="field">
            <span>{t.inloggen.wachtwoord}</span>
            <input type="password" name="wachtwoord" autoComplete="current-password" required autoFocus={!!initialEmail}
              value={wachtwoord} onChange={(e) => setWachtwoord(e.target.value)} />
          </label>
          {message && (
            <p className={waitApplies && !waiting ? 'login-info' : 'login-error'} role="alert" data-testid="login-melding">
              {message}
            </p>
          )}
          <button type="submit" className="primary-button" disabled={login.isPending || waiting}>
            {login.isPending ? t.inloggen.bezig : t.inloggen.knop}
          </button>
        </>
      )}
    </form>
  );
}
