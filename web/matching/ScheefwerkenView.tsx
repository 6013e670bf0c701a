// Scheefwerken: companies whose activity is far lighter than what their kavel
// allows. Freeing such a kavel gives the region scarce heavy-category room.
import { aantal } from '../i18n/format.ts';
import { useEffect, useMemo } from 'react';
import { fmt, tm } from '../i18n/nl-matching.ts';
import { useScheefwerken } from './api.ts';
import type { ShowOnMap } from './MatchingPanel.tsx';
import type { OverlaySpec } from './overlay.ts';

export function ScheefwerkenView({ show, onOpen }: { show: ShowOnMap; onOpen: (vraagId: number) => void }) {
  const q = useScheefwerken(true);
  const spec = useMemo((): OverlaySpec | null => q.data ? {
    kavels: q.data.signalen.map((s) => ({ kavel_id: s.kavel_id, rol: 'gekozen' as const })),
    pijlen: [],
    labels: q.data.signalen.map((s) => ({ kavel_ids: [s.kavel_id], soort: 'gekozen' as const, tekst: `${s.milieucategorie_activiteit} op ${s.milieucategorie_kavel_max}`, titel: s.bedrijf_naam })),
  } : null, [q.data]);
  useEffect(() => { show(spec, true); }, [spec, show]);
  const d = q.data;
  return (
    <div data-testid="scheefwerken">
      <p className="monitor-note">{tm.scheefwerkenUitleg}</p>
      {q.isPending && <p className="monitor-status">Laden…</p>}
      {q.error && <p className="form-error" role="alert">{q.error.message}</p>}
      {d && (
        <>
          <p><strong>{aantal(d.aantal, 'bedrijf', 'bedrijven')}</strong> op {fmt.ha(d.hectare)} · drempel: {aantal(d.drempels.drempel_stappen, 'stap', 'stappen')} onder het maximum van de kavel.</p>
          <ul className="signaleringen">
            {d.signalen.map((s) => (
              <li key={s.bedrijf_id} className="signalering waarschuwing">
                <button type="button" onClick={() => s.open_ruimtevraag_id && onOpen(s.open_ruimtevraag_id)} disabled={!s.open_ruimtevraag_id}>
                  <strong>{s.bedrijf_naam}</strong> — {s.kavel_naam ?? `Kavel ${s.kavel_id}`}, {s.terrein} ({s.gemeente}), {fmt.ha(s.oppervlakte_ha)}
                  <span className="register-sub">{s.redenen.join(' ')}{s.open_ruimtevraag_id ? ' Heeft een open ruimtevraag: klik om te matchen.' : ''}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
