// Step "splitsen": draw a line across the record; PostGIS splits it. Then straight
// into part 1's form with its name selected: the parts are told apart by their names.
import { useEffect, useRef } from 'react';
import { useSplitFeature } from '../../api/edits.ts';
import { useFeature } from '../../api/hooks.ts';
import type { EditableLayer } from '../../api/layers.ts';
import { t } from '../../i18n/nl.ts';
import type { FeatureRef } from '../../map/interaction.ts';
import { ConflictDialog } from '../ConflictDialog.tsx';
import type { Editor } from '../useEditor.ts';
import { Messages, StoredArea } from './parts.tsx';
import { useWriteFailure } from './problem.ts';

export function SplitStep({ editor, layer, id, onSaved }: { editor: Editor; layer: EditableLayer; id: number; onSaved: (r: FeatureRef | null) => void }) {
  const { data: feature } = useFeature(layer, id);
  const split = useSplitFeature(layer);
  const { state, dispatch, tools, start } = editor;
  const { conflict, setConflict, fail } = useWriteFailure(dispatch);
  const line = state.finishedLine;
  const sent = useRef<unknown>(null);
  const version = feature?.properties.version;
  useEffect(() => {
    if (!line || version === undefined || sent.current === line) return;
    sent.current = line;
    split.mutate({ id, version, line }, {
      onSuccess: (result) => {
        tools.end();
        onSaved({ layer, id: result.ids[0] ?? id });
        const first = result.features[0];
        if (first) start({ kind: 'bewerken', layer, feature: first, gesplitst: result.features.map((f) => ({ id: f.id, naam: f.properties.naam ?? null })) });
      },
      onError: fail,
    });
  }, [line, version, id, layer, split, tools, start, onSaved, fail]);

  return (
    <div className="edit-form">
      <p className="feature-note" data-testid="editor-hint">{t.editor.splitsenHint}</p>
      {feature && <StoredArea ha={feature.properties.oppervlakte_ha} />}
      <Messages refusal={state.refusal} problem={state.problem} />
      <div className="form-actions">
        {state.problem && <button type="button" className="primary-button" onClick={tools.restartLine}>{t.editor.splitsen}</button>}
        <button type="button" className="secondary-button" onClick={tools.end}>{t.editor.annuleren}</button>
      </div>
      {conflict && <ConflictDialog message={conflict} busy={false} onReload={() => { setConflict(null); tools.end(); onSaved({ layer, id }); }} />}
    </div>
  );
}
