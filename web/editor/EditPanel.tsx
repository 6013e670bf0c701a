// The side panel during an edit session: live area (voorlopig), the attribute
// form, server checks and errors, save / delete, split and merge. Server errors
// are shown as the server words them, with a marker where it points.
import { useEffect, useMemo, useRef, useState } from 'react';
import { BalansPreview } from '../monitor/BalansPreview.tsx';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api/client.ts';
import {
  checkDraft, useCreateFeature, useDeleteFeature, useHoleFeature, useMergeFeature, useSplitFeature, useUpdateFeature,
} from '../api/edits.ts';
import { queryKeys, useFeature, useLayer } from '../api/hooks.ts';
import { useMe } from '../api/session.ts';
import type { DraftCheck, LayerFeature, SavedFeature, TransformatieProperties, VlakDeel } from '../api/types.ts';
import { formatHectare } from '../i18n/format.ts';
import { t } from '../i18n/nl.ts';
import { te } from '../i18n/nl-editor.ts';
import type { FeatureRef } from '../map/interaction.ts';
import { AttributeForm } from './AttributeForm.tsx';
import { TerreinenOnderVlak } from './TerreinenOnderVlak.tsx';
import { ConflictDialog } from './ConflictDialog.tsx';
import { changedProperties, initialValues, missingRequired, toProperties, type FormValues } from './fields.ts';
import type { EditableLayer } from './permissions.ts';
import { editablePolygon, type Editor, type EditSession, type SplitDeel } from './useEditor.ts';
import { vertexCount } from './validation.ts';

interface EditPanelProps {
  editor: Editor;
  session: EditSession;
  /** Open the side panel on a saved record (its PostGIS area replaces the preview); null after a hard delete. */
  onSaved: (ref: FeatureRef | null) => void;
}

/** An API error as the panel shows it; a conflict opens the dialog instead. */
function problemOf(err: unknown): { message: string; locatie?: [number, number] } {
  if (err instanceof ApiError) {
    const loc = err.details?.locatie;
    return { message: err.message, ...(Array.isArray(loc) && loc.length === 2 ? { locatie: loc as [number, number] } : {}) };
  }
  return { message: err instanceof Error ? err.message : String(err) };
}

const isConflict = (err: unknown) => err instanceof ApiError && err.code === 'versieconflict';

export function EditPanel({ editor, session, onSaved }: EditPanelProps) {
  const kind = t.lagen.enkelvoud[session.layer];
  return (
    <aside className="feature-panel edit-panel" data-map-occluder data-testid="edit-panel" data-session={session.kind} data-layer={session.layer}>
      <header className="feature-header">
        <div>
          <div className="feature-kind">{kind}</div>
          <h2 className="feature-title">
            {session.kind === 'nieuw' ? t.editor.nieuw(kind)
              : session.kind === 'splitsen' ? t.editor.splitsen
              : session.kind === 'gat' ? te.gat.knop
              : session.kind === 'samenvoegen' ? t.editor.samenvoegen
              : t.editor.wijzigen(kind)}
          </h2>
        </div>
        <button type="button" className="close-button" onClick={editor.end} title={t.editor.annulerenHint} aria-label={t.editor.annuleren}>
          <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true"><path d="M5 5l10 10M15 5L5 15" stroke="currentColor" strokeWidth="1.8" /></svg>
        </button>
      </header>
      {session.kind === 'nieuw' && <CreateForm editor={editor} layer={session.layer} onSaved={onSaved} />}
      {session.kind === 'bewerken' && (
        <UpdateForm editor={editor} layer={session.layer} id={session.id} armDelete={!!session.verwijderen} gesplitst={session.gesplitst} onSaved={onSaved} />
      )}
      {session.kind === 'splitsen' && <SplitStep editor={editor} layer={session.layer} id={session.id} onSaved={onSaved} />}
      {session.kind === 'gat' && <HoleStep editor={editor} layer={session.layer} id={session.id} onSaved={onSaved} />}
      {session.kind === 'samenvoegen' && (
        <MergeStep editor={editor} layer={session.layer} id={session.id} metId={session.metId} onSaved={onSaved} />
      )}
    </aside>
  );
}

