// The export menu: a layer as GeoPackage, Shapefile, GeoJSON, CSV or Excel, filtered
// by gemeente and status, within the map view, at a peildatum; and the monitor's tables.
import { useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useLayer } from '../api/hooks.ts';
import { KAVEL_STATUSSEN } from '../../server/domain/kavel-status.ts';
import { COMPENSATIE_STATUSSEN, TRANSFORMATIE_STATUSSEN } from '../../server/domain/layer-values.ts';
import { FORMATEN, MONITOR_TABELLEN } from '../../server/domain/exchange-codes.ts';
import { LAYER_NAMES, type LayerName } from '../api/layers.ts';
import { t } from '../i18n/nl.ts';
import { tx } from './nl.ts';
import type { ExportFormaat, MonitorTabel } from './api.ts';

// The choices offered, in this order; their values are checked against the API's parameters.
// The server's lists, checked against the contract.
FORMATEN satisfies readonly ExportFormaat[];
/** The statuses a layer's records can have (the export filters on them); the other layers have none. */
const STATUSSEN: Partial<Record<LayerName, readonly string[]>> = {
  kavels: KAVEL_STATUSSEN, transformaties: TRANSFORMATIE_STATUSSEN, compensaties: COMPENSATIE_STATUSSEN,
};
MONITOR_TABELLEN satisfies readonly MonitorTabel[];

export function ExportView({ map }: { map: MapLibreMap | null }) {
  const [laag, setLaag] = useState<LayerName>('kavels');
  const [formaat, setFormaat] = useState<(typeof FORMATEN)[number]>('gpkg');
  const [gemeente, setGemeente] = useState('');
  const [status, setStatus] = useState('');
  const [kaartbeeld, setKaartbeeld] = useState(false);
  const [peildatum, setPeildatum] = useState('');
  const [monitorFormaat, setMonitorFormaat] = useState<'xlsx' | 'csv'>('xlsx');
  const [tabel, setTabel] = useState<(typeof MONITOR_TABELLEN)[number]>('per_gemeente');

  const statussen = [...(STATUSSEN[laag] ?? [])].sort();
  const gemeentenLaag = useLayer('gemeenten');
  const gemeenten = (gemeentenLaag.data?.features ?? []).map((f) => ({ id: f.id as number, naam: f.properties.naam ?? '' })).sort((a, b) => a.naam.localeCompare(b.naam));

  /** The download URL; the map view is read at the moment of clicking. */
  const laagUrl = () => {
    const params = new URLSearchParams({ formaat });
    if (gemeente) params.set('gemeente_id', gemeente);
    if (status && statussen.includes(status)) params.set('status', status);
    if (peildatum) params.set('peildatum', peildatum);
    if (kaartbeeld && map) {
      const b = map.getBounds();
      params.set('bbox', [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((n) => n.toFixed(6)).join(','));
    }
    return `/api/export/lagen/${laag}?${params}`;
  };
  const monitorParams = new URLSearchParams({ formaat: monitorFormaat, tabel });
  if (peildatum) monitorParams.set('peildatum', peildatum);

  return (
    <div className="exchange-export" data-testid="export-menu">
      <section className="exchange-step">
        <div className="exchange-grid">
          <label>{tx.export.laag}
            <select data-testid="export-laag" value={laag} onChange={(e) => { setLaag(e.target.value as LayerName); setStatus(''); }}>
              {LAYER_NAMES.map((l) => <option key={l} value={l}>{t.lagen.naam[l]}</option>)}
            </select>
          </label>
          <label>{tx.export.gemeente}
            <select value={gemeente} onChange={(e) => setGemeente(e.target.value)}>
              <option value="">{tx.export.alle}</option>
              {gemeenten.map((g) => <option key={g.id} value={g.id}>{g.naam}</option>)}
            </select>
          </label>
          {statussen.length > 0 && (
            <label>{tx.export.status}
              <select value={status} onChange={(e) => setStatus(e.target.value)}>
                <option value="">{tx.export.alle}</option>
                {statussen.map((s) => <option key={s} value={s}>{s.replace(/_/g, ' ')}</option>)}
              </select>
            </label>
          )}
          <label>{tx.export.peildatum}
            <input type="date" value={peildatum} onChange={(e) => setPeildatum(e.target.value)} />
          </label>
        </div>
        <label className="exchange-check"><input type="checkbox" checked={kaartbeeld} onChange={(e) => setKaartbeeld(e.target.checked)} /> {tx.export.kaartbeeld}</label>
        <fieldset className="exchange-formats">
          <legend>{tx.export.formaat}</legend>
          {FORMATEN.map((f) => (
            <label key={f} className="exchange-check">
              <input type="radio" name="formaat" value={f} checked={formaat === f} onChange={() => setFormaat(f)} /> {tx.export.formaten[f]}
            </label>
          ))}
        </fieldset>
        <p className="monitor-note">{tx.export.uitleg}</p>
        <a className="primary-button exchange-download" href={laagUrl()} download data-testid="export-download"
          onClick={(e) => { e.currentTarget.href = laagUrl(); }}>{tx.export.downloaden}</a>
      </section>
      <section className="exchange-step">
        <h3>{tx.export.monitor}</h3>
        <div className="exchange-grid">
          <label>{tx.export.formaat}
            <select value={monitorFormaat} onChange={(e) => setMonitorFormaat(e.target.value as 'xlsx' | 'csv')}>
              <option value="xlsx">{tx.export.formaten.xlsx}</option>
              <option value="csv">{tx.export.formaten.csv}</option>
            </select>
          </label>
          {monitorFormaat === 'csv' && (
            <label>{tx.export.tabel}
              <select value={tabel} onChange={(e) => setTabel(e.target.value as typeof tabel)}>
                {MONITOR_TABELLEN.map((m) => <option key={m} value={m}>{tx.export.tabellen[m]}</option>)}
              </select>
            </label>
          )}
        </div>
        <p className="monitor-note">{tx.export.monitorUitleg}</p>
        <a className="secondary-button exchange-download" href={`/api/export/monitor?${monitorParams}`} download data-testid="export-monitor">{tx.export.downloaden}</a>
      </section>
    </div>
  );
}
