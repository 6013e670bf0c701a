// The terra-draw instance behind our toolbar. It holds only the feature being
// edited (terra-draw slows down with thousands of features); everything else is
// offered through the snap index. Undo/redo: terra-draw's mode-level history
// while a polygon is being drawn, session-level history for vertex edits after.
import {
  TerraDraw, TerraDrawLineStringMode, TerraDrawModeUndoRedo, TerraDrawPolygonMode, TerraDrawSelectMode,
  TerraDrawSessionUndoRedo, type GeoJSONStoreFeatures,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { checkFinished, checkInProgress, type Refusal, type Soort } from './validation.ts';

export type DrawTool = 'polygon' | 'select' | 'linestring' | 'static';

export interface DrawState {
  tool: DrawTool;
  /** True while a polygon or line is being clicked in (not yet closed/finished). */
  drawing: boolean;
  /** The shape being drawn or edited; a MultiPolygon when a record of several parts is edited. */
  polygon: Polygon | MultiPolygon | null;
  line: LineString | null;
  canUndo: boolean;
  canRedo: boolean;
}

export interface DrawingOptions {
  snap: (lng: number, lat: number, project: Project, unproject: Unproject) => Position | undefined;
  onState: (state: DrawState) => void;
  onRefused: (reason: Refusal) => void;
  onPolygonFinished: () => void;
  onLineFinished: (line: LineString) => void;
}

type Project = (lng: number, lat: number) => { x: number; y: number };
type Unproject = (x: number, y: number) => { lng: number; lat: number };

const EDIT_COLOR = '#0b5cad';
const LINE_COLOR = '#d9480f';

export class Drawing {
  private readonly draw: TerraDraw;
  private tool: DrawTool = 'static';
  /** A polygon of its own or a hole: decides how "too small" is worded. */
  private soort: Soort = 'vlak';
  /** Holes of each part being edited, by terra-draw feature id. */
  private readonly holes = new Map<unknown, Position[][]>();
  private partIds: unknown[] = [];

  constructor(map: MapLibreMap, private readonly options: DrawingOptions) {
    const snapping = { toCustom: (e: { lng: number; lat: number }, ctx: { project: Project; unproject: Unproject }) => options.snap(e.lng, e.lat, ctx.project, ctx.unproject) };
    const polygonValidation = (feature: GeoJSONStoreFeatures, ctx: { updateType: string }) => {
      if (feature.geometry.type !== 'Polygon') return { valid: true };
      const polygon = feature.geometry as Polygon;
      // Provisional updates (the rubber band following the mouse) are not judged:
      // only a click that would commit a crossing, or the closing click.
      const reason = ctx.updateType === 'finish' ? checkFinished(polygon, this.soort)
        : ctx.updateType === 'commit' ? checkInProgress(polygon) : null;
      if (reason) {
        options.onRefused(reason);
        return { valid: false, reason };
      }
      return { valid: true };
    };
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, prefixId: 'editor' }),
      modes: [
        new TerraDrawPolygonMode({
          snapping: { toCoordinate: true, toCustom: snapping.toCustom },
          // Escape is ours (cancels the whole edit); Enter closes the polygon.
          keyEvents: { cancel: null, finish: 'Enter' },
          validation: polygonValidation as never,
          styles: { fillColor: EDIT_COLOR, fillOpacity: 0.18, outlineColor: EDIT_COLOR, outlineWidth: 2.5, closingPointColor: '#ffffff', closingPointOutlineColor: EDIT_COLOR, closingPointOutlineWidth: 2, closingPointWidth: 6, snappingPointColor: '#f59f00', snappingPointWidth: 6 },
        }),
        new TerraDrawLineStringMode({
          snapping: { toCustom: snapping.toCustom },
          keyEvents: { cancel: null, finish: 'Enter' },
          styles: { lineStringColor: LINE_COLOR, lineStringWidth: 3, closingPointColor: LINE_COLOR, closingPointWidth: 5 },
        }),
        new TerraDrawSelectMode({
          allowManualDeselection: false,
          keyEvents: { deselect: null, delete: null, rotate: null, scale: null },
          flags: {
            polygon: {
              feature: {
                draggable: true,
                selfIntersectable: false,
                validation: polygonValidation as never,
                coordinates: { draggable: true, midpoints: true, deletable: true, snappable: { toCustom: snapping.toCustom } as never },
              },
            },
          },
          styles: { selectedPolygonColor: EDIT_COLOR, selectedPolygonFillOpacity: 0.2, selectedPolygonOutlineColor: EDIT_COLOR, selectedPolygonOutlineWidth: 2.5, selectionPointColor: '#ffffff', selectionPointOutlineColor: EDIT_COLOR, selectionPointWidth: 5, selectionPointOutlineWidth: 2, midPointColor: EDIT_COLOR, midPointWidth: 3 },
        }),
      ],
      undoRedo: { modeLevel: new TerraDrawModeUndoRedo(), sessionLevel: new TerraDrawSessionUndoRedo() },
    });
    this.draw.start();
    this.draw.setMode('static');
    this.draw.on('change', () => this.emit());
    this.draw.on('history', () => this.emit());
    this.draw.on('finish', (id, ctx) => {
      const f = this.draw.getSnapshotFeature(id);
      if (ctx.action !== 'draw' || !f) return;
      if (f.geometry.type === 'Polygon') {
        // Go straight to vertex editing of the new polygon; its drawing history ends here.
        this.draw.setMode('select');
        this.tool = 'select';
        this.draw.selectFeature(id);
        this.draw.clearUndoRedoHistory();
        this.emit();
        options.onPolygonFinished();
      } else if (f.geometry.type === 'LineString') {
        options.onLineFinished(f.geometry as LineString);
      }
    });
  }

  /** Start clicking a new polygon, or a hole to cut (anything in the store is dropped). */
  startPolygon(soort: Soort = 'vlak'): void {
    this.reset('polygon');
    this.soort = soort;
  }

  /** Start clicking a line (for splitting). */
  startLine(): void {
    this.reset('linestring');
  }

  /**
   * Load an existing shape for vertex editing and dragging. terra-draw has no
   * MultiPolygon: each part becomes its own polygon (click a part to edit it),
   * and state() joins them again in the same order. Nor has it holes: a part is
   * edited by its outer ring, and its holes (cut with "Gat maken") are kept
   * as they are and put back by state().
   */
  edit(geometry: Polygon | MultiPolygon): void {
    this.reset('select');
    const parts: Position[][][] = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    const ids = parts.map(() => this.draw.getFeatureId());
    parts.forEach((rings, i) => this.holes.set(ids[i], rings.slice(1)));
    this.partIds = ids;
    const results = this.draw.addFeatures(parts.map((rings, i) => ({
      id: ids[i], type: 'Feature', geometry: { type: 'Polygon', coordinates: [rings[0]] }, properties: { mode: 'polygon' },
    })));
    const refused = results.find((r) => !r.valid);
    if (refused) {
      this.options.onRefused(refused.reason ?? '');
      return;
    }
    this.draw.selectFeature(ids[0]);
    this.draw.clearUndoRedoHistory();
    this.emit();
  }

  /** The holes kept aside while their parts are edited (for display). */
  keptHoles(): Polygon[] {
    return [...this.holes.values()].flat().map((ring) => ({ type: 'Polygon', coordinates: [ring] }));
  }

  /** Forget everything drawn; the map is back to plain viewing. */
  clear(): void {
    this.reset('static');
  }

  undo(): void {
    if (this.draw.canUndo()) this.draw.undo();
    this.emit();
  }

  redo(): void {
    if (this.draw.canRedo()) this.draw.redo();
    this.emit();
  }

  state(): DrawState {
    const found: { id: unknown; polygon: Polygon }[] = [];
    let line: LineString | null = null;
    for (const f of this.draw.getSnapshot()) {
      const p = f.properties as Record<string, unknown>;
      // Skip guidance features (closing, snapping and selection points).
      if (f.geometry.type === 'Polygon' && p.mode === 'polygon') {
        const outer = (f.geometry as Polygon).coordinates[0];
        found.push({ id: f.id, polygon: { type: 'Polygon', coordinates: [outer, ...(this.holes.get(f.id) ?? [])] } });
      }
      if (f.geometry.type === 'LineString' && p.mode === 'linestring') line = f.geometry as LineString;
    }
    // Parts in the order they were loaded, whatever order the store lists them in.
    const rank = (id: unknown) => {
      const i = this.partIds.indexOf(id);
      return i < 0 ? this.partIds.length : i;
    };
    const polygons = found.sort((a, b) => rank(a.id) - rank(b.id)).map((x) => x.polygon);
    return {
      tool: this.tool,
      drawing: this.draw.getModeState() === 'drawing',
      polygon: polygons.length === 0 ? null : polygons.length === 1 ? polygons[0]
        : { type: 'MultiPolygon', coordinates: polygons.map((x) => x.coordinates) },
      line,
      canUndo: this.draw.canUndo(),
      canRedo: this.draw.canRedo(),
    };
  }

  destroy(): void {
    try {
      this.draw.stop();
    } catch {
      // The map may already be gone (the page is unmounting).
    }
  }

  private reset(tool: DrawTool): void {
    this.soort = 'vlak';
    this.holes.clear();
    this.partIds = [];
    this.draw.setMode('static');
    this.draw.clear();
    this.draw.clearUndoRedoHistory();
    this.draw.setMode(tool);
    this.tool = tool;
    this.emit();
  }

  private emit(): void {
    this.options.onState(this.state());
  }
}
