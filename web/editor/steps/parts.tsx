// Pieces every step of the edit panel shows: the live area of the drawing, the
// messages of the drawing, the server and the draft check, and a record's stored area.
import type { DraftCheck } from '../../api/edits.ts';
import { formatHectare } from '../../i18n/format.ts';
import { t } from '../../i18n/nl.ts';
import type { ServerProblem } from '../session.ts';
import { vertexCount } from '../validation.ts';
import type { DrawState } from '../drawing.ts';

/** Live RD New hectares, marked voorlopig. */
export function LiveArea({ draw, liveHa, label = t.veld.oppervlakte }: { draw: DrawState; liveHa: number | null; label?: string }) {
  const polygon = draw.polygon;
  // While clicking, terra-draw's ring also holds the point following the mouse: not a vertex yet.
  const n = polygon ? Math.max(0, vertexCount(polygon) - (draw.drawing ? 1 : 0)) : 0;
  return (
    <div className="feature-area">
      <div className="feature-area-label">
        {label} <span className="pill-voorlopig">{t.editor.voorlopig}</span>
      </div>
      <div className="feature-area-value" data-testid="editor-oppervlakte" data-ha={liveHa ?? ''}>
        {liveHa != null ? formatHectare(liveHa) : t.waarde.geen}
      </div>
      <p className="feature-area-note">
        <span data-testid="editor-hoekpunten" data-count={n}>{t.editor.hoekpunten(n)}</span> · {t.editor.voorlopigNoot}
      </p>
    </div>
  );
}

export function Messages({ refusal, problem, check }: { refusal: string | null; problem: ServerProblem | null; check?: DraftCheck | null }) {
  return (
    <>
      {refusal && <p className="feature-error" role="alert" data-testid="editor-panel-melding">{refusal}</p>}
      {problem && (
        <div className="feature-error" role="alert" data-testid="editor-fout">
          <strong>{t.editor.serverFout}: </strong>{problem.message}
        </div>
      )}
      {check && (check.fouten.length > 0 || check.waarschuwingen.length > 0) && (
        <div className="draft-check" data-testid="editor-controle">
          <div className="feature-section-title">{t.editor.controle}</div>
          <ul>
            {check.fouten.map((f, i) => <li key={`f${i}`} className="draft-check-fout" data-code={f.code}>{f.message}</li>)}
            {check.waarschuwingen.map((w, i) => <li key={`w${i}`} className="draft-check-waarschuwing" data-code={w.code}>{w.message}</li>)}
          </ul>
        </div>
      )}
    </>
  );
}

/** The stored (PostGIS) area of the record an operation works on. */
export function StoredArea({ ha }: { ha: number }) {
  return (
    <div className="feature-area">
      <div className="feature-area-label">{t.veld.oppervlakte}</div>
      <div className="feature-area-value">{formatHectare(ha)}</div>
    </div>
  );
}
