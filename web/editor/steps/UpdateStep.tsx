// Step "bewerken": change the shape (vertex editing) and the attributes of a record,
// save only what changed with the version it started from, or delete it (a
// transformatie or compensatie lapses instead). A version conflict offers the newest version.
import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { BalansPreview } from '../../monitor/BalansPreview.tsx';
import { afterWrite, useDeleteFeature, useUpdateFeature } from '../../api/edits.ts';
import { fetchFeature, queryKeys, useFeature } from '../../api/hooks.ts';
import type { EditableLayer, LayerFeature } from '../../api/layers.ts';
import { t } from '../../i18n/nl.ts';
import { te } from '../../i18n/nl-editor.ts';
import type { FeatureRef } from '../../map/interaction.ts';
import { AttributeForm } from '../AttributeForm.tsx';
import { TerreinenOnderVlak } from '../TerreinenOnderVlak.tsx';
import { ConflictDialog } from '../ConflictDialog.tsx';
import { changedProperties, initialValues, missingRequired, type FormValues } from '../fields.ts';
import type { SplitDeel } from '../session.ts';
import { editablePolygon, type Editor } from '../useEditor.ts';
import { LiveArea, Messages } from './parts.tsx';
import { problemOf, useWriteFailure } from './problem.ts';
import { useDraftCheck } from './useDraftCheck.ts';

interface Base {
  values: FormValues;
  version: number;
  geometry: string;
}

/** The form's starting point: the record as the user opened it (not later refetches). */
function baseOf(layer: EditableLayer, f: LayerFeature): Base {
  return {
    values: initialValues(layer, f.properties as unknown as Record<string, unknown>),
    version: f.properties.version,
    geometry: JSON.stringify(editablePolygon(f).coordinates),
  };
}

