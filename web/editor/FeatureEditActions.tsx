// Editing actions in the side panel of a selected record, plus its history, what
// the last write reported (warnings, a cut hole's hectares), (after saving housing)
// the milieuruimte result, and for a compensatie its toewijzingen. Split and merge appear only
// when the server offers them (OpenAPI feature check), never as dead buttons.
import { useEffect } from 'react';
import { useApiCapabilities } from '../api/edits.ts';
import { useFeature } from '../api/hooks.ts';
import type { Me, Milieuruimte } from '../api/types.ts';
import { formatHectare } from '../i18n/format.ts';
import { t } from '../i18n/nl.ts';
import { te } from '../i18n/nl-editor.ts';
import { CompensatieToewijzingen } from './CompensatieToewijzingen.tsx';
import { HistorySection } from './HistorySection.tsx';
import { MilieuruimteSection } from './MilieuruimteSection.tsx';
import { mayEditFeature, type EditableLayer } from './permissions.ts';
import type { Editor } from './useEditor.ts';
import './editor-extra.css';

export function FeatureEditActions({ me, editor, layer, id, milieuruimte }: {
  me: Me; editor: Editor; layer: EditableLayer; id: number; milieuruimte: Milieuruimte | null;
}) {
  const { data: feature } = useFeature(layer, id);
  const caps = useApiCapabilities();
  // What the last write reported belongs to that record: forget it once another is selected.
  const { uitkomst: laatste, setUitkomst } = editor;
  useEffect(() => {
    if (laatste && (laatste.layer !== layer || laatste.id !== id)) setUitkomst(null);
  }, [laatste, layer, id, setUitkomst]);
  if (!feature) return null;
  const allowed = mayEditFeature(me, feature.properties.gemeente);
  const vervallen = (feature.properties as { status?: string }).status === 'vervallen';
  const editable = allowed && !vervallen;
  const uitkomst = editor.uitkomst?.layer === layer && editor.uitkomst.id === id ? editor.uitkomst : null;
  return (
    <>
      {uitkomst?.gat && (
        <p className="editor-uitkomst gat" role="status" data-testid="gat-uitkomst" data-gat-ha={uitkomst.gat.gat_ha}>
          {te.gat.klaar(formatHectare(uitkomst.gat.gat_ha), formatHectare(uitkomst.gat.oppervlakte_ha))}
        </p>
      )}
      {uitkomst && uitkomst.waarschuwingen.length > 0 && (
        <div className="editor-uitkomst waarschuwing" role="status" data-testid="opslaan-waarschuwingen">
          <strong>{te.uitkomst.opgeslagenMet}</strong>
          <ul>
            {uitkomst.waarschuwingen.map((w, i) => <li key={i} data-code={w.code}>{w.message}</li>)}
          </ul>
        </div>
      )}
      {milieuruimte && <MilieuruimteSection result={milieuruimte} />}
      {editable && (
        <div className="feature-actions" data-testid="feature-acties">
          <button type="button" className="secondary-button" onClick={() => editor.startEdit(layer, feature)} data-testid="actie-bewerken">
            {t.editor.bewerken}
          </button>
          {caps.data?.split && (
            <button type="button" className="secondary-button" onClick={() => editor.startSplit(layer, id)} title={t.editor.splitsenHint} data-testid="actie-splitsen">
              {t.editor.splitsen}
            </button>
          )}
          {caps.data?.hole && (
            <button type="button" className="secondary-button" onClick={() => editor.startHole(layer, id)} title={te.gat.hint} data-testid="actie-gat">
              {te.gat.knop}
            </button>
          )}
          {caps.data?.merge && (
            <button type="button" className="secondary-button" onClick={() => editor.startMerge(layer, id)} data-testid="actie-samenvoegen">
              {t.editor.samenvoegen}
            </button>
          )}
        </div>
      )}
      {!allowed && me.rol === 'werkgroep' && <p className="feature-note">{t.editor.geenRechten}</p>}
      {layer === 'compensaties' && <CompensatieToewijzingen compensatieId={id} canEdit={editable} />}
      <HistorySection layer={layer} id={id} version={feature.properties.version} canRestore={editable} />
    </>
  );
}