/** Live RD New hectares, marked voorlopig. */
function LiveArea({ editor, label = t.veld.oppervlakte }: { editor: Editor; label?: string }) {
  const polygon = editor.draw.polygon;
  // While clicking, terra-draw's ring also holds the point following the mouse: not a vertex yet.
  const n = polygon ? Math.max(0, vertexCount(polygon) - (editor.draw.drawing ? 1 : 0)) : 0;
  return (
    <div className="feature-area">
      <div className="feature-area-label">
        {label} <span className="pill-voorlopig">{t.editor.voorlopig}</span>
      </div>
      <div className="feature-area-value" data-testid="editor-oppervlakte" data-ha={editor.liveHa ?? ''}>
        {editor.liveHa != null ? formatHectare(editor.liveHa) : t.waarde.geen}
      </div>
      <p className="feature-area-note">
        <span data-testid="editor-hoekpunten" data-count={n}>{t.editor.hoekpunten(n)}</span> · {t.editor.voorlopigNoot}
      </p>
    </div>
  );
}

function Messages({ editor, check }: { editor: Editor; check?: DraftCheck | null }) {
  return (
    <>
      {editor.refusal && <p className="feature-error" role="alert" data-testid="editor-panel-melding">{editor.refusal}</p>}
      {editor.problem && (
        <div className="feature-error" role="alert" data-testid="editor-fout">
          <strong>{t.editor.serverFout}: </strong>{editor.problem.message}
        </div>
      )}
      {check && (check.fouten.length > 0 || check.waarschuwingen.length > 0) && (
        <div className="draft-check" data-testid="editor-controle">
          <div className="feature-section-title">{t.editor.controle}</div>
          <ul>
            {check.fouten.map((f, i) => <li key={`f${i}`} className="draft-check-fout">{f.message}</li>)}
            {check.waarschuwingen.map((w, i) => <li key={`w${i}`} className="draft-check-waarschuwing">{w.message}</li>)}
          </ul>
        </div>
      )}
    </>
  );
}

/**
 * What the rules judge besides the shape: a transformatie's dates (R-T1: vaststelling, else
 * terinzagelegging), a gemeente the user picked (not the one the record already had), a kavel's terrein.
 */
function ruleProperties(layer: EditableLayer, values: FormValues | null, before?: FormValues | null): Record<string, unknown> | undefined {
  if (!values) return undefined;
  const out: Record<string, unknown> = {};
  if (values.gemeente_id && values.gemeente_id !== before?.gemeente_id) out.gemeente_id = Number(values.gemeente_id);
  // A kavel lies within its terrein, in the werkgroep's own gemeente: judged while drawing too.
  if (layer === 'kavels' && values.terrein_id) out.terrein_id = Number(values.terrein_id);
  if (layer === 'transformaties') {
    const date = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
    out.datum_vaststelling = date(values.datum_vaststelling);
    out.datum_terinzagelegging = date(values.datum_terinzagelegging);
  }
  return Object.keys(out).length ? out : undefined;
}

