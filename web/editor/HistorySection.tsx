// "Geschiedenis": every stored version of a record, newest first, with the
// option to put an older version back (as a new, logged change).
import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import { useHistory, useRestoreVersion } from '../api/edits.ts';
import type { EditableLayer } from '../api/layers.ts';
import { t } from '../i18n/nl.ts';
import { formatDate, formatMoment } from '../i18n/format.ts';


export function HistorySection({ layer, id, version, canRestore }: {
  layer: EditableLayer; id: number; version: number | undefined; canRestore: boolean;
}) {
  const history = useHistory(layer, id);
  const restore = useRestoreVersion(layer);
  const [message, setMessage] = useState<string | null>(null);
  const entries = [...(history.data ?? [])].reverse();

  const onRestore = (naar: number) => {
    if (version == null) return;
    setMessage(null);
    restore.mutate({ id, version, naar_versie: naar }, {
      onSuccess: () => setMessage(t.geschiedenis.teruggezet),
      onError: (err) => setMessage(err instanceof ApiError ? err.message : String(err)),
    });
  };

  return (
    <section className="feature-section" data-testid="geschiedenis">
      <h3 className="feature-section-title">{t.geschiedenis.titel}</h3>
      {history.isPending && <p className="feature-loading">{t.geschiedenis.laden}</p>}
      {history.error && <p className="feature-error" role="alert">{history.error.message}</p>}
      {history.data && entries.length === 0 && <p className="feature-note">{t.geschiedenis.leeg}</p>}
      <ol className="history-list">
        {entries.map((e, i) => (
          <li key={`${e.versie}-${e.tijdstip}-${i}`} className="history-item" data-versie={e.versie ?? ''}>
            <div className="history-head">
              <strong>{t.geschiedenis.versie(e.versie)}</strong>
              <span className="history-action">{t.geschiedenis.actie[e.actie.toLowerCase()] ?? e.actie}</span>
              {e.versie === version && <span className="history-current">{t.geschiedenis.huidig}</span>}
            </div>
            <div className="history-meta">
              {formatMoment(e.tijdstip)} · {t.geschiedenis.door} {e.door}
            </div>
            {typeof e.eigenschappen?.geldig_vanaf === 'string' && (
              <div className="history-meta" data-testid="geldig-vanaf">Geldig vanaf {formatDate(e.eigenschappen.geldig_vanaf)}</div>
            )}
            {e.reden && <div className="history-reason">{e.reden}</div>}
            {canRestore && e.versie != null && e.versie !== version && (
              <button type="button" className="link-button" onClick={() => onRestore(e.versie!)} disabled={restore.isPending}>
                {t.geschiedenis.terugzetten}
              </button>
            )}
          </li>
        ))}
      </ol>
      {message && <p className="feature-note" role="status">{message}</p>}
    </section>
  );
}
