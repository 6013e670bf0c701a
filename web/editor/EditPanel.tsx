// The side panel during an edit session: its title and the step of the session
// (steps/): draw a new record, edit one, split, cut a hole or merge. Server errors
// are shown as the server words them, with a marker where it points.
import { t } from '../i18n/nl.ts';
import { te } from '../i18n/nl-editor.ts';
import type { FeatureRef } from '../map/interaction.ts';
import type { EditSession } from './session.ts';
import type { Editor } from './useEditor.ts';
import { CreateStep } from './steps/CreateStep.tsx';
import { UpdateStep } from './steps/UpdateStep.tsx';
import { SplitStep } from './steps/SplitStep.tsx';
import { HoleStep } from './steps/HoleStep.tsx';
import { MergeStep } from './steps/MergeStep.tsx';
import { CloseButton } from '../app/CloseButton.tsx';

interface EditPanelProps {
  editor: Editor;
  session: EditSession;
  /** Open the side panel on a saved record (its PostGIS area replaces the preview); null after a hard delete. */
  onSaved: (ref: FeatureRef | null) => void;
}

function title(session: EditSession, kind: string): string {
  switch (session.kind) {
    case 'nieuw': return t.editor.nieuw(kind);
    case 'splitsen': return t.editor.splitsen;
    case 'gat': return te.gat.knop;
    case 'samenvoegen': return t.editor.samenvoegen;
    case 'bewerken': return t.editor.wijzigen(kind);
  }
}

export function EditPanel({ editor, session, onSaved }: EditPanelProps) {
  const kind = t.lagen.enkelvoud[session.layer];
  return (
    <aside className="feature-panel edit-panel" data-map-occluder data-testid="edit-panel" data-session={session.kind} data-layer={session.layer}>
      <header className="feature-header">
        <div>
          <div className="feature-kind">{kind}</div>
          <h2 className="feature-title">{title(session, kind)}</h2>
        </div>
        <CloseButton label={t.editor.annuleren} title={t.editor.annulerenHint} onClose={editor.tools.end} />
      </header>
      {session.kind === 'nieuw' && <CreateStep editor={editor} layer={session.layer} onSaved={onSaved} />}
      {session.kind === 'bewerken' && (
        <UpdateStep editor={editor} layer={session.layer} id={session.id} armDelete={!!session.verwijderen} gesplitst={session.gesplitst} onSaved={onSaved} />
      )}
      {session.kind === 'splitsen' && <SplitStep editor={editor} layer={session.layer} id={session.id} onSaved={onSaved} />}
      {session.kind === 'gat' && <HoleStep editor={editor} layer={session.layer} id={session.id} onSaved={onSaved} />}
      {session.kind === 'samenvoegen' && (
        <MergeStep editor={editor} layer={session.layer} id={session.id} metId={session.metId} onSaved={onSaved} />
      )}
    </aside>
  );
}