/** Server draft check (overlap rules, region) of the closed polygon, debounced; again when a judged property changes. */
function useDraftCheck(editor: Editor, layer: EditableLayer, id?: number, values?: FormValues | null, before?: FormValues | null): DraftCheck | null {
  const me = useMe();
  const [check, setCheck] = useState<DraftCheck | null>(null);
  const polygon = editor.draw.tool === 'select' ? editor.draw.polygon : null;
  const properties = ruleProperties(layer, values ?? null, before);
  const propsKey = JSON.stringify(properties ?? null);
  const key = polygon ? JSON.stringify(polygon.coordinates) : '';
  useEffect(() => {
    if (!polygon || !me.data || editor.refusal) {
      setCheck(null);
      return;
    }
    let stale = false;
    const timer = setTimeout(() => {
      checkDraft(layer, polygon, me.data!.csrfToken, id, properties)
        .then((result) => !stale && setCheck(result))
        .catch(() => !stale && setCheck(null));
    }, 400);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
    // The keys stand for the polygon's coordinates and the judged properties.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, propsKey, layer, id, me.data, editor.refusal]);
  return check;
}

/** Kavels belong to the terrein they are drawn on: preselect it from the polygon's centre. */
function useTerreinUnder(polygon: ReturnType<typeof editablePolygon> | null): number | null {
  const terreinen = useLayer('terreinen');
  return useMemo(() => {
    if (!polygon || !terreinen.data) return null;
    const ring = polygon.type === 'Polygon' ? polygon.coordinates[0] : polygon.coordinates[0][0];
    const n = ring.length - 1 || 1;
    const lng = ring.slice(0, n).reduce((s, p) => s + p[0], 0) / n;
    const lat = ring.slice(0, n).reduce((s, p) => s + p[1], 0) / n;
    const hit = terreinen.data.features.find((f) => inside(f.geometry, lng, lat));
    return hit?.id ?? null;
  }, [polygon, terreinen.data]);
}

function inside(g: LayerFeature['geometry'], x: number, y: number): boolean {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.some((rings) => rings.reduce((acc, ring, i) => {
    let c = false;
    for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
      const [xa, ya] = ring[a];
      const [xb, yb] = ring[b];
      if ((ya > y) !== (yb > y) && x < ((xb - xa) * (y - ya)) / (yb - ya) + xa) c = !c;
    }
    return i === 0 ? c : acc && !c;
  }, false));
}

function CreateForm({ editor, layer, onSaved }: { editor: Editor; layer: EditableLayer; onSaved: (r: FeatureRef | null) => void }) {
  const [values, setValues] = useState<FormValues>(() => initialValues(layer));
  const [formError, setFormError] = useState<string | null>(null);
  const create = useCreateFeature(layer);
  const closed = editor.draw.tool === 'select' ? editor.draw.polygon : null;
  const check = useDraftCheck(editor, layer, undefined, values);
  const terrein = useTerreinUnder(closed);
  const prefilled = useRef(false);
  useEffect(() => {
    if (terrein != null && !prefilled.current && 'terrein_id' in values && !values.terrein_id) {
      prefilled.current = true;
      setValues((v) => ({ ...v, terrein_id: String(terrein) }));
    }
  }, [terrein, values]);

  const save = () => {
    setFormError(null);
    editor.setProblem(null);
    if (!closed) return setFormError(t.editor.tekenEerst);
    const missing = missingRequired(layer, values);
    if (missing) return setFormError(missing);
    create.mutate({ geometry: closed, properties: toProperties(layer, values) }, {
      onSuccess: (saved: SavedFeature) => {
        editor.end();
        if (saved.milieuruimte) editor.setMilieuruimte(saved.milieuruimte);
        if (saved.waarschuwingen?.length) editor.setUitkomst({ layer, id: saved.id, waarschuwingen: saved.waarschuwingen });
        onSaved({ layer, id: saved.id });
      },
      onError: (err) => editor.setProblem(problemOf(err)),
    });
  };

  return (
    <form className="edit-form" onSubmit={(e) => { e.preventDefault(); save(); }}>
      {!closed && <p className="feature-note" data-testid="editor-hint">{t.editor.tekenenHint}</p>}
      {closed && <p className="feature-note">{t.editor.bewerkenHint}</p>}
      <LiveArea editor={editor} />
      {(layer === 'transformaties' || layer === 'compensaties') && (
        <BalansPreview layer={layer} polygon={closed} nieuweFunctie={(values as Record<string, unknown>).nieuwe_functie as string | undefined} />
      )}
      <Messages editor={editor} check={check} />
      {layer === 'transformaties' && closed && <TerreinenOnderVlak terreinen={check?.terreinen} />}
      <AttributeForm layer={layer} values={values} onChange={setValues} disabled={create.isPending} gemeenten={check?.gemeenten} />
      {formError && <p className="feature-error" role="alert">{formError}</p>}
      <div className="form-actions">
        <button type="submit" className="primary-button" disabled={!closed || create.isPending || !!editor.refusal} data-testid="editor-opslaan">
          {create.isPending ? t.editor.opslaanBezig : t.editor.opslaan}
        </button>
        <button type="button" className="secondary-button" onClick={editor.end}>{t.editor.annuleren}</button>
      </div>
    </form>
  );
}

function UpdateForm({ editor, layer, id, armDelete, gesplitst, onSaved }: {
  editor: Editor; layer: EditableLayer; id: number; armDelete: boolean; gesplitst?: SplitDeel[]; onSaved: (r: FeatureRef | null) => void;
}) {
  const client = useQueryClient();
  // The form starts from the full record: the layer list (placeholder) lacks the zittende bedrijven.
  const { data: feature, isPlaceholderData } = useFeature(layer, id);
  const [base, setBase] = useState<{ values: FormValues; version: number; geometry: string } | null>(null);
  const [values, setValues] = useState<FormValues | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [reloading, setReloading] = useState(false);
  const [armed, setArmed] = useState(armDelete);
  const update = useUpdateFeature(layer);
  const remove = useDeleteFeature(layer);
  const check = useDraftCheck(editor, layer, id, values, base?.values);
  const soft = layer === 'transformaties' || layer === 'compensaties';

  // The form starts from the version the user opened, not from later refetches.
  const adopt = (f: LayerFeature) => {
    const v = initialValues(layer, f.properties as unknown as Record<string, unknown>);
    setBase({ values: v, version: f.properties.version ?? 1, geometry: JSON.stringify(editablePolygon(f).coordinates) });
    setValues(v);
  };
  useEffect(() => {
    if (feature && !isPlaceholderData && !base) adopt(feature);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [feature, isPlaceholderData, base]);

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

  const polygon = editor.draw.polygon;
  const geometryChanged = !!polygon && !!base && JSON.stringify(polygon.coordinates) !== base.geometry;

  const fail = (err: unknown) => {
    if (isConflict(err)) setConflict((err as ApiError).message);
    else editor.setProblem(problemOf(err));
  };

  const save = () => {
    if (!base || !values) return;
    setFormError(null);
    editor.setProblem(null);
    const missing = missingRequired(layer, values);
    if (missing) return setFormError(missing);
    const properties = changedProperties(layer, base.values, values);
    update.mutate({
      id, version: base.version,
      ...(Object.keys(properties).length ? { properties } : {}),
      ...(geometryChanged && polygon ? { geometry: polygon } : {}),
    }, {
      onSuccess: (saved) => {
        editor.end();
        if (saved.milieuruimte) editor.setMilieuruimte(saved.milieuruimte);
        if (saved.waarschuwingen?.length) editor.setUitkomst({ layer, id: saved.id, waarschuwingen: saved.waarschuwingen });
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
        editor.end();
        // Vervallen records stay (and show their status); deleted ones leave the panel.
        onSaved(soft ? { layer, id } : null);
      },
      onError: fail,
    });
  };

  // "Nieuwste versie laden": fetch the current record, restart the form and the shape from it.
  const reload = async () => {
    setReloading(true);
    try {
      const latest = await client.fetchQuery({ queryKey: queryKeys.feature(layer, id), queryFn: ({ signal }) => api.feature(layer, id, signal), staleTime: 0 });
      await client.invalidateQueries({ queryKey: queryKeys.layer(layer) });
      adopt(latest);
      editor.reloadGeometry(latest);
      setConflict(null);
      setArmed(false);
    } catch (err) {
      editor.setProblem(problemOf(err));
    } finally {
      setReloading(false);
    }
  };

  if (!feature || !values) return <p className="feature-loading">{t.paneel.laden}</p>;
  const shape = editablePolygon(feature);
  const multi = shape.type === 'MultiPolygon';
  const holes = (shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates).some((rings) => rings.length > 1);
  const busy = update.isPending || remove.isPending;

  return (
    <form className="edit-form" onSubmit={(e) => { e.preventDefault(); save(); }} data-version={base?.version}>
      {gesplitst && (
        <p className="editor-uitkomst" role="status" data-testid="gesplitst">
          {te.gesplitst(gesplitst.map((d) => d.naam ?? t.paneel.zonderNaam(t.lagen.enkelvoud[layer], d.id)))}
        </p>
      )}
      <p className="feature-note">{multi ? t.editor.multiVlak : t.editor.bewerkenHint}</p>
      {holes && <p className="feature-note" data-testid="editor-gaten-hint">{te.gat.behouden}</p>}
      <LiveArea editor={editor} />
      {(layer === 'transformaties' || layer === 'compensaties') && geometryChanged && (
        <BalansPreview layer={layer} id={id} polygon={polygon} nieuweFunctie={(values as Record<string, unknown> | null)?.nieuwe_functie as string | undefined} />
      )}
      <Messages editor={editor} check={check} />
      {layer === 'transformaties' && (
        <TerreinenOnderVlak terreinen={geometryChanged ? check?.terreinen : (feature.properties as Partial<TransformatieProperties>).terreinen} />
      )}
      <AttributeForm layer={layer} values={values} onChange={setValues} disabled={busy}
        gemeenten={geometryChanged ? check?.gemeenten : (feature.properties as { gemeenten?: VlakDeel[] }).gemeenten} />
      {formError && <p className="feature-error" role="alert">{formError}</p>}
      <div className="form-actions">
        <button type="submit" className="primary-button" disabled={busy || !!editor.refusal} data-testid="editor-opslaan">
          {update.isPending ? t.editor.opslaanBezig : t.editor.opslaan}
        </button>
        <button type="button" className="secondary-button" onClick={editor.end}>{t.editor.annuleren}</button>
        <button type="button" className={armed ? 'danger-button' : 'secondary-button danger-text'} onClick={del} disabled={busy} data-testid="editor-verwijderen">
          {armed ? (soft ? t.editor.vervallenBevestig : t.editor.verwijderenBevestig) : t.editor.verwijderen}
        </button>
      </div>
      {conflict && <ConflictDialog message={conflict} busy={reloading} onReload={reload} />}
    </form>
  );
}

/** A geometry operation's failure: a version conflict opens the dialog, anything else shows at the polygon. */
function useOperationFailure(editor: Editor) {
  const [conflict, setConflict] = useState<string | null>(null);
  const fail = (err: unknown) => {
    if (isConflict(err)) setConflict((err as ApiError).message);
    else editor.setProblem(problemOf(err));
  };
  return { conflict, setConflict, fail };
}

/** The stored (PostGIS) area of the record an operation works on. */
function StoredArea({ ha }: { ha: number }) {
  return (
    <div className="feature-area">
      <div className="feature-area-label">{t.veld.oppervlakte}</div>
      <div className="feature-area-value">{formatHectare(ha)}</div>
    </div>
  );
}

function SplitStep({ editor, layer, id, onSaved }: { editor: Editor; layer: EditableLayer; id: number; onSaved: (r: FeatureRef | null) => void }) {
  const { data: feature } = useFeature(layer, id);
  const split = useSplitFeature(layer);
  const { conflict, setConflict, fail } = useOperationFailure(editor);
  const line = editor.finishedLine;
  const sent = useRef<unknown>(null);
  useEffect(() => {
    if (!line || !feature || sent.current === line) return;
    sent.current = line;
    split.mutate({ id, version: feature.properties.version ?? 1, line }, {
      onSuccess: (result) => {
        editor.end();
        onSaved({ layer, id: result.ids[0] ?? id });
        // Straight into part 1's form, the name selected: the parts are told apart by their names.
        const first = result.features[0];
        if (first) editor.startEdit(layer, first, false, result.features.map((f) => ({ id: f.id, naam: f.properties.naam ?? null })));
      },
      onError: fail,
    });
  }, [line, feature, id, layer, split, editor, onSaved]);

  return (
    <div className="edit-form">
      <p className="feature-note" data-testid="editor-hint">{t.editor.splitsenHint}</p>
      {feature && <StoredArea ha={feature.properties.oppervlakte_ha} />}
      <Messages editor={editor} />
      <div className="form-actions">
        {editor.problem && <button type="button" className="primary-button" onClick={editor.restartLine}>{t.editor.splitsen}</button>}
        <button type="button" className="secondary-button" onClick={editor.end}>{t.editor.annuleren}</button>
      </div>
      {conflict && <ConflictDialog message={conflict} busy={false} onReload={() => { setConflict(null); editor.end(); onSaved({ layer, id }); }} />}
    </div>
  );
}

function HoleStep({ editor, layer, id, onSaved }: { editor: Editor; layer: EditableLayer; id: number; onSaved: (r: FeatureRef | null) => void }) {
  const { data: feature } = useFeature(layer, id);
  const hole = useHoleFeature(layer);
  const { conflict, setConflict, fail } = useOperationFailure(editor);
  const closed = editor.draw.tool === 'select' && editor.draw.polygon?.type === 'Polygon' ? editor.draw.polygon : null;
  const go = () => {
    if (!feature || !closed) return;
    editor.setProblem(null);
    hole.mutate({ id, version: feature.properties.version ?? 1, geometry: closed }, {
      onSuccess: (saved) => {
        editor.end();
        editor.setUitkomst({ layer, id, waarschuwingen: [], gat: { gat_ha: saved.gat_ha, oppervlakte_ha: saved.properties.oppervlakte_ha } });
        onSaved({ layer, id });
      },
      onError: fail,
    });
  };
  return (
    <div className="edit-form">
      <p className="feature-note" data-testid="editor-hint">{te.gat.hint}</p>
      {feature && <StoredArea ha={feature.properties.oppervlakte_ha} />}
      <LiveArea editor={editor} label={te.gat.gat} />
      {feature && editor.liveHa != null && (
        <p className="feature-note" data-testid="gat-rest">{te.gat.restVoorlopig(formatHectare(Math.max(0, feature.properties.oppervlakte_ha - editor.liveHa)))}</p>
      )}
      <Messages editor={editor} />
      <div className="form-actions">
        <button type="button" className="primary-button" onClick={go} disabled={!closed || hole.isPending || !!editor.refusal} data-testid="gat-bevestig">
          {hole.isPending ? te.gat.bezig : te.gat.knop}
        </button>
        {editor.problem && <button type="button" className="secondary-button" onClick={editor.redraw}>{te.gat.opnieuw}</button>}
        <button type="button" className="secondary-button" onClick={editor.end}>{t.editor.annuleren}</button>
      </div>
      {conflict && <ConflictDialog message={conflict} busy={false} onReload={() => { setConflict(null); editor.end(); onSaved({ layer, id }); }} />}
    </div>
  );
}

function MergeStep({ editor, layer, id, metId, onSaved }: {
  editor: Editor; layer: EditableLayer; id: number; metId: number | null; onSaved: (r: FeatureRef | null) => void;
}) {
  const { data: feature } = useFeature(layer, id);
  const other = useLayer(layer).data?.features.find((f) => f.id === metId);
  const merge = useMergeFeature(layer);
  const { conflict, setConflict, fail } = useOperationFailure(editor);
  const kind = t.lagen.enkelvoud[layer].toLowerCase();
  const go = () => {
    if (!feature || !other) return;
    editor.setProblem(null);
    merge.mutate({ id, version: feature.properties.version ?? 1, met_id: other.id, met_version: other.properties.version ?? 1 }, {
      onSuccess: () => {
        editor.end();
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
      <Messages editor={editor} />
      <div className="form-actions">
        <button type="button" className="primary-button" onClick={go} disabled={!other || merge.isPending} data-testid="samenvoegen-bevestig">
          {t.editor.samenvoegenBevestig}
        </button>
        <button type="button" className="secondary-button" onClick={editor.end}>{t.editor.annuleren}</button>
      </div>
      {conflict && <ConflictDialog message={conflict} busy={false} onReload={() => { setConflict(null); editor.end(); onSaved({ layer, id }); }} />}
    </div>
  );
}
