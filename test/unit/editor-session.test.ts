// The editing session as a reducer (web/editor/session.ts).
import { describe, expect, it } from 'vitest';
import { editedRecord, editorReducer, INITIAL_EDITOR_STATE, type EditorState } from '../../web/editor/session.ts';

const line = { type: 'LineString' as const, coordinates: [[4.4, 52.1], [4.5, 52.2]] };
const milieuruimte = { nieuwe_functie: 'wonen' } as unknown as NonNullable<EditorState['milieuruimte']>;

describe('editor session', () => {
  it('forgets everything of the previous session when a new one begins', () => {
    const busy: EditorState = {
      session: { kind: 'splitsen', layer: 'kavels', id: 4 }, refusal: 'kruist', problem: { message: 'fout' }, finishedLine: line,
      milieuruimte, uitkomst: { layer: 'kavels', id: 4, waarschuwingen: [] },
    };
    expect(editorReducer(busy, { type: 'begin', session: { kind: 'nieuw', layer: 'kavels' } }))
      .toEqual({ ...INITIAL_EDITOR_STATE, session: { kind: 'nieuw', layer: 'kavels' } });
  });

  it('keeps what the last write reported when the session ends', () => {
    const saved: EditorState = {
      ...INITIAL_EDITOR_STATE, session: { kind: 'nieuw', layer: 'transformaties' }, refusal: 'x', problem: { message: 'y' },
      milieuruimte, uitkomst: { layer: 'transformaties', id: 9, waarschuwingen: [] },
    };
    const ended = editorReducer(saved, { type: 'end' });
    expect(ended.session).toBeNull();
    expect(ended.refusal).toBeNull();
    expect(ended.problem).toBeNull();
    expect(ended.milieuruimte).toBe(milieuruimte);
    expect(ended.uitkomst?.id).toBe(9);
  });

  it('clears the findings of the old drawing when drawing again', () => {
    const refused: EditorState = { ...INITIAL_EDITOR_STATE, session: { kind: 'splitsen', layer: 'kavels', id: 1 }, refusal: 'r', problem: { message: 'p' }, finishedLine: line };
    expect(editorReducer(refused, { type: 'redrawn' })).toMatchObject({ refusal: null, problem: null, finishedLine: null, session: refused.session });
    expect(editorReducer(refused, { type: 'refusalCleared' }).refusal).toBeNull();
  });

  it('takes a merge partner only of the same layer and never the record itself', () => {
    const merging: EditorState = { ...INITIAL_EDITOR_STATE, session: { kind: 'samenvoegen', layer: 'kavels', id: 5, metId: null } };
    expect(editorReducer(merging, { type: 'mergeTarget', layer: 'terreinen', id: 6 })).toBe(merging);
    expect(editorReducer(merging, { type: 'mergeTarget', layer: 'kavels', id: 5 })).toBe(merging);
    expect(editorReducer(merging, { type: 'mergeTarget', layer: 'kavels', id: 6 }).session).toEqual({ kind: 'samenvoegen', layer: 'kavels', id: 5, metId: 6 });
    const editing: EditorState = { ...INITIAL_EDITOR_STATE, session: { kind: 'bewerken', layer: 'kavels', id: 5 } };
    expect(editorReducer(editing, { type: 'mergeTarget', layer: 'kavels', id: 6 })).toBe(editing);
  });

  it('names the record whose old shape is not snapped to: only while editing it', () => {
    expect(editedRecord({ kind: 'bewerken', layer: 'kavels', id: 3 })).toEqual({ layer: 'kavels', id: 3 });
    expect(editedRecord({ kind: 'splitsen', layer: 'kavels', id: 3 })).toBeNull();
    expect(editedRecord(null)).toBeNull();
  });
});
