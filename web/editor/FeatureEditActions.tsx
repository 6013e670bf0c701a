// Editing actions in the side panel of a selected record, plus its history, what
// the last write reported (warnings, a cut hole's hectares), (after saving housing)
// the milieuruimte result, and for a compensatie its toewijzingen. Each action shows
// only when the account may do it (permissions.ts), never as a dead button.
import { useEffect } from 'react';
import type { Milieuruimte } from '../api/edits.ts';
import { useFeature } from '../api/hooks.ts';
import type { Me } from '../api/session.ts';
import { VERVALLEN } from '../../server/domain/layer-values.ts';
import { formatHectare } from '../i18n/format.ts';
import { t } from '../i18n/nl.ts';
import { te } from '../i18n/nl-editor.ts';
import { CompensatieToewijzingen } from './CompensatieToewijzingen.tsx';
import { HistorySection } from './HistorySection.tsx';
import { MilieuruimteSection } from './MilieuruimteSection.tsx';
import { mayDo, type EditableLayer } from './permissions.ts';
import type { Editor } from './useEditor.ts';
import './editor-extra.css';

export function FeatureEditActions({ me, editor, layer, id, milieuruimte }: {
  me: Me; editor: Editor; layer: EditableLayer; id: number; milieuruimte: Milieuruimte | null;
}) {
  const { data: feature } = useFeature(layer, id);
  // What the last write reported belongs to that record: forget it once another is selected.
  const { state: { uitkomst: laatste }, dispatch, start } = editor;
  useEffect(() => {
    if (laatste && (laatste.layer !== layer || laatste.id !== id)) dispatch({ type: 'uitkomst', uitkomst: null });
  }, [laatste, layer, id, dispatch]);
  if (!feature) return null;
  const gemeenteId = feature.properties.gemeente_id;
  const vervallen = 'status' in feature.properties && feature.properties.status === VERVALLEN;
  const may = (operation: Parameters<typeof mayDo>[1]) => !vervallen && mayDo(me, operation, layer, gemeenteId);
  const uitkomst = laatste?.layer === layer && laatste.id === id ? laatste : null;
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
      {may('bewerken') && (
        <div className="feature-actions" data-testid="feature-acties">
          <button type="button" className="secondary-button" onClick={() => start({ kind: 'bewerken', layer, feature })} data-testid="actie-bewerken">
            {t.editor.bewerken}
          </button>
          {may('splitsen') && (
            <button type="button" className="secondary-button" onClick={() => start({ kind: 'splitsen', layer, id })} title={t.editor.splitsenHint} data-testid="actie-splitsen">
              {t.editor.splitsen}
            </button>
          )}
          {may('gat') && (
            <button type="button" className="secondary-button" onClick={() => start({ kind: 'gat', layer, id })} title={te.gat.hint} data-testid="actie-gat">
              {te.gat.knop}
            </button>
          )}
          {may('samenvoegen') && (
            <button type="button" className="secondary-button" onClick={() => start({ kind: 'samenvoegen', layer, id })} data-testid="actie-samenvoegen">
              {t.editor.samenvoegen}
            </button>
          )}
        </div>
      )}
      {!mayDo(me, 'bewerken', layer, gemeenteId) && me.gemeente_id != null && <p className="feature-note">{t.editor.geenRechten}</p>}
      {layer === 'compensaties' && <CompensatieToewijzingen compensatieId={id} canEdit={may('bewerken') && me.mag.includes('POST /api/compensaties/{id}/toewijzingen')} />}
      <HistorySection layer={layer} id={id} version={feature.properties.version} canRestore={may('bewerken') && me.mag.includes(`POST /api/${layer}/{id}/restore`)} />
    </>
  );
}