export function UpdateStep({ editor, layer, id, armDelete, gesplitst, onSaved }: {
  editor: Editor; layer: EditableLayer; id: number; armDelete: boolean; gesplitst?: SplitDeel[]; onSaved: (r: FeatureRef | null) => void;
}) {
  const client = useQueryClient();
  const { state, dispatch, draw, tools } = editor;
  // The form starts from the full record: the layer list (placeholder) lacks the zittende bedrijven.
  const { data: feature, isPlaceholderData } = useFeature(layer, id);
  const [base, setBase] = useState<Base | null>(null);
  const [values, setValues] = useState<FormValues | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [reloading, setReloading] = useState(false);
  const [armed, setArmed] = useState(armDelete);
  const update = useUpdateFeature(layer);
  const remove = useDeleteFeature(layer);
  const { conflict, setConflict, fail } = useWriteFailure(dispatch);
  const check = useDraftCheck(editor, layer, id, values, base?.values);
  const soft = layer === 'transformaties' || layer === 'compensaties';

  const adopt = (f: LayerFeature) => {
    const b = baseOf(layer, f);
    setBase(b);
    setValues(b.values);
  };
  if (feature && !isPlaceholderData && !base) adopt(feature);

  // Right after a split the parts share a name but for "(deel n)": put the cursor in it.
  const focused = useRef(false);
  useEffect(() => {
    if (!gesplitst || !values || focused.current) return;
    focused.current = true;
    const naam = document.getElementById('veld-naam');
    if (naam instanceof HTMLInputElement) {
      naam.focus();
      naam.select();
    }
  }, [gesplitst, values]);

  const polygon = draw.polygon;
  const geometryChanged = !!polygon && !!base && JSON.stringify(polygon.coordinates) !== base.geometry;

  const save = () => {
    if (!base || !values) return;
    setFormError(null);
    dispatch({ type: 'problem', problem: null });
    const missing = missingRequired(layer, values);
    if (missing) return setFormError(missing);
    const properties = changedProperties(layer, base.values, values);
    update.mutate({
      id, version: base.version,
      ...(Object.keys(properties).length ? { properties } : {}),
      ...(geometryChanged && polygon ? { geometry: polygon } : {}),
    }, {
      onSuccess: (saved) => {
        tools.end();
        if (saved.milieuruimte) dispatch({ type: 'milieuruimte', milieuruimte: saved.milieuruimte });
        if (saved.waarschuwingen.length) dispatch({ type: 'uitkomst', uitkomst: { layer, id: saved.id, waarschuwingen: saved.waarschuwingen } });
        onSaved({ layer, id: saved.id });
      },
      onError: fail,
    });
  };

  const del = () => {
    if (!base) return;
    if (!armed) return setArmed(true);
    remove.mutate({ id, version: base.version }, {
      onSuccess: () => {
        tools.end();
        // Vervallen records stay (and show their status); deleted ones leave the panel.
        onSaved(soft ? { layer, id } : null);
      },
      onError: fail,
    });
  };

  // "Nieuwste versie laden": fetch the current record, put it on the map, restart the form and the shape from it.
  const reload = async () => {
    setReloading(true);
    try {
      const latest = await client.fetchQuery({ queryKey: queryKeys.feature(layer, id), queryFn: ({ signal }) => fetchFeature(layer, id, signal), staleTime: 0 });
      await afterWrite(client, layer, [latest]);
      adopt(latest);
      tools.reloadGeometry(latest);
      setConflict(null);
      setArmed(false);
    } catch (err) {
      dispatch({ type: 'problem', problem: problemOf(err) });
    } finally {
      setReloading(false);
    }
  };

  if (!feature || !values) return <p className="feature-loading">{t.paneel.laden}</p>;
  const shape = editablePolygon(feature);
  const multi = shape.type === 'MultiPolygon';
  const holes = (shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates).some((rings) => rings.length > 1);
  const busy = update.isPending || remove.isPending;
  const stored = feature.properties as Partial<LayerFeature<'transformaties'>['properties']>;

  return (
    <form className="edit-form" onSubmit={(e) => { e.preventDefault(); save(); }} data-version={base?.version}>
      {gesplitst && (
        <p className="editor-uitkomst" role="status" data-testid="gesplitst">
          {te.gesplitst(gesplitst.map((d) => d.naam ?? t.paneel.zonderNaam(t.lagen.enkelvoud[layer], d.id)))}
        </p>
      )}
      <p className="feature-note">{multi ? t.editor.multiVlak : t.editor.bewerkenHint}</p>
      {holes && <p className="feature-note" data-testid="editor-gaten-hint">{te.gat.behouden}</p>}
      <LiveArea draw={draw} liveHa={editor.liveHa} />
      {(layer === 'transformaties' || layer === 'compensaties') && geometryChanged && (
        <BalansPreview layer={layer} id={id} polygon={polygon} nieuweFunctie={typeof values.nieuwe_functie === 'string' ? values.nieuwe_functie : undefined} />
      )}
      <Messages refusal={state.refusal} problem={state.problem} check={check} />
      {layer === 'transformaties' && <TerreinenOnderVlak terreinen={geometryChanged ? check?.terreinen : stored.terreinen} />}
      <AttributeForm layer={layer} values={values} onChange={setValues} disabled={busy}
        gemeenten={geometryChanged ? check?.gemeenten : stored.gemeenten} terreinen={editor.inView.terreinen?.features} />
      {formError && <p className="feature-error" role="alert">{formError}</p>}
      <div className="form-actions">
        <button type="submit" className="primary-button" disabled={busy || !!state.refusal} data-testid="editor-opslaan">
          {update.isPending ? t.editor.opslaanBezig : t.editor.opslaan}
        </button>
        <button type="button" className="secondary-button" onClick={tools.end}>{t.editor.annuleren}</button>
        <button type="button" className={armed ? 'danger-button' : 'secondary-button danger-text'} onClick={del} disabled={busy} data-testid="editor-verwijderen">
          {armed ? (soft ? t.editor.vervallenBevestig : t.editor.verwijderenBevestig) : t.editor.verwijderen}
        </button>
      </div>
      {conflict && <ConflictDialog message={conflict} busy={reloading} onReload={reload} />}
    </form>
  );
}
