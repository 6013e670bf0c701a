// A full page over the map (accounts, own account): its title with a line under it, a
// close button, and the page's content; the same head on every such page.
import type { ReactNode } from 'react';
import { CloseButton } from './CloseButton.tsx';

export function PageOverlay({ id, titel, intro, sluiten, onClose, testId, smal, children }: {
  /** Id of the title, which names the page for assistive technology. */
  id: string;
  titel: string;
  intro: ReactNode;
  /** The close button's accessible name. */
  sluiten: string;
  onClose: () => void;
  testId: string;
  smal?: boolean;
  children: ReactNode;
}) {
  return (
    <section className="page-overlay" aria-labelledby={id} data-testid={testId}>
      <div className={smal ? 'page page--narrow' : 'page'}>
        <header className="page-header">
          <div>
            <h2 id={id} className="page-title">{titel}</h2>
            <p className="page-intro">{intro}</p>
          </div>
          <CloseButton label={sluiten} onClose={onClose} />
        </header>
        {children}
      </div>
    </section>
  );
}
