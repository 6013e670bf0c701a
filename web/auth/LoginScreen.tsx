// Sign-in form, shown instead of the map while nobody is signed in.
import { useState, type FormEvent } from 'react';
import { useLogin } from '../api/session.ts';
import { t } from '../i18n/nl.ts';

export function LoginScreen() {
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [wachtwoord, setWachtwoord] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!login.isPending) login.mutate({ email: email.trim(), wachtwoord });
  };

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
        {login.error && <p className="login-error" role="alert">{login.error.message}</p>}
        <button type="submit" className="primary-button" disabled={login.isPending}>
          {login.isPending ? t.inloggen.bezig : t.inloggen.knop}
        </button>
      </form>
    </div>
  );
}
