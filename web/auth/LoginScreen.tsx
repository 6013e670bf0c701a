// Sign-in form, shown instead of the map while nobody is signed in. After too many
// failures the server names a wait (per account and address); the form counts it down
// and keeps the button off for that account until it has passed.
import { useEffect, useState, type FormEvent } from 'react';
import { useLogin } from '../api/session.ts';
import { ApiError } from '../api/client.ts';
import { t } from '../i18n/nl.ts';

interface Wait {
  email: string;
  until: number;
}

/** A wait in Dutch, rounded up (same rule as the server's message): "25 seconden", "2 minuten", "1 uur". */
export function wachttijd(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return s === 1 ? '1 seconde' : `${s} seconden`;
  const m = Math.ceil(s / 60);
  if (m < 60) return m === 1 ? '1 minuut' : `${m} minuten`;
  const h = Math.ceil(m / 60);
  return h === 1 ? '1 uur' : `${h} uur`;
}

/** Seconds left, in steps of 5 below a minute, so the message does not change every second. */
const shownSeconds = (ms: number) => {
  const s = Math.ceil(ms / 1000);
  return s < 60 ? Math.ceil(s / 5) * 5 : s;
};

export function LoginScreen() {
  const login = useLogin();
  const [email, setEmail] = useState('');
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

  return (
    <div className="login-screen">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title" data-testid="login-form">
        <h2 id="login-title" className="login-title">{t.inloggen.titel}</h2>
        <p className="login-intro">{t.inloggen.intro}</p>
        <label className="field">
          <span>{t.inloggen.email}</span>
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t.inloggen.wachtwoord}</span>
          <input
            type="password"
            name="wachtwoord"
            autoComplete="current-password"
            required
            value={wachtwoord}
            onChange={(e) => setWachtwoord(e.target.value)}
          />
        </label>
        {message && (
          <p className={waitApplies && !waiting ? 'login-info' : 'login-error'} role="alert" data-testid="login-melding">
            {message}
          </p>
        )}
        <button type="submit" className="primary-button" disabled={login.isPending || waiting}>
          {login.isPending ? t.inloggen.bezig : t.inloggen.knop}
        </button>
      </form>
    </div>
  );
}
