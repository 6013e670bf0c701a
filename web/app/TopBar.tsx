// Product name, subtitle, the sample-data notice and the signed-in account.
import type { Me } from '../api/session.ts';
import { useLogout } from '../api/session.ts';
import { t } from '../i18n/nl.ts';
import { SampleBadge } from '../panels/SampleBadge.tsx';
import { mag } from '../api/mag.ts';

export type Werkruimte = 'monitor' | 'ruimtevragen' | 'uitwisseling' | null;

/** Who gets the ruimtevragen workspace: whoever may read the register (regie in full, the werkgroep anonymised). */
const mayMatch = (me: Me) => mag(me, 'GET /api/ruimtevragen');

export function TopBar({ me, werkruimte, onWerkruimte }: { me: Me | null; werkruimte?: Werkruimte; onWerkruimte?: (w: Werkruimte) => void }) {
  const toggle = (w: Exclude<Werkruimte, null>) => onWerkruimte?.(werkruimte === w ? null : w);
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
        {me && onWerkruimte && mayMatch(me) && (
          <button type="button" className={werkruimte === 'ruimtevragen' ? 'ghost-button active' : 'ghost-button'} onClick={() => toggle('ruimtevragen')}
            data-testid="ruimtevragen-knop" aria-pressed={werkruimte === 'ruimtevragen'}>
            Ruimtevragen
          </button>
        )}
        {me && onWerkruimte && (
          <button type="button" className={werkruimte === 'monitor' ? 'ghost-button active' : 'ghost-button'} onClick={() => toggle('monitor')}
            data-testid="monitor-knop" aria-pressed={werkruimte === 'monitor'}>
            Monitor
          </button>
        )}
        {me && onWerkruimte && (
          <button type="button" className={werkruimte === 'uitwisseling' ? 'ghost-button active' : 'ghost-button'} onClick={() => toggle('uitwisseling')}
            data-testid="uitwisseling-knop" aria-pressed={werkruimte === 'uitwisseling'}>
            Uitwisseling
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
            <button type="button" className="ghost-button" onClick={() => logout.mutate()} disabled={logout.isPending}>
              {t.inloggen.uitloggen}
            </button>
          </div>
        )}
      </div>
    </header>
  );
}
