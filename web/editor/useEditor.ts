// The editing session: which object is being drawn or edited, the terra-draw
// instance on the map, the snap index, undo/redo and keyboard shortcuts.
// One session at a time; the side panel (EditPanel) owns forms and saving.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LineString, MultiPolygon, Polygon } from 'geojson';
import { useAllLayers } from '../api/hooks.ts';
import type { LayerFeature, LayerName, Milieuruimte, Waarschuwing } from '../api/types.ts';
import { formatHectare } from '../i18n/format.ts';
import { t } from '../i18n/nl.ts';
import type { Drawing, DrawState } from './drawing.ts';
import { EditorOverlays } from './overlays.ts';
import type { EditableLayer } from './permissions.ts';
import { boxOf, featuresInView, snapPoint, type BoxedFeature } from './snapping.ts';

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

export type EditSession =
  | { kind: 'nieuw'; layer: EditableLayer }
  | { kind: 'bewerken'; layer: EditableLayer; id: number; verwijderen?: boolean; gesplitst?: SplitDeel[] }
  | { kind: 'splitsen'; layer: EditableLayer; id: number }
  | { kind: 'gat'; layer: EditableLayer; id: number }
  | { kind: 'samenvoegen'; layer: EditableLayer; id: number; metId: number | null };

/** A part of a split, for the edit form that opens on part 1 right after it. */
export interface SplitDeel {
  id: number;
  naam: string | null;
}

/** What the server said about the last write, shown with the saved record (its side panel). */
export interface Uitkomst {
  layer: LayerName;
  id: number;
  /** Warnings of a save (e.g. R-T1 niet_op_transformatielijst): saved all the same. */
  waarschuwingen: Waarschuwing[];
  /** A cut hole: its area and what remains, both from PostGIS. */
  gat?: { gat_ha: number; oppervlakte_ha: number };
}

export interface ServerProblem {
  message: string;
  locatie?: [number, number];
}

const SNAP_LAYERS: LayerName[] = ['terreinen', 'kavels', 'kanszones', 'transformaties', 'compensaties'];
const EMPTY: DrawState = { tool: 'static', drawing: false, polygon: null, line: null, canUndo: false, canRedo: false };

/** The shape to edit: a Polygon for one part (as stored MultiPolygons of one part are), else the MultiPolygon. */
export function editablePolygon(feature: LayerFeature): Polygon | MultiPolygon {
  const g = feature.geometry;
  if (g.type === 'MultiPolygon' && g.coordinates.length === 1) return { type: 'Polygon', coordinates: g.coordinates[0] };
  return g;
}

