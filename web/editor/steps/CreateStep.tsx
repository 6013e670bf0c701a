// Step "nieuw": draw a polygon, fill in its attributes, save. The drawing is checked
// while it is drawn (the server's draft check) and once more on save.
import { useEffect, useRef, useState } from 'react';
import { BalansPreview } from '../../monitor/BalansPreview.tsx';
import { useCreateFeature } from '../../api/edits.ts';
import type { EditableLayer } from '../../api/layers.ts';
import { t } from '../../i18n/nl.ts';
import type { FeatureRef } from '../../map/interaction.ts';
import { AttributeForm } from '../AttributeForm.tsx';
import { TerreinenOnderVlak } from '../TerreinenOnderVlak.tsx';
import { initialValues, missingRequired, toProperties, type FormValues } from '../fields.ts';
import { useTerreinUnder } from '../terrein-under.ts';
import type { Editor } from '../useEditor.ts';
import { LiveArea, Messages } from './parts.tsx';
import { problemOf } from './problem.ts';
import { useDraftCheck } from './useDraftCheck.ts';

export function CreateStep({ editor, layer, onSaved }: { editor: Editor; layer: EditableLayer; onSaved: (r: FeatureRef | null) => void }) {
  const [values, setValues] = useState<FormValues>(() => initialValues(layer));
  const [formError, setFormError] = useState<string | null>(null);
  const create = useCreateFeature(layer);
  const { state, dispatch, draw, tools } = editor;
  const closed = draw.tool === 'select' ? draw.polygon : null;
  const check = useDraftCheck(editor, layer, undefined, values);
  const terrein = useTerreinUnder(closed, editor.inView.terreinen?.features);
  const prefilled = useRef(false);
  useEffect(() => {
    if (terrein != null && !prefilled.current && 'terrein_id' in values && !values.terrein_id) {
      prefilled.current = true;
      setValues((v) => ({ ...v, terrein_id: String(terrein) }));
    }
  }, [terrein, values]);

  const save = () => {
    setFormError(null);
    dispatch({ type: 'problem', problem: null });
    if (!closed) return setFormError(t.editor.tekenEerst);
    const missing = missingRequired(layer, values);
    if (missing) return setFormError(missing);
    create.mutate({ geometry: closed, properties: toProperties(layer, values) }, {
      onSuccess: (saved) => {
        tools.end();
        if (saved.milieuruimte) dispatch({ type: 'milieuruimte', milieuruimte: saved.milieuruimte });
        if (saved.waarschuwingen.length) dispatch({ type: 'uitkomst', uitkomst: { layer, id: saved.id, waarschuwingen: saved.waarschuwingen } });
        onSaved({ layer, id: saved.id });
      },
      onError: (err) => dispatch({ type: 'problem', problem: problemOf(err) }),
    });
  };

  return (
    <form className="edit-form" onSubmit={(e) => { e.preventDefault(); save(); }}>
      {!closed && <p className="feature-note" data-testid="editor-hint">{t.editor.tekenenHint}</p>}
      {closed && <p className="feature-note">{t.editor.bewerkenHint}</p>}
      <LiveArea draw={draw} liveHa={editor.liveHa} />
      {(layer === 'transformaties' || layer === 'compensaties') && (
        <BalansPreview layer={layer} polygon={closed} nieuweFunctie={typeof values.nieuwe_functie === 'string' ? values.nieuwe_functie : undefined} />
      )}
      <Messages refusal={state.refusal} problem={state.problem} check={check} />
      {layer === 'transformaties' && closed && <TerreinenOnderVlak terreinen={check?.terreinen} />}
      <AttributeForm layer={layer} values={values} onChange={setValues} disabled={create.isPending} gemeenten={check?.gemeenten} terreinen={editor.inView.terreinen?.features} />
      {formError && <p className="feature-error" role="alert">{formError}</p>}
      <div className="form-actions">
        <button type="submit" className="primary-button" disabled={!closed || create.isPending || !!state.refusal} data-testid="editor-opslaan">
          {create.isPending ? t.editor.opslaanBezig : t.editor.opslaan}
        </button>
        <button type="button" className="secondary-button" onClick={tools.end}>{t.editor.annuleren}</button>
      </div>
    </form>
  );
}
