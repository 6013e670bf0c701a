// 409 versieconflict: someone else saved first. Show who and when (the server's
// message) and let the user load the newest version; nothing is overwritten.
import { useEffect, useRef } from 'react';
import { t } from '../i18n/nl.ts';

export function ConflictDialog({ message, busy, onReload }: { message: string; busy: boolean; onReload: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="conflict-titel" data-testid="conflict-dialog">
        <h2 id="conflict-titel">{t.editor.conflictTitel}</h2>
        <p className="dialog-message">{message}</p>
        <p className="dialog-note">{t.editor.conflictUitleg}</p>
        <div className="dialog-actions">
          <button ref={button} type="button" className="primary-button" onClick={onReload} disabled={busy} data-testid="conflict-laden">
            {t.editor.nieuwsteLaden}
          </button>
        </div>
      </div>
    </div>
  );
}
