// The editing session as state and the steps that change it (a reducer): which
// object is being drawn or edited, and what the map, the server and the last
// write said about it. Pure: the drawing on the map follows it (useEditor.ts).
import type { LineString } from 'geojson';
import type { EditableLayer, LayerName } from '../api/layers.ts';
import type { Milieuruimte, Waarschuwing } from '../api/edits.ts';

/** A part of a split, for the edit form that opens on part 1 right after it. */
export interface SplitDeel {
  id: number;
  naam: string | null;
}

export type EditSession =
  | { kind: 'nieuw'; layer: EditableLayer }
  | { kind: 'bewerken'; layer: EditableLayer; id: number; verwijderen?: boolean; gesplitst?: SplitDeel[] }
  | { kind: 'splitsen'; layer: EditableLayer; id: number }
  | { kind: 'gat'; layer: EditableLayer; id: number }
  | { kind: 'samenvoegen'; layer: EditableLayer; id: number; metId: number | null };

/** What the server said about the last write, shown with the saved record (its side panel). */
export interface Uitkomst {
  layer: LayerName;
  id: number;
  /** Warnings of a save (e.g. R-T1 niet_op_transformatielijst): saved all the same. */
  waarschuwingen: Waarschuwing[];
  /** A cut hole: its area and what remains, both from PostGIS. */
  gat?: { gat_ha: number; oppervlakte_ha: number };
}

/** A refusal of the server, with the spot it points at. */
export interface ServerProblem {
  message: string;
  locatie?: [number, number];
}

export interface EditorState {
  session: EditSession | null;
  /** Why the drawing refused the last click (self-intersection, too small, …). */
  refusal: string | null;
  problem: ServerProblem | null;
  /** The cutting line, once drawn (split). */
  finishedLine: LineString | null;
  /** Kavels that lose milieuruimte through the last saved housing plan (kept after the session). */
  milieuruimte: Milieuruimte | null;
  uitkomst: Uitkomst | null;
}

export const INITIAL_EDITOR_STATE: EditorState = {
  session: null, refusal: null, problem: null, finishedLine: null, milieuruimte: null, uitkomst: null,
};

export type EditorAction =
  /** A new session: everything of the previous one is forgotten. */
  | { type: 'begin'; session: EditSession }
  /** The session ends; what the last write reported stays with the saved record. */
  | { type: 'end' }
  | { type: 'refused'; reason: string }
  | { type: 'refusalCleared' }
  | { type: 'problem'; problem: ServerProblem | null }
  | { type: 'lineFinished'; line: LineString }
  /** Drawing again (a new line, a new polygon, the newest version): earlier findings no longer apply. */
  | { type: 'redrawn' }
  | { type: 'mergeTarget'; layer: LayerName; id: number }
  | { type: 'milieuruimte'; milieuruimte: Milieuruimte | null }
  | { type: 'uitkomst'; uitkomst: Uitkomst | null };

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'begin':
      return { ...INITIAL_EDITOR_STATE, session: action.session };
    case 'end':
      return { ...state, session: null, refusal: null, problem: null, finishedLine: null };
    case 'refused':
      return { ...state, refusal: action.reason };
    case 'refusalCleared':
      return state.refusal === null ? state : { ...state, refusal: null };
    case 'problem':
      return { ...state, problem: action.problem };
    case 'lineFinished':
      return { ...state, finishedLine: action.line };
    case 'redrawn':
      return { ...state, refusal: null, problem: null, finishedLine: null };
    case 'mergeTarget': {
      const s = state.session;
      // Only a neighbour of the same layer, never the record itself.
      if (s?.kind !== 'samenvoegen' || s.layer !== action.layer || s.id === action.id) return state;
      return { ...state, session: { ...s, metId: action.id } };
    }
    case 'milieuruimte':
      return { ...state, milieuruimte: action.milieuruimte };
    case 'uitkomst':
      return { ...state, uitkomst: action.uitkomst };
  }
}

/** The record a session edits, whose own old shape is not offered for snapping. */
export function editedRecord(session: EditSession | null): { layer: EditableLayer; id: number } | null {
  return session?.kind === 'bewerken' ? { layer: session.layer, id: session.id } : null;
}
