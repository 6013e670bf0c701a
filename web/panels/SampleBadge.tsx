// The "voorbeelddata" badge: generated sample data must never pass for policy data.
import { t } from '../i18n/nl.ts';

export function SampleBadge({ testId }: { testId?: string }) {
  return (
    <span className="sample-badge" data-testid={testId} title={t.voorbeeld.uitleg}>
      {t.voorbeeld.badge}
    </span>
  );
}
