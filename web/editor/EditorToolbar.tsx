// The Dutch editing toolbar on the map: choose a layer, draw, edit vertices,
// undo/redo, cancel. Shown only to roles that may edit (see permissions.ts).
import { useState } from 'react';
import { t } from '../i18n/nl.ts';
import type { Editor } from './useEditor.ts';
import type { Me } from '../api/session.ts';
import { EDITABLE_LAYERS, mayCreate, type EditableLayer } from './permissions.ts';

export function EditorToolbar({ me, editor, canEditSelected, onEditSelected, onDeleteSelected }: {
  me: Me;
  editor: Editor;
  /** The selected feature may be edited by this account (enables "Selecteren/bewerken" and "Verwijderen"). */
  canEditSelected: boolean;
  onEditSelected: () => void;
  onDeleteSelected: () => void;
}) {
  const creatable = EDITABLE_LAYERS.filter((l) => mayCreate(me, l));
  const [layer, setLayer] = useState<EditableLayer>(creatable[0] ?? 'transformaties');
  const { state: { session, refusal }, draw, tools } = editor;
  const active = !!session;
  const drawingNew = session?.kind === 'nieuw';
  const editingShape = session?.kind === 'bewerken' || (drawingNew && draw.tool === 'select');

  return (
    <div className="editor-toolbar" role="toolbar" aria-label={t.editor.werkbalk} data-testid="editor-toolbar" data-session={active || undefined} data-map-occluder data-map-bar>
      <label className="editor-toolbar-layer">
        <span className="tool-label">{t.editor.laag}</span>
        <select value={layer} onChange={(e) => setLayer(e.target.value as EditableLayer)} disabled={active} aria-label={t.editor.laag} data-testid="editor-layer">
          {creatable.map((l) => <option key={l} value={l}>{t.lagen.enkelvoud[l]}</option>)}
        </select>
      </label>
      <button type="button" className={`tool-button${drawingNew && draw.tool === 'polygon' ? ' is-active' : ''}`}
        onClick={() => editor.start({ kind: 'nieuw', layer })} disabled={active} title={t.editor.tekenenHint} aria-label={t.editor.tekenen} data-testid="tool-tekenen">
        <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true"><path d="M4 15L7 4l9 4-4 8z" fill="none" stroke="currentColor" strokeWidth="1.7" /></svg>
        <span className="tool-label">{t.editor.tekenen}</span>
      </button>
      <button type="button" className={`tool-button${editingShape ? ' is-active' : ''}`}
        onClick={onEditSelected} disabled={active || !canEditSelected} title={t.editor.bewerkenHint} aria-label={t.editor.bewerken} data-testid="tool-bewerken">
        <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true"><path d="M4 4l5 12 2-5 5-2z" fill="none" stroke="currentColor" strokeWidth="1.7" /></svg>
        <span className="tool-label">{t.editor.bewerken}</span>
      </button>
      <button type="button" className="tool-button"
        onClick={drawingNew ? tools.redraw : onDeleteSelected}
        disabled={drawingNew ? !draw.polygon : active || !canEditSelected} title={t.editor.verwijderen} aria-label={t.editor.verwijderen} data-testid="tool-verwijderen">
        <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true"><path d="M5 6h10M8 6V4h4v2M6 6l1 10h6l1-10" fill="none" stroke="currentColor" strokeWidth="1.7" /></svg>
        <span className="tool-label">{t.editor.verwijderen}</span>
      </button>
      <span className="editor-toolbar-sep" aria-hidden="true" />
      {/* Undo and redo as icons everywhere (their names are the accessible names and hover hints). */}
      <button type="button" className="tool-button tool-geschiedenis" onClick={tools.undo} disabled={!draw.canUndo} title={t.editor.ongedaanHint} aria-label={t.editor.ongedaan} data-testid="tool-ongedaan">
        <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true"><path d="M7 5L3 9l4 4M3 9h9a5 5 0 010 10h-2" fill="none" stroke="currentColor" strokeWidth="1.7" /></svg>
      </button>
      <button type="button" className="tool-button tool-geschiedenis" onClick={tools.redo} disabled={!draw.canRedo} title={t.editor.opnieuwHint} aria-label={t.editor.opnieuw} data-testid="tool-opnieuw">
        <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true"><path d="M13 5l4 4-4 4M17 9H8a5 5 0 000 10h2" fill="none" stroke="currentColor" strokeWidth="1.7" /></svg>
      </button>
      {active && (
        <button type="button" className="tool-button" onClick={tools.end} title={t.editor.annulerenHint} aria-label={t.editor.annuleren} data-testid="tool-annuleren">
          <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true"><path d="M5 5l10 10M15 5L5 15" fill="none" stroke="currentColor" strokeWidth="1.7" /></svg>
          <span className="tool-label">{t.editor.annuleren}</span>
        </button>
      )}
      {refusal && (
        <div className="editor-refusal" role="alert" data-testid="editor-melding">{refusal}</div>
      )}
    </div>
  );
}