/** `preload`: fetch the drawing engine once the map has first come to rest (for editors, who will likely draw). */
export function useEditor(map: MapLibreMap | null, { preload = false }: { preload?: boolean } = {}) {
  const [session, setSession] = useState<EditSession | null>(null);
  const [draw, setDraw] = useState<DrawState>(EMPTY);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [problem, setProblem] = useState<ServerProblem | null>(null);
  const [finishedLine, setFinishedLine] = useState<LineString | null>(null);
  const [milieuruimte, setMilieuruimte] = useState<Milieuruimte | null>(null);
  const [uitkomst, setUitkomst] = useState<Uitkomst | null>(null);
  const [engine, setEngine] = useState<Engine | null>(null);
  const drawingRef = useRef<Drawing | null>(null);
  /** What to do with the drawing once the engine has loaded (the edit that asked for it). */
  const pendingRef = useRef<((drawing: Drawing) => void) | null>(null);
  const overlaysRef = useRef<EditorOverlays | null>(null);
  const snapRef = useRef<ReturnType<typeof featuresInView>>([]);
  const editedRef = useRef<{ layer: LayerName; id: number } | null>(null);

  // Boxes of every loaded polygon, once per data change; the view picks from these.
  const layers = useAllLayers();
  const boxed = useMemo(() => {
    const out: (BoxedFeature & { layer: LayerName; id: number })[] = [];
    for (const layer of SNAP_LAYERS) {
      for (const f of layers.data[layer]?.features ?? []) out.push({ feature: f, box: boxOf(f.geometry), layer, id: f.id });
    }
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layers.data.terreinen, layers.data.kavels, layers.data.kanszones, layers.data.transformaties, layers.data.compensaties]);

  const refreshSnap = useCallback(() => {
    if (!map) return;
    const b = map.getBounds();
    const edited = editedRef.current;
    // The feature being edited snaps to its own vertices through terra-draw, not to its old shape.
    const others = edited ? boxed.filter((f) => !(f.layer === edited.layer && f.id === edited.id)) : boxed;
    snapRef.current = featuresInView(others, [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]);
  }, [map, boxed]);

  useEffect(() => {
    if (!map) return;
    refreshSnap();
    map.on('moveend', refreshSnap);
    return () => {
      map.off('moveend', refreshSnap);
    };
  }, [map, refreshSnap]);

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
      snap: (lng, lat, project, unproject) => snapPoint(snapRef.current, lng, lat, project, unproject),
      onState: setDraw,
      onRefused: (reason) => setRefusal(reason),
      onPolygonFinished: () => setRefusal(null),
      onLineFinished: (line) => setFinishedLine(line),
    });
    drawingRef.current = drawing;
    const pending = pendingRef.current;
    pendingRef.current = null;
    pending?.(drawing);
    return () => {
      drawing.destroy();
      drawingRef.current = null;
    };
  }, [map, engine]);

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
    if (!engine) loadEngine().then(setEngine, () => setRefusal(t.fouten.netwerk));
  }, [engine]);

  // Live hectares at the polygon while drawing and editing.
  // A crossing ring has no meaningful area (the shoelace cancels out): show none rather than a wrong one.
  const liveHa = engine && draw.polygon && engine.vertexCount(draw.polygon) >= 3 && !engine.checkInProgress(draw.polygon)
    ? engine.rdAreaHa(draw.polygon) : null;
  useEffect(() => {
    overlaysRef.current?.setAreaLabel(
      liveHa != null && session && session.kind !== 'splitsen' ? draw.polygon : null,
      liveHa != null ? `${formatHectare(liveHa)} (${t.editor.voorlopig})` : '',
    );
  }, [draw.polygon, liveHa, session]);

  useEffect(() => {
    overlaysRef.current?.setErrorMarker(problem?.locatie ?? null, problem?.message);
  }, [problem]);

  useEffect(() => {
    overlaysRef.current?.setMilieuruimte(milieuruimte?.kavels ?? null);
  }, [milieuruimte]);

  const begin = useCallback((next: EditSession | null, edited: { layer: LayerName; id: number } | null) => {
    setRefusal(null);
    setProblem(null);
    setFinishedLine(null);
    setMilieuruimte(null);
    setUitkomst(null);
    overlaysRef.current?.setHoles([]);
    editedRef.current = edited;
    refreshSnap();
    setSession(next);
  }, [refreshSnap]);

  const startNew = useCallback((layer: EditableLayer) => {
    begin({ kind: 'nieuw', layer }, null);
    withDrawing((d) => d.startPolygon());
  }, [begin, withDrawing]);

  /**
   * Edit shape and attributes; `verwijderen` opens it with the delete confirmation armed,
   * `gesplitst` right after a split (the form says so and puts the cursor in the name).
   */
  const startEdit = useCallback((layer: EditableLayer, feature: LayerFeature, verwijderen = false, gesplitst?: SplitDeel[]) => {
    begin({ kind: 'bewerken', layer, id: feature.id, verwijderen, ...(gesplitst ? { gesplitst } : {}) }, { layer, id: feature.id });
    withDrawing((d) => {
      d.edit(editablePolygon(feature));
      overlaysRef.current?.setHoles(d.keptHoles());
    });
  }, [begin, withDrawing]);

  /** Reload the geometry (after "Nieuwste versie laden") without leaving the session. */
  const reloadGeometry = useCallback((feature: LayerFeature) => {
    setProblem(null);
    setRefusal(null);
    withDrawing((d) => {
      d.edit(editablePolygon(feature));
      overlaysRef.current?.setHoles(d.keptHoles());
    });
  }, [withDrawing]);

  const startSplit = useCallback((layer: EditableLayer, id: number) => {
    begin({ kind: 'splitsen', layer, id }, null);
    withDrawing((d) => d.startLine());
  }, [begin, withDrawing]);

  /** Draw the hole to cut out of a record (PostGIS does the cutting on save). */
  const startHole = useCallback((layer: EditableLayer, id: number) => {
    begin({ kind: 'gat', layer, id }, null);
    withDrawing((d) => d.startPolygon('gat'));
  }, [begin, withDrawing]);

  const startMerge = useCallback((layer: EditableLayer, id: number) => {
    begin({ kind: 'samenvoegen', layer, id, metId: null }, null);
    drawingRef.current?.clear();
  }, [begin]);

  const pickMergeTarget = useCallback((layer: LayerName, id: number) => {
    setSession((s) => (s?.kind === 'samenvoegen' && s.layer === layer && s.id !== id ? { ...s, metId: id } : s));
  }, []);

  const restartLine = useCallback(() => {
    setFinishedLine(null);
    setProblem(null);
    withDrawing((d) => d.startLine());
  }, [withDrawing]);

  /** Throw the drawn polygon away and start clicking again. */
  const redraw = useCallback(() => {
    setRefusal(null);
    setProblem(null);
    withDrawing((d) => d.startPolygon(session?.kind === 'gat' ? 'gat' : 'vlak'));
  }, [session, withDrawing]);

  const end = useCallback(() => {
    pendingRef.current = null;
    drawingRef.current?.clear();
    overlaysRef.current?.setHoles([]);
    editedRef.current = null;
    setSession(null);
    setRefusal(null);
    setProblem(null);
    setFinishedLine(null);
  }, []);

  const undo = useCallback(() => {
    setRefusal(null);
    drawingRef.current?.undo();
  }, []);
  const redo = useCallback(() => {
    setRefusal(null);
    drawingRef.current?.redo();
  }, []);

  // Keyboard: Escape cancels, Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) undo and redo,
  // except inside form fields, where the browser's own text undo applies.
  useEffect(() => {
    if (!session) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const inField = !!target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
      if (e.key === 'Escape') {
        e.preventDefault();
        end();
        return;
      }
      if (inField || !(e.ctrlKey || e.metaKey)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        undo();
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault();
        redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session, end, undo, redo]);

  return {
    session, draw, liveHa, refusal, problem, finishedLine, milieuruimte,
    startNew, startEdit, redraw, reloadGeometry, startSplit, startHole, startMerge, pickMergeTarget, restartLine, end, undo, redo,
    uitkomst, setUitkomst, setProblem, setMilieuruimte, clearRefusal: () => setRefusal(null),
  };
}

export type Editor = ReturnType<typeof useEditor>;
