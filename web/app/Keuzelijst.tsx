// A labelled drop-down over a fixed list of codes, each shown by its Dutch name: the
// form fields and filters that choose a status, a reason, a gremium, a kind.
import type { ReactNode } from 'react';

export function Keuzelijst<T extends string>({ label, value, options, naam, onChange, className, testId, disabled }: {
  label: ReactNode;
  value: string;
  /** The codes in the order shown; a filter puts '' ('Alle') first. */
  options: readonly T[];
  naam: (code: T) => ReactNode;
  onChange: (code: T) => void;
  className?: string;
  testId?: string;
  disabled?: boolean;
}) {
  return (
    <label className={className}>{label}
      <select value={value} onChange={(e) => onChange(e.target.value as T)} data-testid={testId} disabled={disabled}>
        {options.map((code) => <option key={code} value={code}>{naam(code)}</option>)}
      </select>
    </label>
  );
}
