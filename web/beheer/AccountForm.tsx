// A new account: e-mail, name, role and (for the werkgroep) the gemeente. No password:
// the person sets one through the one-time link the beheerder gets back.
import { useState, type FormEvent } from 'react';
import { ROLLEN } from './rollen.ts';
import { tAccounts } from '../i18n/nl-accounts.ts';
import { t } from '../i18n/nl.ts';
import { useCreateAccount, type Rol } from './api.ts';
import type { Schemas } from '../api/http.ts';

const tf = tAccounts.beheer.form;

export function AccountForm({ gemeenten, onCreated, onCancel }: {
  gemeenten: { id: number; naam: string }[];
  onCreated: (result: Schemas['NieuwAccount']) => void;
  onCancel: () => void;
}) {
  const create = useCreateAccount();
  const [email, setEmail] = useState('');
  const [naam, setNaam] = useState('');
  const [rol, setRol] = useState<Rol>('werkgroep');
  const [gemeente, setGemeente] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (create.isPending) return;
    create.mutate(
      { email: email.trim(), naam: naam.trim(), rol, gemeente: rol === 'werkgroep' ? gemeente : null },
      { onSuccess: onCreated },
    );
  };
  return (
    <form className="beheer-card account-form" onSubmit={submit} aria-labelledby="nieuw-account-titel" data-testid="nieuw-account">
      <h3 id="nieuw-account-titel" className="section-title">{tf.titel}</h3>
      <div className="form-grid">
        <label className="field">
          <span>{tf.email}</span>
          <input type="email" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} name="email" autoComplete="off" />
        </label>
        <label className="field">
          <span>{tf.naam}</span>
          <input required value={naam} onChange={(e) => setNaam(e.target.value)} name="naam" autoComplete="off" />
        </label>
        <label className="field">
          <span>{tf.rol}</span>
          <select value={rol} onChange={(e) => setRol(e.target.value as Rol)} name="rol">
            {ROLLEN.map((r) => <option key={r} value={r}>{t.inloggen.rol[r]}</option>)}
          </select>
        </label>
        {rol === 'werkgroep' && (
          <label className="field">
            <span>{tf.gemeente}</span>
            <select required value={gemeente} onChange={(e) => setGemeente(e.target.value)} name="gemeente">
              <option value="" disabled>{tf.kiesGemeente}</option>
              {gemeenten.map((g) => <option key={g.id} value={g.naam}>{g.naam}</option>)}
            </select>
          </label>
        )}
      </div>
      <p className="form-hint">{tf.rolUitleg[rol]}</p>
      {create.error && <p className="form-error" role="alert">{create.error.message}</p>}
      <div className="form-buttons">
        <button type="submit" className="primary-button" disabled={create.isPending}>{tf.aanmaken}</button>
        <button type="button" className="secondary-button" onClick={onCancel}>{tf.annuleren}</button>
      </div>
    </form>
  );
}
