// The editor on the map: the session (session.ts), the terra-draw instance that
// follows it (drawing.ts), what the editor draws besides (overlays.ts), snapping
// (snap-index.ts) over the records around the view (view-records.ts) and the keyboard (keyboard.ts). One session at a time; the side
// panel's steps (steps/) own forms and saving.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type Dispatch } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MultiPolygon, Polygon } from 'geojson';
import type { LoadedLayers } from '../api/hooks.ts';
import type { EditableLayer, LayerFeature } from '../api/layers.ts';
import { formatHectare } from '../i18n/format.ts';
import { t } from '../i18n/nl.ts';
import type { Drawing, DrawState } from './drawing.ts';
import { EditorOverlays } from './overlays.ts';
import { useSnapIndex } from './snap-index.ts';
import { useViewRecords } from './view-records.ts';
import { useEditorKeyboard } from './keyboard.ts';
import { editedRecord, editorReducer, INITIAL_EDITOR_STATE, type EditorAction, type EditorState, type SplitDeel } from './session.ts';

export type { EditSession, SplitDeel, Uitkomst, ServerProblem } from './session.ts';

/** The drawing engine (terra-draw, proj4): downloaded when the first edit starts, not with the map. */
const importEngine = () =>
  Promise.all([import('./drawing.ts'), import('./validation.ts'), import('./rdArea.ts')]).then(([d, v, r]) => ({
    Drawing: d.Drawing, checkInProgress: v.checkInProgress, vertexCount: v.vertexCount, rdAreaHa: r.rdAreaHa,
  }));
type Engine = Awaited<ReturnType<typeof importEngine>>;
let engineLoading: Promise<Engine> | null = null;
/** One engine for every caller (the same object, so a second load changes nothing); a failed load may be retried. */
const loadEngine = () => (engineLoading ??= importEngine().catch((err: unknown) => {
  engineLoading = null;
  throw err;
}));

const EMPTY: DrawState = { tool: 'static', drawing: false, polygon: null, line: null, canUndo: false, canRedo: false };

/** The shape to edit: a Polygon for one part (as stored MultiPolygons of one part are), else the MultiPolygon. */
export function editablePolygon(feature: Pick<LayerFeature, 'geometry'>): Polygon | MultiPolygon {
  const g = feature.geometry;
  if (g.type === 'MultiPolygon' && g.coordinates.length === 1) return { type: 'Polygon', coordinates: g.coordinates[0] };
  return g;
}

/** How a session starts: what is drawn on the map for it. */
export type Start =
  | { kind: 'nieuw'; layer: EditableLayer }
  /** Edit shape and attributes; `verwijderen` opens with the delete confirmation armed, `gesplitst` right after a split. */
  | { kind: 'bewerken'; layer: EditableLayer; feature: LayerFeature; verwijderen?: boolean; gesplitst?: SplitDeel[] }
  | { kind: 'splitsen' | 'gat' | 'samenvoegen'; layer: EditableLayer; id: number };

export interface Editor {
  state: EditorState;
  dispatch: Dispatch<EditorAction>;
  /** The shape being drawn or edited, and the undo/redo state. */
  draw: DrawState;
  /** Live RD New hectares of the shape (voorlopig), or null while it has none. */
  liveHa: number | null;
  /** The records around the view while a session is open (snapping, the terrein under a drawing). */
  inView: LoadedLayers;
  start: (start: Start) => void;
  /** Commands for the drawing on the map. */
  tools: {
    undo: () => void;
    redo: () => void;
    /** Throw the drawn polygon away and start clicking again. */
    redraw: () => void;
    /** Draw the cutting line again (after a refused split). */
    restartLine: () => void;
    /** The newest version of the record's shape, without leaving the session ("Nieuwste versie laden"). */
    reloadGeometry: (feature: LayerFeature) => void;
    end: () => void;
  };
}

