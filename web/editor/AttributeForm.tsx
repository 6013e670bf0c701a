// The Dutch attribute form of one layer, driven by fields.ts.
import { useFeature, useMilieucategorieen } from '../api/hooks.ts';
import { formatEnum, formatHectare } from '../i18n/format.ts';
import { te } from '../i18n/nl-editor.ts';
import type { EditableLayer, LayerFeature, VlakDeel } from '../api/layers.ts';
import { ZittendeBedrijven } from './ZittendeBedrijven.tsx';
import type { ReactNode } from 'react';
import { t } from '../i18n/nl.ts';
import { FIELDS, type FormValues } from './fields.ts';
import { today } from '../../server/domain/dates.ts';

interface AttributeFormProps {
  layer: EditableLayer;
  values: FormValues;
  onChange: (values: FormValues) => void;
  disabled?: boolean;
  /** The gemeenten under the drawing (largest share first): the choices for a 'gemeente' field. */
  gemeenten?: VlakDeel[];
  /** The terreinen around the view (the editor's records): the choices for a 'terrein' field, besides the current one. */
  terreinen?: readonly LayerFeature<'terreinen'>[];
}

export function AttributeForm({ layer, values, onChange, disabled, gemeenten, terreinen }: AttributeFormProps) {
  const categories = useMilieucategorieen();
  // The chosen terrein stays a choice when it is not around the view (its name asked for by id).
  const chosen = Number(values.terrein_id) || null;
  const chosenElsewhere = chosen !== null && !terreinen?.some((tr) => tr.id === chosen);
  const chosenFeature = useFeature('terreinen', chosenElsewhere ? chosen : null).data;
  const terreinKeuzes = chosenElsewhere && chosenFeature ? [...(terreinen ?? []), chosenFeature] : terreinen ?? [];
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
          case 'bedrijven':
            return (
              <ZittendeBedrijven key={field.key} id={id} label={field.label} value={String(value ?? '[]')}
                onChange={(v) => set(field.key, v)} disabled={disabled} />
            );
          case 'gemeente':
            return <GemeenteKeuze key={field.key} id={id} label={label} value={String(value ?? '')} gemeenten={gemeenten ?? []}
              onChange={(v) => set(field.key, v)} disabled={disabled} />;
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
            if (field.workflowValue && value === field.workflowValue) {
              return (
                <div className="form-row" key={field.key}>
                  {label}
                  <output id={id} data-testid={`veld-${field.key}-workflow`}>{formatEnum(String(value))}</output>
                  <span className="feature-note">{te.statusViaMatch}</span>
                </div>
              );
            }
            const options: { value: string; label: string }[] =
              field.kind === 'enum' ? (field.options ?? []).map((o) => ({ value: o, label: formatEnum(o) }))
              : field.kind === 'categorie' ? (categories.data ?? []).map((c) => ({ value: c.code, label: `${c.code} · ${c.omschrijving}` }))
              : terreinKeuzes
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
                  required={field.required} onChange={(e) => set(field.key, e.target.value)}
                  max={field.vandaag ? today() : undefined} data-testid={field.vandaag ? 'ingangsdatum' : undefined} />
                {field.vandaag && <span className="feature-note">De datum waarop deze wijziging ingaat; de monitor toont elke peildatum met de wijzigingen tot en met die dag.</span>}
              </div>
            );
        }
      })}
    </div>
  );
}

/**
 * The gemeente follows the drawing; only where the polygon lies in more than one can
 * the werkgroep choose among those. Empty means "follow the drawing".
 */
function GemeenteKeuze({ id, label, value, gemeenten, onChange, disabled }: {
  id: string; label: ReactNode; value: string; gemeenten: VlakDeel[]; onChange: (v: string) => void; disabled?: boolean;
}) {
  const current = gemeenten.find((g) => String(g.id) === value);
  if (gemeenten.length < 2) {
    return (
      <div className="form-row">
        {label}
        <output id={id} className="gemeente-afgeleid" data-testid="gemeente-afgeleid">
          {(current ?? gemeenten[0])?.naam ?? te.onderVlak.gemeenteVolgt}
          {gemeenten.length === 1 && <span className="feature-note"> · {te.onderVlak.gemeenteVolgt}</span>}
        </output>
      </div>
    );
  }
  return (
    <div className="form-row">
      {label}
      <select id={id} value={current ? value : ''} disabled={disabled} onChange={(e) => onChange(e.target.value)} data-testid="gemeente-keuze">
        {!current && <option value="">{te.onderVlak.gemeenteVolgtMet(gemeenten[0].naam ?? '')}</option>}
        {gemeenten.map((g) => <option key={g.id} value={String(g.id)}>{te.onderVlak.gemeenteOptie(g.naam ?? `#${g.id}`, formatHectare(g.ha))}</option>)}
      </select>
      <span className="feature-note">{te.onderVlak.gemeenteKeuze}</span>
    </div>
  );
}
