// The Dutch attribute form of one layer, driven by fields.ts.
import { useMilieucategorieen, useLayer } from '../api/hooks.ts';
import { formatEnum } from '../i18n/format.ts';
import { t } from '../i18n/nl.ts';
import { FIELDS, type FormValues } from './fields.ts';
import type { EditableLayer } from './permissions.ts';

interface AttributeFormProps {
  layer: EditableLayer;
  values: FormValues;
  onChange: (values: FormValues) => void;
  disabled?: boolean;
}

export function AttributeForm({ layer, values, onChange, disabled }: AttributeFormProps) {
  const categories = useMilieucategorieen();
  const terreinen = useLayer('terreinen');
  const set = (key: string, value: string | boolean) => onChange({ ...values, [key]: value });

  return (
    <div className="attribute-form" data-testid="attribute-form">
      {FIELDS[layer].map((field) => {
        const id = `veld-${field.key}`;
        const label = (
          <label htmlFor={id}>
            {field.label}
            {field.required && <span className="required" aria-hidden="true"> *</span>}
          </label>
        );
        const value = values[field.key];
        switch (field.kind) {
          case 'bool':
            return (
              <div className="form-row form-row--check" key={field.key}>
                <input id={id} type="checkbox" checked={value === true} disabled={disabled}
                  onChange={(e) => set(field.key, e.target.checked)} />
                {label}
              </div>
            );
          case 'textarea':
            return (
              <div className="form-row" key={field.key}>
                {label}
                <textarea id={id} rows={3} value={String(value ?? '')} disabled={disabled} onChange={(e) => set(field.key, e.target.value)} />
              </div>
            );
          case 'enum':
          case 'categorie':
          case 'terrein': {
            const options: { value: string; label: string }[] =
              field.kind === 'enum' ? (field.options ?? []).map((o) => ({ value: o, label: formatEnum(o) }))
              : field.kind === 'categorie' ? (categories.data ?? []).map((c) => ({ value: c.code, label: `${c.code} · ${c.omschrijving}` }))
              : (terreinen.data?.features ?? [])
                .map((tr) => ({ value: String(tr.id), label: tr.properties.naam ?? `#${tr.id}` }))
                .sort((a, b) => a.label.localeCompare(b.label, 'nl'));
            return (
              <div className="form-row" key={field.key}>
                {label}
                <select id={id} value={String(value ?? '')} disabled={disabled} required={field.required}
                  onChange={(e) => set(field.key, e.target.value)}>
                  {(!field.required || !value) && <option value="">{field.required ? t.editor.kies : t.editor.geen}</option>}
                  {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                </select>
              </div>
            );
          }
          default:
            return (
              <div className="form-row" key={field.key}>
                {label}
                <input id={id} type={field.kind === 'date' ? 'date' : 'text'} value={String(value ?? '')} disabled={disabled}
                  required={field.required} onChange={(e) => set(field.key, e.target.value)} />
              </div>
            );
        }
      })}
    </div>
  );
}
