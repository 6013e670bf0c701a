// The head of a side panel (monitor, matching, exchange): a kicker, the title, what the
// panel adds (a date picker, say) and the close button, the same in every panel.
import type { ReactNode } from 'react';
import { CloseButton } from './CloseButton.tsx';

export function PanelHeader({ kicker, titel, sluiten, onClose, children }: {
  kicker: string;
  titel: string;
  /** The close button's accessible name ("Monitor sluiten"). */
  sluiten: string;
  onClose: () => void;
  children?: ReactNode;
}) {
  return (
    <header className="monitor-head">
      <div>
        <p className="panel-kicker">{kicker}</p>
        <h2>{titel}</h2>
      </div>
      {children}
      <CloseButton label={sluiten} onClose={onClose} />
    </header>
  );
}
