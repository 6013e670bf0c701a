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
import { Drawing, type DrawState } from './drawing.ts';
import { EditorOverlays } from './overlays.ts';
import type { EditableLayer } from './permissions.ts';
import { rdAreaHa } from './rdArea.ts';
import { boxOf, featuresInView, snapPoint, type BoxedFeature } from './snapping.ts';
import { checkInProgress, vertexCount } from './validation.ts';

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

export function useEditor(map: MapLibreMap | null) {
  const [session, setSession] = useState<EditSession | null>(null);
  const [draw, setDraw] = useState<DrawState>(EMPTY);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [problem, setProblem] = useState<ServerProblem | null>(null);
  const [finishedLine, setFinishedLine] = useState<LineString | null>(null);
  const [milieuruimte, setMilieuruimte] = useState<Milieuruimte | null>(null);
  const [uitkomst, setUitkomst] = useState<Uitkomst | null>(null);
  const drawingRef = useRef<Drawing | null>(null);
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
    const drawing = new Drawing(map, {
      snap: (lng, lat, project, unproject) => snapPoint(snapRef.current, lng, lat, project, unproject),
      onState: setDraw,
      onRefused: (reason) => setRefusal(reason),
      onPolygonFinished: () => setRefusal(null),
      onLineFinished: (line) => setFinishedLine(line),
    });
    drawingRef.current = drawing;
    overlaysRef.current = overlays;
    return () => {
      drawing.destroy();
      overlays.destroy();
      drawingRef.current = null;
      overlaysRef.current = null;
    };
  }, [map]);

  // Live hectares at the polygon while drawing and editing.
  // A crossing ring has no meaningful area (the shoelace cancels out): show none rather than a wrong one.
  const liveHa = draw.polygon && vertexCount(draw.polygon) >= 3 && !checkInProgress(draw.polygon) ? rdAreaHa(draw.polygon) : null;
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
    drawingRef.current?.startPolygon();
  }, [begin]);

  /**
   * Edit shape and attributes; `verwijderen` opens it with the delete confirmation armed,
   * `gesplitst` right after a split (the form says so and puts the cursor in the name).
   */
  const startEdit = useCallback((layer: EditableLayer, feature: LayerFeature, verwijderen = false, gesplitst?: SplitDeel[]) => {
    begin({ kind: 'bewerken', layer, id: feature.id, verwijderen, ...(gesplitst ? { gesplitst } : {}) }, { layer, id: feature.id });
    drawingRef.current?.edit(editablePolygon(feature));
    overlaysRef.current?.setHoles(drawingRef.current?.keptHoles() ?? []);
  }, [begin]);

  /** Reload the geometry (after "Nieuwste versie laden") without leaving the session. */
  const reloadGeometry = useCallback((feature: LayerFeature) => {
    setProblem(null);
    setRefusal(null);
    drawingRef.current?.edit(editablePolygon(feature));
    overlaysRef.current?.setHoles(drawingRef.current?.keptHoles() ?? []);
  }, []);

  const startSplit = useCallback((layer: EditableLayer, id: number) => {
    begin({ kind: 'splitsen', layer, id }, null);
    drawingRef.current?.startLine();
  }, [begin]);

  /** Draw the hole to cut out of a record (PostGIS does the cutting on save). */
  const startHole = useCallback((layer: EditableLayer, id: number) => {
    begin({ kind: 'gat', layer, id }, null);
    drawingRef.current?.startPolygon('gat');
  }, [begin]);

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
    drawingRef.current?.startLine();
  }, []);

  /** Throw the drawn polygon away and start clicking again. */
  const redraw = useCallback(() => {
    setRefusal(null);
    setProblem(null);
    drawingRef.current?.startPolygon(session?.kind === 'gat' ? 'gat' : 'vlak');
  }, [session]);

  const end = useCallback(() => {
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
