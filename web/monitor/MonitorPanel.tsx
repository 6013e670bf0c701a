// The hectare monitor (issue #5): the region's balance at a peildatum, every
// figure clickable to show its polygons on the map, every table exportable.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { getJson } from '../api/client.ts';
import type { LoadedLayers } from '../api/hooks.ts';
import { downloadCsv } from './csv.ts';
import { BestuursovereenkomstenSectie } from './BestuursovereenkomstenBeheer.tsx';
import { highlight } from './highlight.ts';
import type { Balans, Bereik, Ids } from './types.ts';
import './monitor.css';

const nl1 = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const ha = (x: number) => `${nl1.format(x)} ha`;
const bereik = (b: Bereik) => `${nl1.format(b.min)} – ${nl1.format(b.max)} ha`;
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });

const STATUS_LABEL: Record<string, string> = {
  gepland: 'Gepland', geregeld: 'Geregeld', planologisch_mogelijk: 'Planologisch mogelijk', gerealiseerd: 'Gerealiseerd',
};

export function MonitorPanel({ map, layers, onClose }: { map: MapLibreMap | null; layers: LoadedLayers; onClose: () => void }) {
  const [peildatum, setPeildatum] = useState(today());
  const balans = useQuery({
    queryKey: ['balans', peildatum],
    queryFn: ({ signal }) => getJson<Balans>(`/api/balans?peildatum=${peildatum}`, signal),
  });
  const [active, setActive] = useState<string | null>(null);
  const show = (key: string, ids: Ids, zoom = false) => {
    setActive(key);
    if (map) highlight(map, layers, ids, zoom);
  };
  const b = balans.data;

  return (
    <aside className="monitor-panel" data-testid="monitor" aria-label="Monitor bedrijventerreinen">
      <header className="monitor-head">
        <div>
          <p className="panel-kicker">Monitor</p>
          <h2>Hectarebalans van de regio</h2>
        </div>
        <label className="monitor-peildatum">
          Peildatum
          <input type="date" value={peildatum} max={today()} onChange={(e) => e.target.value && setPeildatum(e.target.value)} />
        </label>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Monitor sluiten">×</button>
      </header>
      {balans.isPending && <p className="monitor-status">Balans wordt berekend…</p>}
      {balans.error && <p className="monitor-status" role="alert">{balans.error.message}</p>}
      {b && (
        <div className="monitor-body">
          <p className="monitor-note">Alle hectares zijn netto en berekend door PostGIS in RD New. Klik op een getal om de bijbehorende vlakken op de kaart te zien.</p>
          <section className="kpis">
            <Kpi id="verloren" label="Netto verloren" value={ha(b.regio.netto_verloren.ha)} active={active} onClick={() => show('verloren', b.regio.netto_verloren.ids, true)} />
            <Kpi id="toegewezen" label="Toegewezen compensatie" value={ha(b.regio.toegewezen.ha)} active={active} onClick={() => show('toegewezen', b.regio.compensatie_totaal.ids, true)} />
            <Kpi id="aandeel" label="Gecompenseerd" value={b.regio.aandeel_gecompenseerd == null ? '—' : `${Math.round(b.regio.aandeel_gecompenseerd * 100)} %`} active={active}
              onClick={() => show('aandeel', { ...b.regio.netto_verloren.ids, ...b.regio.compensatie_totaal.ids }, true)} />
            <Kpi id="saldo" label="Saldo (compensatie − verlies)" value={ha(b.regio.saldo_ha)} active={active}
              onClick={() => show('saldo', { ...b.regio.netto_verloren.ids, ...b.regio.compensatie_totaal.ids }, true)} />
          </section>
          <section className="status-row">
            {Object.entries(b.regio.compensatie_per_status).map(([status, c]) => (
              <button key={status} type="button" className={active === `status-${status}` ? 'chip active' : 'chip'} onClick={() => show(`status-${status}`, c.ids, true)}>
                {STATUS_LABEL[status] ?? status}: <strong>{ha(c.ha)}</strong>
              </button>
            ))}
          </section>

          <Table
            title="Per transformerende gemeente"
            csv="balans-per-gemeente.csv"
            header={['Gemeente', 'Verloren', 'Toegewezen binnen', 'Toegewezen elders', 'Restant']}
            rows={b.per_gemeente.map((g) => [g.gemeente, g.verloren.ha, g.toegewezen_binnen.ha, g.toegewezen_elders.ha, g.restant_ha])}
            onRow={(i) => { const g = b.per_gemeente[i]; show(`gemeente-${g.gemeente}`, { ...g.verloren.ids, ...g.toegewezen_binnen.ids, compensatie: [...(g.toegewezen_binnen.ids.compensatie ?? []), ...(g.toegewezen_elders.ids.compensatie ?? [])] }, true); }}
            activeRow={b.per_gemeente.findIndex((g) => active === `gemeente-${g.gemeente}`)}
          />
          <Chart data={b.per_gemeente.map((g) => ({ naam: g.gemeente, Verloren: g.verloren.ha, 'Binnen gemeente': g.toegewezen_binnen.ha, Elders: g.toegewezen_elders.ha }))}
            bars={[['Verloren', '#b3362f'], ['Binnen gemeente', '#2f7d4a'], ['Elders', '#7fb38f']]} />

          <Table
            title="Per milieucategorie"
            csv="balans-per-milieucategorie.csv"
            header={['Categorie', 'Verloren', 'Gecompenseerd']}
            rows={b.per_milieucategorie.map((c) => [c.milieucategorie, c.verloren.ha, c.gecompenseerd.ha])}
            onRow={(i) => { const c = b.per_milieucategorie[i]; show(`cat-${c.milieucategorie}`, { ...c.verloren.ids, ...c.gecompenseerd.ids }, true); }}
            activeRow={b.per_milieucategorie.findIndex((c) => active === `cat-${c.milieucategorie}`)}
          />
          <Chart data={b.per_milieucategorie.map((c) => ({ naam: `cat. ${c.milieucategorie}`, Verloren: c.verloren.ha, Gecompenseerd: c.gecompenseerd.ha }))}
            bars={[['Verloren', '#b3362f'], ['Gecompenseerd', '#2f7d4a']]} />

          <section className="monitor-section">
            <h3>Vraag en aanbod</h3>
            <dl className="vraag-aanbod">
              <dt>Ruimtevraag 2023–2040</dt><dd>{bereik(b.vraag_aanbod.vraag)}</dd>
              <dt>Aanbod op de kaart</dt>
              <dd>
                <button type="button" className="link-button" onClick={() => show('aanbod-hard', b.vraag_aanbod.aanbod_kaart.hard.ids, true)}>{ha(b.vraag_aanbod.aanbod_kaart.hard.ha)} hard</button>
                {' + '}
                <button type="button" className="link-button" onClick={() => show('aanbod-zacht', b.vraag_aanbod.aanbod_kaart.zacht.ids, true)}>{ha(b.vraag_aanbod.aanbod_kaart.zacht.ha)} zacht</button>
              </dd>
              <dt>Tekort t.o.v. kaart</dt><dd>{bereik(b.vraag_aanbod.tekort.kaart_hard)} (hard) · {bereik(b.vraag_aanbod.tekort.kaart_hard_en_zacht)} (hard + zacht)</dd>
              <dt>Gepubliceerd aanbod</dt><dd>{ha(b.vraag_aanbod.aanbod_gepubliceerd.hard_ha)} hard + {ha(b.vraag_aanbod.aanbod_gepubliceerd.zacht_ha)} zacht</dd>
              <dt>Tekort t.o.v. publicatie</dt><dd>{bereik(b.vraag_aanbod.tekort.gepubliceerd_hard)} (hard) · {bereik(b.vraag_aanbod.tekort.gepubliceerd_hard_en_zacht)} (hard + zacht)</dd>
            </dl>
            <p className="monitor-note">Een negatief tekort is een overschot. Bron publicatie: {b.vraag_aanbod.aanbod_gepubliceerd.bron ?? '—'}.</p>
          </section>

          <Table
            title="Plancapaciteit (beschikbare en potentiële kavels)"
            csv="plancapaciteit.csv"
            header={['Gemeente', 'Planstatus', 'Categorie', 'Status', 'Hectare']}
            rows={b.plancapaciteit.rijen.map((r) => [r.gemeente, r.planstatus, r.milieucategorie, r.status, r.ha])}
            onRow={(i) => show(`plan-${i}`, b.plancapaciteit.rijen[i].ids, true)}
            activeRow={b.plancapaciteit.rijen.findIndex((_, i) => active === `plan-${i}`)}
          />

          <section className="monitor-section">
            <div className="section-head">
              <h3>Signaleringen ({b.signaleringen.length})</h3>
              <button type="button" className="ghost-button small" onClick={() => downloadCsv('signaleringen.csv', ['Regel', 'Ernst', 'Tekst'], b.signaleringen.map((s) => [s.regel, s.ernst, s.tekst]))}>CSV</button>
            </div>
            {b.signaleringen.length === 0 && <p className="monitor-note">Geen signaleringen.</p>}
            <ul className="signaleringen">
              {b.signaleringen.map((s, i) => (
                <li key={i} className={`signalering ${s.ernst}`}>
                  <button type="button" onClick={() => show(`sig-${i}`, s.ids, true)}>
                    <span className="regel">{s.regel}</span> {s.tekst}
                  </button>
                </li>
              ))}
            </ul>
          </section>

          <BestuursovereenkomstenSectie rijen={b.bestuursovereenkomsten} actief={active} onRij={(key, ids) => show(key, ids, true)} />
        </div>
      )}
    </aside>
  );
}

