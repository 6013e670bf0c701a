// Product name, subtitle and the sample-data notice.
import { t } from '../i18n/nl.ts';
import { SampleBadge } from '../panels/SampleBadge.tsx';

export function TopBar() {
  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">071</span>
        <div>
          <h1 className="brand-name">{t.app.naam}</h1>
          <p className="brand-subtitle">{t.app.ondertitel}</p>
        </div>
      </div>
      <div className="sample-notice" data-testid="voorbeeld-notice">
        <SampleBadge testId="voorbeeld-badge" />
        <span className="sample-notice-text">{t.voorbeeld.uitleg}</span>
      </div>
    </header>
  );
}
