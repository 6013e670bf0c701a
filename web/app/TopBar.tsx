// Product name, subtitle, the sample-data notice and the signed-in account.
import type { Me } from '../api/types.ts';
import { useLogout } from '../api/session.ts';
import { t } from '../i18n/nl.ts';
import { SampleBadge } from '../panels/SampleBadge.tsx';

export function TopBar({ me, onMonitor, monitorOpen }: { me: Me | null; onMonitor?: () => void; monitorOpen?: boolean }) {
  const logout = useLogout();
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
        <div className="sample-notice" data-testid="voorbeeld-notice">
          <SampleBadge testId="voorbeeld-badge" />
          <span className="sample-notice-text">{t.voorbeeld.uitleg}</span>
        </div>
        {me && onMonitor && (
          <button type="button" className={monitorOpen ? 'ghost-button active' : 'ghost-button'} onClick={onMonitor} data-testid="monitor-knop" aria-pressed={!!monitorOpen}>
            Monitor
          </button>
        )}
        {me && (
          <div className="account" data-testid="account">
            <div className="account-text">
              <span className="account-name">{me.naam}</span>
              <span className="account-role">
                {t.inloggen.rol[me.rol] ?? me.rol}
                {me.gemeente ? ` · ${me.gemeente}` : ''}
              </span>
            </div>
            <button type="button" className="ghost-button" onClick={() => logout.mutate(me)} disabled={logout.isPending}>
              {t.inloggen.uitloggen}
            </button>
          </div>
        )}
      </div>
    </header>
  );
}
