// Step "samenvoegen": click a neighbour of the same layer on the map; PostGIS joins
// the two into this record (the other is deleted, or lapses for a transformatie or compensatie).
import { useMergeFeature } from '../../api/edits.ts';
import { useFeature } from '../../api/hooks.ts';
import type { EditableLayer } from '../../api/layers.ts';
import { formatHectare } from '../../i18n/format.ts';
import { t } from '../../i18n/nl.ts';
import type { FeatureRef } from '../../map/interaction.ts';
import { ConflictDialog } from '../ConflictDialog.tsx';
import type { Editor } from '../useEditor.ts';
import { Messages } from './parts.tsx';
import { useWriteFailure } from './problem.ts';

export function MergeStep({ editor, layer, id, metId, onSaved }: {
  editor: Editor; layer: EditableLayer; id: number; metId: number | null; onSaved: (r: FeatureRef | null) => void;
}) {
  const { data: feature } = useFeature(layer, id);
  const other = useFeature(layer, metId).data;
  const merge = useMergeFeature(layer);
  const { state, dispatch, tools } = editor;
  const { conflict, setConflict, fail } = useWriteFailure(dispatch);
  const kind = t.lagen.enkelvoud[layer].toLowerCase();
  const go = () => {
    if (!feature || !other) return;
    dispatch({ type: 'problem', problem: null });
    merge.mutate({ id, version: feature.properties.version, met_id: other.id, met_version: other.properties.version }, {
      onSuccess: () => {
        tools.end();
        onSaved({ layer, id });
      },
      onError: fail,
    });
  };
  return (
    <div className="edit-form">
      <p className="feature-note" data-testid="editor-hint">{t.editor.samenvoegenHint(kind)}</p>
      {other && (
        <p className="feature-note" data-testid="samenvoegen-met">
          {t.editor.samenvoegenMet(other.properties.naam ?? t.paneel.zonderNaam(t.lagen.enkelvoud[layer], other.id))}
          {' · '}{formatHectare(other.properties.oppervlakte_ha)}
        </p>
      )}
      <Messages refusal={state.refusal} problem={state.problem} />
      <div className="form-actions">
        <button type="button" className="primary-button" onClick={go} disabled={!other || merge.isPending} data-testid="samenvoegen-bevestig">
          {t.editor.samenvoegenBevestig}
        </button>
        <button type="button" className="secondary-button" onClick={tools.end}>{t.editor.annuleren}</button>
      </div>
      {conflict && <ConflictDialog message={conflict} busy={false} onReload={() => { setConflict(null); tools.end(); onSaved({ layer, id }); }} />}
    </div>
  );
}
