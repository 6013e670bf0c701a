// Editing actions in the side panel of a selected record, plus its history and
// (after saving housing) the milieuruimte result. Split and merge appear only
// when the server offers them (OpenAPI feature check), never as dead buttons.
import { useApiCapabilities } from '../api/edits.ts';
import { useFeature } from '../api/hooks.ts';
import type { Me, Milieuruimte } from '../api/types.ts';
import { t } from '../i18n/nl.ts';
import { te } from '../i18n/nl-editor.ts';
import { CompensatieToewijzingen } from './CompensatieToewijzingen.tsx';
import { HistorySection } from './HistorySection.tsx';
import { MilieuruimteSection } from './MilieuruimteSection.tsx';
import { mayEditFeature, type EditableLayer } from './permissions.ts';
import type { Editor } from './useEditor.ts';

export function FeatureEditActions({ me, editor, layer, id, milieuruimte }: {
  me: Me; editor: Editor; layer: EditableLayer; id: number; milieuruimte: Milieuruimte | null;
}) {
  const { data: feature } = useFeature(layer, id);
  const caps = useApiCapabilities();
  if (!feature) return null;
  const allowed = mayEditFeature(me, feature.properties.gemeente);
  const vervallen = (feature.properties as { status?: string }).status === 'vervallen';
  const editable = allowed && !vervallen;
  return (
    <>
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
