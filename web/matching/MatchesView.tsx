// All matches, by status: the regisseur's pipeline. The map shows the open ones
// as arrows from the company's current kavel to the matched kavel(s).
import { useEffect, useMemo, useState } from 'react';
import { fmt, tm } from '../i18n/nl-matching.ts';
import { useMatches, useRegister } from './api.ts';
import type { ShowOnMap } from './MatchingPanel.tsx';
import type { OverlaySpec } from './overlay.ts';
import { MATCH_STATUS, type MatchStatus } from '../../server/domain/matching-codes.ts';

const OPEN: MatchStatus[] = ['voorgesteld', 'besproken_werkgroep', 'warme_overdracht'];

export function MatchesView({ onOpen, show }: { onOpen: (vraagId: number) => void; show: ShowOnMap }) {
  const matches = useMatches();
  const register = useRegister({});
  const [status, setStatus] = useState<MatchStatus | ''>('');
  const rows = (matches.data ?? []).filter((m) => !status || m.status === status);
  const huidig = useMemo(() => new Map((register.data ?? []).map((v) => [v.id, v.huidige_kavel_id ?? null])), [register.data]);

  const spec = useMemo((): OverlaySpec | null => {
    if (!matches.data) return null;
    const s: OverlaySpec = { kavels: [], pijlen: [], labels: [] };
    for (const m of matches.data.filter((x) => (!status || x.status === status) && OPEN.includes(x.status))) {
      for (const k of m.kavel_ids) s.kavels.push({ kavel_id: k, rol: 'gekozen' });
      s.labels.push({ kavel_ids: m.kavel_ids, soort: 'gekozen', tekst: `M${m.id}`, titel: `Match ${m.id}: ${m.bedrijf_naam} (${tm.matchStatus[m.status]})` });
      const van = huidig.get(m.ruimtevraag_id);
      if (van) s.pijlen.push({ van, naar: m.kavel_ids, soort: 'voorstel' });
    }
    return s;
  }, [matches.data, status, huidig]);
  useEffect(() => { show(spec, true); }, [spec, show]);

  const telling = Object.fromEntries(MATCH_STATUS.map((s) => [s, (matches.data ?? []).filter((m) => m.status === s).length]));
  return (
    <div data-testid="matches">
      <div className="status-row">
        <button type="button" className={status === '' ? 'chip active' : 'chip'} onClick={() => setStatus('')}>Alle: <strong>{matches.data?.length ?? 0}</strong></button>
        {MATCH_STATUS.map((s) => (
          <button key={s} type="button" className={status === s ? 'chip active' : 'chip'} onClick={() => setStatus(s)}>
            {tm.matchStatus[s]}: <strong>{telling[s]}</strong>
          </button>
        ))}
      </div>
      {matches.isPending && <p className="monitor-status">Laden…</p>}
      {matches.error && <p className="form-error" role="alert">{matches.error.message}</p>}
      {matches.data && rows.length === 0 && <p className="monitor-note">Nog geen matches. Stel er een voor vanuit een ruimtevraag of vanuit het regionale optimum.</p>}
      {rows.length > 0 && (
        <table className="monitor-table">
          <thead><tr><th>Match</th><th>Bedrijf</th><th>Kavels</th><th className="num">Score</th><th>Status</th></tr></thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.id} onClick={() => onOpen(m.ruimtevraag_id)} data-match={m.id}>
                <td>M{m.id}</td>
                <td>{m.bedrijf_naam}</td>
                <td>{m.kavel_ids.join(' + ')}</td>
                <td className="num">{fmt.score(Number(m.score))}</td>
                <td><span className={`status-pill status-pill--${m.status}`}>{tm.matchStatus[m.status]}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
