// A transformatie's terreinen: derived by PostGIS from the drawing, shown, never typed.
import { formatHectare } from '../i18n/format.ts';
import { te } from '../i18n/nl-editor.ts';
import type { VlakDeel } from '../api/layers.ts';

export function TerreinenOnderVlak({ terreinen }: { terreinen: VlakDeel[] | undefined }) {
  if (!terreinen) return null;
  return (
    <div className="form-row" data-testid="terreinen-onder-vlak">
      <span>{te.onderVlak.terreinen(terreinen.length)}</span>
      {terreinen.length === 0 ? <span className="feature-note">{te.onderVlak.geenTerrein}</span> : (
        <ul className="onder-vlak">
          {terreinen.map((r) => <li key={r.id}>{r.naam ?? `#${r.id}`} · {formatHectare(r.ha)}</li>)}
        </ul>
      )}
      <span className="feature-note">{te.onderVlak.terreinenNoot}</span>
    </div>
  );
}