/** `preload`: fetch the drawing engine once the map has first come to rest (for editors, who will likely draw). */
export function useEditor(map: MapLibreMap | null, { preload = false }: { preload?: boolean } = {}): Editor {
  const [state, dispatch] = useReducer(editorReducer, INITIAL_EDITOR_STATE);
  const [draw, setDraw] = useState<DrawState>(EMPTY);
  const [engine, setEngine] = useState<Engine | null>(null);
  const drawingRef = useRef<Drawing | null>(null);
  /** What to do with the drawing once the engine has loaded (the edit that asked for it). */
  const pendingRef = useRef<((drawing: Drawing) => void) | null>(null);
  const overlaysRef = useRef<EditorOverlays | null>(null);
  const { session } = state;

  const inView = useViewRecords(map, !!session);
  const edited = editedRecord(session);
  const snap = useSnapIndex(map, inView, edited);

  useEffect(() => {
    if (!map) return;
    const overlays = new EditorOverlays(map);
    overlaysRef.current = overlays;
    return () => {
      overlays.destroy();
      overlaysRef.current = null;
    };
  }, [map]);

  useEffect(() => {
    if (!map || !engine) return;
    const drawing = new engine.Drawing(map, {
      snap,
      onState: setDraw,
      onRefused: (reason) => dispatch({ type: 'refused', reason }),
      onPolygonFinished: () => dispatch({ type: 'refusalCleared' }),
      onLineFinished: (line) => dispatch({ type: 'lineFinished', line }),
    });
    drawingRef.current = drawing;
    const pending = pendingRef.current;
    pendingRef.current = null;
    pending?.(drawing);
    return () => {
      drawing.destroy();
      drawingRef.current = null;
    };
  }, [map, engine, snap]);

  useEffect(() => {
    if (!map || !preload || engine) return;
    let cancelled = false;
    const load = () => loadEngine().then((e) => { if (!cancelled) setEngine(e); }, () => undefined);
    if (map.loaded()) void load();
    else map.once('idle', load);
    return () => {
      cancelled = true;
      map.off('idle', load);
    };
  }, [map, preload, engine]);

  /** Runs `action` on the drawing, loading the engine first when this is the first edit. */
  const withDrawing = useCallback((action: (drawing: Drawing) => void) => {
    if (drawingRef.current) {
      action(drawingRef.current);
      return;
    }
    pendingRef.current = action;
    if (!engine) loadEngine().then(setEngine, () => dispatch({ type: 'refused', reason: t.fouten.netwerk }));
  }, [engine]);

  // Live hectares at the polygon while drawing and editing.
  // A crossing ring has no meaningful area (the shoelace cancels out): show none rather than a wrong one.
  const liveHa = engine && draw.polygon && engine.vertexCount(draw.polygon) >= 3 && !engine.checkInProgress(draw.polygon)
    ? engine.rdAreaHa(draw.polygon) : null;
  const labelled = !!session && session.kind !== 'splitsen';
  useEffect(() => {
    overlaysRef.current?.setAreaLabel(
      liveHa != null && labelled ? draw.polygon : null,
      liveHa != null ? `${formatHectare(liveHa)} (${t.editor.voorlopig})` : '',
    );
  }, [draw.polygon, liveHa, labelled]);

  useEffect(() => {
    overlaysRef.current?.setErrorMarker(state.problem?.locatie ?? null, state.problem?.message);
  }, [state.problem]);

  useEffect(() => {
    overlaysRef.current?.setMilieuruimte(state.milieuruimte?.kavels ?? null);
  }, [state.milieuruimte]);

  const start = useCallback((s: Start) => {
    overlaysRef.current?.setHoles([]);
    switch (s.kind) {
      case 'nieuw':
        dispatch({ type: 'begin', session: { kind: 'nieuw', layer: s.layer } });
        withDrawing((d) => d.startPolygon());
        break;
      case 'bewerken':
        dispatch({
          type: 'begin',
          session: { kind: 'bewerken', layer: s.layer, id: s.feature.id, verwijderen: !!s.verwijderen, ...(s.gesplitst ? { gesplitst: s.gesplitst } : {}) },
        });
        withDrawing((d) => {
          d.edit(editablePolygon(s.feature));
          overlaysRef.current?.setHoles(d.keptHoles());
        });
        break;
      case 'splitsen':
        dispatch({ type: 'begin', session: { kind: 'splitsen', layer: s.layer, id: s.id } });
        withDrawing((d) => d.startLine());
        break;
      case 'gat':
        // Draw the hole to cut out of the record (PostGIS does the cutting on save).
        dispatch({ type: 'begin', session: { kind: 'gat', layer: s.layer, id: s.id } });
        withDrawing((d) => d.startPolygon('gat'));
        break;
      case 'samenvoegen':
        dispatch({ type: 'begin', session: { kind: 'samenvoegen', layer: s.layer, id: s.id, metId: null } });
        drawingRef.current?.clear();
        break;
    }
  }, [withDrawing]);

  const sessionKind = session?.kind;
  const tools = useMemo<Editor['tools']>(() => ({
    undo: () => {
      dispatch({ type: 'refusalCleared' });
      drawingRef.current?.undo();
    },
    redo: () => {
      dispatch({ type: 'refusalCleared' });
      drawingRef.current?.redo();
    },
    redraw: () => {
      dispatch({ type: 'redrawn' });
      withDrawing((d) => d.startPolygon(sessionKind === 'gat' ? 'gat' : 'vlak'));
    },
    restartLine: () => {
      dispatch({ type: 'redrawn' });
      withDrawing((d) => d.startLine());
    },
    reloadGeometry: (feature) => {
      dispatch({ type: 'redrawn' });
      withDrawing((d) => {
        d.edit(editablePolygon(feature));
        overlaysRef.current?.setHoles(d.keptHoles());
      });
    },
    end: () => {
      pendingRef.current = null;
      drawingRef.current?.clear();
      overlaysRef.current?.setHoles([]);
      dispatch({ type: 'end' });
    },
  }), [sessionKind, withDrawing]);

  useEditorKeyboard(!!session, { annuleren: tools.end, ongedaan: tools.undo, opnieuw: tools.redo });

  return { state, dispatch, draw, liveHa, inView, start, tools };
}
