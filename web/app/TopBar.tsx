// Product name, subtitle, the sample-data notice, the workspaces and the signed-in
// account (its name opens the own-account screen). On a phone the workspaces and the
// account fold into a menu.
import { useState } from 'react';
import type { Me } from '../api/session.ts';
import { useLogout } from '../api/session.ts';
import { t } from '../i18n/nl.ts';
import { tAccounts } from '../i18n/nl-accounts.ts';
import { SampleBadge } from '../panels/SampleBadge.tsx';
import { mag } from '../api/mag.ts';
import './topbar.css';

export type Werkruimte = 'monitor' | 'vergaderingen' | 'ruimtevragen' | 'uitwisseling' | 'beheer' | 'account' | null;

/** Who gets the ruimtevragen workspace: whoever may read the register (regie in full, the werkgroep anonymised). */
const mayMatch = (me: Me) => mag(me, 'GET /api/ruimtevragen');

/** The beheer screen, for whom the server lets list the accounts. */
const mayManageAccounts = (me: Me) => mag(me, 'GET /api/accounts');

export function TopBar({ me, werkruimte, onWerkruimte }: { me: Me | null; werkruimte?: Werkruimte; onWerkruimte?: (w: Werkruimte) => void }) {
  const [menuOpen, setMenuOpen] = useState(false);
  const toggle = (w: Exclude<Werkruimte, null>) => {
    setMenuOpen(false);
    onWerkruimte?.(werkruimte === w ? null : w);
  };
  const logout = useLogout();
  const tab = (w: Exclude<Werkruimte, null>, label: string, testId: string) => (
    <button type="button" className={werkruimte === w ? 'ghost-button active' : 'ghost-button'} onClick={() => toggle(w)}
      data-testid={testId} aria-pressed={werkruimte === w}>
      {label}
    </button>
  );
  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">071</span>
        <div>
          <h1 className="brand-name">{t.app.naam}</h1>
          <p className="brand-subtitle">{t.app.ondertitel}</p>
        </div>
      </div>
      <div className="top-bar-end">
        {/* The notice takes the room the workspaces leave; its text shows only where it fits (topbar.css). */}
        <div className="sample-notice-slot">
          <div className="sample-notice" data-testid="voorbeeld-notice">
            <SampleBadge testId="voorbeeld-badge" />
            <span className="sample-notice-text">{t.voorbeeld.uitleg}</span>
          </div>
        </div>
        {me && (
          <button type="button" className="ghost-button menu-toggle" aria-expanded={menuOpen} aria-controls="hoofdmenu"
            onClick={() => setMenuOpen((open) => !open)} data-testid="menu-knop">
            {tAccounts.topbar.menu}
          </button>
        )}
        {me && (
          <nav id="hoofdmenu" className={menuOpen ? 'top-bar-menu open' : 'top-bar-menu'} aria-label={tAccounts.topbar.menu}>
            {onWerkruimte && mayMatch(me) && tab('ruimtevragen', 'Ruimtevragen', 'ruimtevragen-knop')}
            {onWerkruimte && tab('monitor', 'Monitor', 'monitor-knop')}
            {onWerkruimte && mag(me, 'GET /api/vergaderingen') && tab('vergaderingen', 'Vergaderingen', 'vergaderingen-knop')}
            {onWerkruimte && tab('uitwisseling', 'Uitwisseling', 'uitwisseling-knop')}
            {onWerkruimte && mayManageAccounts(me) && tab('beheer', tAccounts.topbar.accounts, 'beheer-knop')}
            <div className="account" data-testid="account">
              <button type="button" className={werkruimte === 'account' ? 'account-text account-link active' : 'account-text account-link'}
                onClick={() => toggle('account')} disabled={!onWerkruimte} aria-pressed={werkruimte === 'account'}
                title={tAccounts.topbar.mijnAccount} data-testid="mijn-account-knop">
                <span className="account-name">{me.naam}</span>
                <span className="account-role">
                  {t.inloggen.rol[me.rol] ?? me.rol}
                  {me.gemeente ? ` · ${me.gemeente}` : ''}
                </span>
              </button>
              <button type="button" className="ghost-button" disabled={logout.isPending}
                onClick={() => {
                  setMenuOpen(false);
                  onWerkruimte?.(null);
                  logout.mutate();
                }}>
                {t.inloggen.uitloggen}
              </button>
            </div>
          </nav>
        )}
      </div>
    </header>
  );
}