function Kpi({ id, label, value, active, onClick }: { id: string; label: string; value: string; active: string | null; onClick: () => void }) {
  return (
    <button type="button" className={active === id ? 'kpi active' : 'kpi'} onClick={onClick} data-testid={`kpi-${id}`}>
      <span className="kpi-label">{label}</span>
      <span className="kpi-value">{value}</span>
    </button>
  );
}

function Table({ title, csv, header, rows, onRow, activeRow, format }: {
  title: string; csv: string; header: string[]; rows: unknown[][];
  onRow?: (i: number) => void; activeRow?: number; format?: (v: unknown, col: number) => string;
}) {
  const fmt = format ?? ((v: unknown) => (typeof v === 'number' ? ha(v) : String(v)));
  return (
    <section className="monitor-section">
      <div className="section-head">
        <h3>{title}</h3>
        <button type="button" className="ghost-button small" onClick={() => downloadCsv(csv, header, rows)}>CSV</button>
      </div>
      <table className="monitor-table">
        <thead><tr>{header.map((h) => <th key={h}>{h}</th>)}</tr></thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className={i === activeRow ? 'active' : undefined} onClick={onRow ? () => onRow(i) : undefined}>
              {r.map((v, j) => <td key={j}>{fmt(v, j)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

// Sizes are explicit: headless browsers and projectors alike render it the same.
function Chart({ data, bars }: { data: Record<string, string | number>[]; bars: [string, string][] }) {
  if (data.length === 0) return null;
  return (
    <div className="monitor-chart">
      <ResponsiveContainer width="100%" height={200}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="naam" tick={{ fontSize: 12 }} />
          <YAxis tick={{ fontSize: 12 }} unit=" ha" width={60} />
          <Tooltip formatter={(v) => ha(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {bars.map(([key, color]) => <Bar key={key} dataKey={key} fill={color} isAnimationActive={false} />)}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
