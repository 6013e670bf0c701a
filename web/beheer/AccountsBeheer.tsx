// The beheer screen for accounts (beheerder only): who works with the app, in which role
// and gemeente, whether active, when last signed in and with how many open sessions;
// new accounts get a one-time link. Shown over the map, which stays loaded beneath.
import { useMemo, useState } from 'react';
import type { Me } from '../api/session.ts';
import { useAanmeldOpties } from '../api/session.ts';
import { tAccounts, formatTijdstip } from '../i18n/nl-accounts.ts';
import { t } from '../i18n/nl.ts';
import { AccountForm } from './AccountForm.tsx';
import { AccountDetail } from './AccountDetail.tsx';
import { LinkResult } from './LinkResult.tsx';
import { useAccounts, type Account } from './api.ts';
import type { Schemas } from '../api/http.ts';
import './beheer.css';
import { PageOverlay } from '../app/PageOverlay.tsx';

const tb = tAccounts.beheer;
type Filter = 'alle' | 'wacht' | 'actief' | 'inactief';

function status(a: Account): { text: string; kind: 'wacht' | 'actief' | 'inactief' | 'let-op' } {
  if (a.wacht_op_goedkeuring) return { text: tb.status.wacht, kind: 'wacht' };
  if (!a.actief) return { text: tb.status.inactief, kind: 'inactief' };
  if (!a.wachtwoord_ingesteld && !a.oidc) return { text: tb.status.geenWachtwoord, kind: 'let-op' };
  return { text: tb.status.actief, kind: 'actief' };
}

function tweeStap(a: Account): string {
  if (a.tweede_factor) return tb.tweeStap.aan;
  return a.rol === 'beheerder' || a.rol === 'regisseur' ? tb.tweeStap.ontbreekt : tb.tweeStap.uit;
}

export function AccountsBeheer({ me, onClose }: { me: Me; onClose: () => void }) {
  const accounts = useAccounts();
  const opties = useAanmeldOpties();
  const [zoek, setZoek] = useState('');
  const [filter, setFilter] = useState<Filter>('alle');
  const [selected, setSelected] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Schemas['NieuwAccount'] | null>(null);

  const data = accounts.data;
  const list = data?.accounts ?? [];
  const gemeenten = data?.gemeenten ?? [];
  const shown = useMemo(() => {
    const q = zoek.trim().toLowerCase();
    return (data?.accounts ?? []).filter((a) => (!q || a.naam.toLowerCase().includes(q) || a.email.includes(q))
      && (filter === 'alle' || (filter === 'wacht' ? a.wacht_op_goedkeuring : filter === 'actief' ? a.actief : !a.actief && !a.wacht_op_goedkeuring)));
  }, [data, zoek, filter]);
  const current = list.find((a) => a.id === selected) ?? null;
  const waiting = list.filter((a) => a.wacht_op_goedkeuring).length;

  return (
    <PageOverlay id="beheer-titel" titel={tb.titel} intro={tb.intro} sluiten={tb.sluiten} onClose={onClose} testId="beheer">

      <div className="beheer-toolbar">
        <input type="search" className="search-input" placeholder={tb.zoeken} aria-label={tb.zoeken} value={zoek} onChange={(e) => setZoek(e.target.value)} />
        <select value={filter} onChange={(e) => setFilter(e.target.value as Filter)} aria-label="Filter">
          {(['alle', 'wacht', 'actief', 'inactief'] as const).map((f) => (
            <option key={f} value={f}>{tb.filter[f]}{f === 'wacht' && waiting ? ` (${waiting})` : ''}</option>
          ))}
        </select>
        <button type="button" className="primary-button small" onClick={() => { setCreating(true); setCreated(null); }} data-testid="nieuw-account-knop">
          {tb.nieuw}
        </button>
      </div>

      {creating && (
        <AccountForm gemeenten={gemeenten} onCancel={() => setCreating(false)}
          onCreated={(result) => { setCreated(result); setCreating(false); setSelected(result.account.id); }} />
      )}
      {created?.link && <LinkResult link={created.link} email={created.account.email} title={tb.link.aangemaakt(created.account.naam)} />}

      {accounts.error && <p className="form-error" role="alert">{accounts.error.message}</p>}
      <div className={current ? 'beheer-layout has-detail' : 'beheer-layout'}>
        <div className="beheer-card table-card">
          <table className="beheer-table" data-testid="accounts-tabel">
            <thead>
              <tr>
                <th scope="col">{tb.kolom.naam}</th>
                <th scope="col">{tb.kolom.rol}</th>
                <th scope="col" className="col-optional">{tb.kolom.gemeente}</th>
                <th scope="col">{tb.kolom.status}</th>
                <th scope="col" className="col-optional col-extra">{tb.kolom.tweeStap}</th>
                <th scope="col" className="col-optional">{tb.kolom.laatst}</th>
                <th scope="col" className="col-optional col-extra num">{tb.kolom.sessies}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((a) => {
                const s = status(a);
                return (
                  <tr key={a.id} className={a.id === selected ? 'selected' : undefined} onClick={() => setSelected(a.id)} data-testid={`account-${a.email}`}>
                    <td>
                      <button type="button" className="row-button" onClick={(e) => { e.stopPropagation(); setSelected(a.id); }}>
                        <span className="cell-name">{a.naam}</span>
                        <span className="cell-email">{a.email}</span>
                      </button>
                    </td>
                    <td>{a.rol ? t.inloggen.rol[a.rol] : tb.geenRol}</td>
                    <td className="col-optional">{a.gemeente ?? (a.rol && a.rol !== 'werkgroep' ? tb.regionaal : '—')}</td>
                    <td>
                      <span className={`status-chip status-${s.kind}`}>{s.text}</span>
                      {a.link_geldig_tot && <span className="cell-sub">{tb.status.linkTot(formatTijdstip(a.link_geldig_tot))}</span>}
                    </td>
                    <td className="col-optional col-extra">{tweeStap(a)}</td>
                    <td className="col-optional">{formatTijdstip(a.laatst_ingelogd_op)}</td>
                    <td className="col-optional col-extra num">{a.open_sessies}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {accounts.isSuccess && shown.length === 0 && <p className="form-hint table-empty">{tb.leeg}</p>}
        </div>
        {current ? (
          <AccountDetail key={current.id} account={current} gemeenten={gemeenten} isSelf={current.id === me.id}
            wachtwoordInloggen={opties.data?.wachtwoord ?? true} onClose={() => setSelected(null)} />
        ) : null}
      </div>
    </PageOverlay>
  );
}
