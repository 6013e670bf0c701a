// One match and its workflow: voorgesteld → besproken in werkgroep (kavels in
// optie) → warme overdracht → gerealiseerd, or afgevallen. Each step asks for a
// reason and records date and person; the history shows every step.
import { useState, type FormEvent } from 'react';
import { fmt, tm } from '../i18n/nl-matching.ts';
import { useMatch, useMatchStap } from './api.ts';
import type { MatchStatus } from '../../server/domain/matching-codes.ts';

const vandaag = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });

export function MatchCard({ id, compact = false }: { id: number; compact?: boolean }) {
  const match = useMatch(id);
  const stap = useMatchStap();
  const [naar, setNaar] = useState<MatchStatus | null>(null);
  const [reden, setReden] = useState('');
  const [datum, setDatum] = useState(vandaag());
  const [persoon, setPersoon] = useState('');
  const m = match.data;
  if (match.error) return <p className="form-error" role="alert">{match.error.message}</p>;
  if (!m) return <p className="monitor-status">Match laden…</p>;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!naar) return;
    try {
      await stap.mutateAsync({ id: m.id, version: m.version, status: naar, reden, datum, persoon: persoon.trim() || undefined });
      setNaar(null);
      setReden('');
    } catch { /* shown below */ }
  };
  const keten = m.criteria.keten;
  return (
    <article className={`match-card match-card--${m.status}`} data-testid="match-card" data-match={m.id} data-status={m.status}>
      <header>
        <strong>Match {m.id}</strong>
        <span className={`status-pill status-pill--${m.status}`}>{tm.matchStatus[m.status]}</span>
        <span className="match-score">score {fmt.score(Number(m.score))}</span>
      </header>
      <p className="match-kavels">
        {m.kavels.map((k) => `${k.naam ?? `Kavel ${k.kavel_id}`} (${fmt.ha(Number(k.oppervlakte_ha))}, ${k.terrein}${k.status === 'in_optie' ? ', in optie' : ''})`).join(' + ')}
      </p>
      {keten && <p className="monitor-note">Verhuisketen {keten.nummer}, stap {keten.stap} van {keten.lengte}{keten.cyclus ? ' (ruil)' : ''}.</p>}
      {m.status === 'gerealiseerd' && (
        <p className="monitor-note" data-testid="match-verhuisd">
          Het bedrijf zit nu op {m.kavels.map((k) => k.naam ?? `kavel ${k.kavel_id}`).join(' + ')}
          {m.oude_kavel_id !== null ? `; het verliet kavel ${m.oude_kavel_id}, die nu vrijkomend is (schuifruimte).` : '.'}
        </p>
      )}
      {!compact && (
        <ol className="match-stappen">
          {m.stappen.map((s, i) => (
            <li key={i}>
              <span className="stap-datum">{fmt.datum(s.datum)}</span> <strong>{tm.matchStatus[s.naar_status]}</strong> · {s.persoon}
              {s.reden && <span className="register-sub">{s.reden}</span>}
            </li>
          ))}
        </ol>
      )}
      {m.volgende_statussen.length > 0 && (
        <div className="match-volgende">
          {m.volgende_statussen.map((s) => (
            <button key={s} type="button" className={s === 'afgevallen' ? 'secondary-button small' : 'primary-button small'}
              aria-pressed={naar === s} onClick={() => setNaar(naar === s ? null : s)}>
              {tm.stapKnop[s]}
            </button>
          ))}
        </div>
      )}
      {naar && (
        <form className="match-stap-form" onSubmit={submit}>
          <label className="wide">{tm.stapReden}
            <textarea value={reden} rows={2} required onChange={(e) => setReden(e.target.value)} />
          </label>
          <label>Datum<input type="date" value={datum} onChange={(e) => setDatum(e.target.value)} /></label>
          <label>Persoon<input value={persoon} placeholder="standaard: uzelf" onChange={(e) => setPersoon(e.target.value)} /></label>
          <div className="form-actions">
            <button type="submit" className="primary-button small" disabled={stap.isPending || !reden.trim()}>Vastleggen: {tm.matchStatus[naar]}</button>
          </div>
          {stap.error && <p className="form-error" role="alert">{stap.error.message}</p>}
        </form>
      )}
    </article>
  );
}
