// Step "gat": draw the hole; PostGIS cuts it out (it must lie wholly inside, and
// enough must remain). The side panel then names the hole's and the rest's hectares.
import { useHoleFeature } from '../../api/edits.ts';
import { useFeature } from '../../api/hooks.ts';
import type { EditableLayer } from '../../api/layers.ts';
import { formatHectare } from '../../i18n/format.ts';
import { t } from '../../i18n/nl.ts';
import { te } from '../../i18n/nl-editor.ts';
import type { FeatureRef } from '../../map/interaction.ts';
import { ConflictDialog } from '../ConflictDialog.tsx';
import type { Editor } from '../useEditor.ts';
import { LiveArea, Messages, StoredArea } from './parts.tsx';
import { useWriteFailure } from './problem.ts';

export function HoleStep({ editor, layer, id, onSaved }: { editor: Editor; layer: EditableLayer; id: number; onSaved: (r: FeatureRef | null) => void }) {
  const { data: feature } = useFeature(layer, id);
  const hole = useHoleFeature(layer);
  const { state, dispatch, draw, tools } = editor;
  const { conflict, setConflict, fail } = useWriteFailure(dispatch);
  const closed = draw.tool === 'select' && draw.polygon?.type === 'Polygon' ? draw.polygon : null;
  const go = () => {
    if (!feature || !closed) return;
    dispatch({ type: 'problem', problem: null });
    hole.mutate({ id, version: feature.properties.version, geometry: closed }, {
      onSuccess: (saved) => {
        tools.end();
        dispatch({ type: 'uitkomst', uitkomst: { layer, id, waarschuwingen: [], gat: { gat_ha: saved.gat_ha, oppervlakte_ha: saved.properties.oppervlakte_ha } } });
        onSaved({ layer, id });
      },
      onError: fail,
    });
  };
  return (
    <div className="edit-form">
      <p className="feature-note" data-testid="editor-hint">{te.gat.hint}</p>
      {feature && <StoredArea ha={feature.properties.oppervlakte_ha} />}
      <LiveArea draw={draw} liveHa={editor.liveHa} label={te.gat.gat} />
      {feature && editor.liveHa != null && (
        <p className="feature-note" data-testid="gat-rest">{te.gat.restVoorlopig(formatHectare(Math.max(0, feature.properties.oppervlakte_ha - editor.liveHa)))}</p>
      )}
      <Messages refusal={state.refusal} problem={state.problem} />
      <div className="form-actions">
        <button type="button" className="primary-button" onClick={go} disabled={!closed || hole.isPending || !!state.refusal} data-testid="gat-bevestig">
          {hole.isPending ? te.gat.bezig : te.gat.knop}
        </button>
        {state.problem && <button type="button" className="secondary-button" onClick={tools.redraw}>{te.gat.opnieuw}</button>}
        <button type="button" className="secondary-button" onClick={tools.end}>{t.editor.annuleren}</button>
      </div>
      {conflict && <ConflictDialog message={conflict} busy={false} onReload={() => { setConflict(null); tools.end(); onSaved({ layer, id }); }} />}
    </div>
  );
}
