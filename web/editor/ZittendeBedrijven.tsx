// The zittende bedrijven of a transformatie: a short list of companies on the area,
// each a tenant or an owner-occupier, with a free note on where things stand.
import { formatEnum } from '../i18n/format.ts';
import { te } from '../i18n/nl-editor.ts';
import { GEBRUIKSPOSITIES } from '../../server/domain/layer-values.ts';
import type { ZittendBedrijf } from './fields.ts';

interface ZittendeBedrijvenProps {
  id: string;
  label: string;
  /** The list as JSON text (see fields.ts). */
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
}

export function ZittendeBedrijven({ id, label, value, onChange, disabled }: ZittendeBedrijvenProps) {
  const list = JSON.parse(value || '[]') as ZittendBedrijf[];
  const put = (next: ZittendBedrijf[]) => onChange(JSON.stringify(next));
  const set = (i: number, patch: Partial<ZittendBedrijf>) => put(list.map((b, j) => (j === i ? { ...b, ...patch } : b)));
  const huurders = list.filter((b) => b.gebruikspositie === 'huurder').length;

  return (
    <fieldset className="form-row zittende-bedrijven" id={id} data-testid="zittende-bedrijven" disabled={disabled}>
      <legend>{label}</legend>
      {list.length === 0 && <p className="feature-note">{te.bedrijven.geen}</p>}
      {list.map((b, i) => (
        <div className="zittend-bedrijf" key={i} data-testid="zittend-bedrijf">
          <input type="text" aria-label={te.bedrijven.naam} placeholder={te.bedrijven.naam} value={b.naam} maxLength={200}
            onChange={(e) => set(i, { naam: e.target.value })} />
          <select aria-label={te.bedrijven.positie} value={b.gebruikspositie}
            onChange={(e) => set(i, { gebruikspositie: e.target.value as ZittendBedrijf['gebruikspositie'] })}>
            {GEBRUIKSPOSITIES.map((p) => <option key={p} value={p}>{formatEnum(p)}</option>)}
          </select>
          <input type="text" aria-label={te.bedrijven.status} placeholder={te.bedrijven.statusHint} value={b.status ?? ''} maxLength={200}
            onChange={(e) => set(i, { status: e.target.value })} />
          <button type="button" className="icon-button danger-text" aria-label={te.bedrijven.verwijderen(b.naam)} title={te.bedrijven.verwijderen(b.naam)}
            onClick={() => put(list.filter((_, j) => j !== i))}>×</button>
        </div>
      ))}
      <div className="zittende-bedrijven-voet">
        <button type="button" className="secondary-button" onClick={() => put([...list, { naam: '', gebruikspositie: 'huurder' }])}>
          {te.bedrijven.toevoegen}
        </button>
        {list.length > 0 && <span className="feature-note" data-testid="zittende-telling">{te.bedrijven.telling(huurders, list.length - huurders)}</span>}
      </div>
    </fieldset>
  );
}
