// The hectare monitor (issues #5, #12): the region's balance on a peildatum, led by the
// progress per year; every KPI tile says what it counts; every figure is clickable to
// show its polygons on the map, which follows the peildatum (the polygons as they were
// on a past date, web/map/peildatum.ts); every table is exportable.
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { Bar, BarChart, CartesianGrid, Cell, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { call, http, type Schemas } from '../api/http.ts';
import { formatDate } from '../i18n/format.ts';
import { today } from '../../server/domain/dates.ts';
import { usePeildatum, zetKaart, zetPeildatum } from '../map/peildatum.ts';
import { downloadCsv } from './csv.ts';
import { BestuursovereenkomstenSectie } from './BestuursovereenkomstenBeheer.tsx';
import { highlight, type Vlakken } from './highlight.ts';
import { FASEN, type Fase } from '../../server/domain/kpi.ts';
import './monitor.css';
import { CloseButton } from '../app/CloseButton.tsx';

type Balans = Schemas['Balans'];
type Reeks = Schemas['Reeks'];
type Cijfer = Schemas['Cijfer'];
type Ids = Schemas['BronIds'];
type KpiCode = keyof Schemas['BalansDefinities'];

const nl1 = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const ha = (x: number) => `${nl1.format(x)} ha`;
const bereik = (b: { min: number; max: number }) => `${nl1.format(b.min)} – ${nl1.format(b.max)} ha`;
const REEKS_VAN = 2020;
const REEKS_TOT = 2040;

const STATUS_LABEL: Record<string, string> = {
  gepland: 'Gepland', geregeld: 'Geregeld', planologisch_mogelijk: 'Planologisch mogelijk', gerealiseerd: 'Gerealiseerd',
};
export const FASE_LABEL: Record<Fase, string> = {
  voorgenomen: 'Voorgenomen', in_procedure: 'In procedure', planologisch_verloren: 'Planologisch verloren',
};
const FASE_KLEUR: Record<Fase, string> = { voorgenomen: '#e8b4ae', in_procedure: '#d0675c', planologisch_verloren: '#9c2a22' };
const TILES: KpiCode[] = ['netto_verloren', 'vereiste_compensatie', 'toegewezen', 'nog_toe_te_wijzen', 'restant', 'compensatie_zonder_toewijzing'];

export function MonitorPanel({ map, onClose }: { map: MapLibreMap | null; onClose: () => void }) {
  const { peildatum: gekozen, kaart } = usePeildatum();
  const vandaag = today();
  const peildatum = gekozen ?? vandaag;
  const verleden = peildatum < vandaag;
  const balans = useQuery({
    queryKey: ['balans', peildatum],
    queryFn: ({ signal }) => call(http.GET('/api/balans', { params: { query: verleden ? { peildatum } : {} }, signal })),
  });
  const reeks = useQuery({
    queryKey: ['balans-reeks', REEKS_VAN, REEKS_TOT],
    queryFn: ({ signal }) => call(http.GET('/api/balans/reeks', { params: { query: { van: String(REEKS_VAN), tot: String(REEKS_TOT) } }, signal })),
  });
  // The map follows a past peildatum.
  const kaartQuery = useQuery({
    queryKey: ['balans-kaart', peildatum],
    queryFn: ({ signal }) => call(http.GET('/api/balans/kaart', { params: { query: { peildatum } }, signal })),
    enabled: verleden,
  });
  useEffect(() => {
    zetKaart(verleden && kaartQuery.data ? kaartQuery.data : null);
  }, [verleden, kaartQuery.data]);
  // Closing the monitor brings the map back to today.
  useEffect(() => () => zetPeildatum(null), []);

  const [active, setActive] = useState<string | null>(null);
  // On a past peildatum the polygons as they were then; otherwise the map asks the server where the records lie.
  const zichtbaar: Vlakken = verleden && kaart ? { kavels: kaart.kavels, transformaties: kaart.transformaties, compensaties: kaart.compensaties } : {};
  const show = (key: string, ids: Ids, zoom = true) => {
    setActive(key);
    if (map) highlight(map, zichtbaar, ids, zoom);
  };
  const kies = (d: string) => zetPeildatum(d >= vandaag ? null : d);
  const b = balans.data;

  return (
    <aside className="monitor-panel" data-map-panel data-testid="monitor" aria-label="Monitor bedrijventerreinen">
      <header className="monitor-head">
        <div>
          <p className="panel-kicker">Monitor</p>
          <h2>Hectarebalans van de regio</h2>
        </div>
        <label className="monitor-peildatum">
          Peildatum
          <input type="date" value={peildatum} max={vandaag} min={b?.historie.eerste_geldig ?? undefined} data-testid="peildatum"
            onChange={(e) => e.target.value && kies(e.target.value)} />
        </label>
        <CloseButton label="Monitor sluiten" onClose={onClose} />
      </header>
      {verleden && (
        <p className="monitor-verleden" role="status" data-testid="monitor-verleden">
          De situatie op <strong>{formatDate(peildatum)}</strong>, uit de gedateerde historie.{' '}
          <button type="button" className="link-button" onClick={() => kies(vandaag)}>Naar vandaag</button>
        </p>
      )}
      <div className="monitor-body">
        <Voortgang reeks={reeks.data} fout={reeks.error?.message} peildatum={peildatum} vandaag={vandaag} onJaar={(d) => kies(d)}
          onFiguur={(key, ids) => show(key, ids)} />
        {balans.isPending && <p className="monitor-status">Balans wordt berekend…</p>}
        {balans.error && <p className="monitor-status" role="alert">{balans.error.message}</p>}
        {b && <BalansOpPeildatum b={b} active={active} show={show} />}
      </div>
    </aside>
  );
}

function BalansOpPeildatum({ b, active, show }: { b: Balans; active: string | null; show: (key: string, ids: Ids, zoom?: boolean) => void }) {
  const r = b.regio;
  const cijfers: Record<Exclude<KpiCode, 'plancapaciteit'>, Cijfer> = {
    netto_verloren: r.netto_verloren, vereiste_compensatie: r.vereiste_compensatie, toegewezen: r.toegewezen,
    nog_toe_te_wijzen: r.nog_toe_te_wijzen, restant: r.restant, compensatie_zonder_toewijzing: r.compensatie_zonder_toewijzing,
  };
  const leeg = b.historie.eerste_geldig && b.peildatum < b.historie.eerste_geldig;
  const va = b.vraag_aanbod;
  return (
    <>
      {leeg && <p className="monitor-note" role="status">Vóór {formatDate(b.historie.eerste_geldig)} is er geen gedateerde historie: de figuren hieronder zijn leeg.</p>}
      <p className="monitor-note">Alle hectares zijn netto en berekend door PostGIS in RD New. Klik op een getal om de vlakken erachter op de kaart te zien.</p>
      <section className="kpis" aria-label="Kerncijfers">
        {TILES.map((code) => (
          <Kpi key={code} id={code} label={b.definities[code].label} definitie={b.definities[code].definitie} value={ha(cijfers[code as keyof typeof cijfers].ha)}
            extra={code === 'toegewezen' && r.aandeel_gecompenseerd != null ? `${Math.round(r.aandeel_gecompenseerd * 100)} % van het vereiste` : undefined}
            active={active} onClick={() => show(code, cijfers[code as keyof typeof cijfers].ids)} />
        ))}
      </section>
      <section className="status-row" aria-label="Netto verloren per fase">
        {FASEN.map((f) => (
          <button key={f} type="button" className={active === `fase-${f}` ? 'chip active' : 'chip'} data-testid={`fase-${f}`}
            onClick={() => show(`fase-${f}`, r.netto_verloren.per_fase[f].ids)}>
            <span className="fase-stip" style={{ background: FASE_KLEUR[f] }} /> {FASE_LABEL[f]}: <strong>{ha(r.netto_verloren.per_fase[f].ha)}</strong>
          </button>
        ))}
      </section>
      <section className="status-row" aria-label="Compensatie per status">
        {Object.entries(r.compensatie_per_status).map(([status, c]) => (
          <button key={status} type="button" className={active === `status-${status}` ? 'chip active' : 'chip'} onClick={() => show(`status-${status}`, c.ids)}>
            Compensatie {STATUS_LABEL[status]?.toLowerCase() ?? status}: <strong>{ha(c.ha)}</strong>
          </button>
        ))}
      </section>
      {(r.toegewezen_telt_nog_niet.ha > 0 || r.overtoewijzing.ha > 0) && (
        <p className="monitor-note">
          {r.toegewezen_telt_nog_niet.ha > 0 && <>Nog niet meegeteld: {ha(r.toegewezen_telt_nog_niet.ha)} toegewezen uit compensaties die nog niet geregeld zijn. </>}
          {r.overtoewijzing.ha > 0 && <>Meer toegewezen dan vereist: {ha(r.overtoewijzing.ha)}.</>}
        </p>
      )}

      <Table
        title="Per transformatie"
        csv="balans-per-transformatie.csv"
        header={['Transformatie (gemeente)', 'Fase', 'Netto verloren', 'Toegewezen', 'Nog toe te wijzen', 'Restant']}
        rows={b.transformaties.map((t) => [`${t.naam} (${t.gemeente})`, FASE_LABEL[t.fase], t.netto_ha, t.toegewezen_ha, t.nog_toe_te_wijzen_ha, t.restant_ha])}
        onRow={(i) => show(`t-${b.transformaties[i].id}`, { transformatie: [b.transformaties[i].id] })}
        activeRow={b.transformaties.findIndex((t) => active === `t-${t.id}`)}
      />

      <Table
        title="Per transformerende gemeente"
        csv="balans-per-gemeente.csv"
        header={['Gemeente', 'Verloren', 'Toegewezen binnen', 'Toegewezen elders', 'Nog toe te wijzen', 'Restant']}
        rows={b.per_gemeente.map((g) => [g.gemeente, g.verloren.ha, g.toegewezen_binnen.ha, g.toegewezen_elders.ha, g.nog_toe_te_wijzen.ha, g.restant.ha])}
        onRow={(i) => { const g = b.per_gemeente[i]; show(`gemeente-${g.gemeente}`, { ...g.verloren.ids, compensatie: [...(g.toegewezen_binnen.ids.compensatie ?? []), ...(g.toegewezen_elders.ids.compensatie ?? [])] }); }}
        activeRow={b.per_gemeente.findIndex((g) => active === `gemeente-${g.gemeente}`)}
      />
      <Chart data={b.per_gemeente.map((g) => ({ naam: g.gemeente, Verloren: g.verloren.ha, 'Binnen gemeente': g.toegewezen_binnen.ha, Elders: g.toegewezen_elders.ha }))}
        bars={[['Verloren', '#b3362f'], ['Binnen gemeente', '#2f7d4a'], ['Elders', '#7fb38f']]} />

      <Table
        title="Per milieucategorie"
        csv="balans-per-milieucategorie.csv"
        header={['Categorie', 'Verloren', 'Compensatie (geregeld of verder)']}
        rows={b.per_milieucategorie.map((c) => [categorieLabel(c.milieucategorie), c.verloren.ha, c.compensatie.ha])}
        onRow={(i) => { const c = b.per_milieucategorie[i]; show(`cat-${c.milieucategorie}`, { ...c.verloren.ids, ...c.compensatie.ids }); }}
        activeRow={b.per_milieucategorie.findIndex((c) => active === `cat-${c.milieucategorie}`)}
      />

      <section className="monitor-section">
        <h3>Vraag en aanbod</h3>
        {va.vraag && va.tekort ? (
          <dl className="vraag-aanbod">
            <dt>Ruimtevraag {va.vraag.ramingen[0] ? `${va.vraag.ramingen[0].periode_van}–${va.vraag.ramingen[0].periode_tot}` : ''}</dt><dd>{bereik(va.vraag)}</dd>
            <dt>Aanbod op de kaart</dt>
            <dd>
              <button type="button" className="link-button" onClick={() => show('aanbod-hard', b.plancapaciteit.hard.ids)}>{ha(va.aanbod_kaart.hard_ha)} hard</button>
              {' + '}
              <button type="button" className="link-button" onClick={() => show('aanbod-zacht', b.plancapaciteit.zacht.ids)}>{ha(va.aanbod_kaart.zacht_ha)} zacht</button>
            </dd>
            <dt>Tegenover de kaart</dt><dd data-testid="tekort-kaart">{va.tekort.kaart_hard.tekst} (hard) · {va.tekort.kaart_hard_en_zacht.tekst} (hard en zacht)</dd>
            <dt>Gepubliceerd aanbod</dt><dd>{ha(va.aanbod_gepubliceerd.hard_ha)} hard + {ha(va.aanbod_gepubliceerd.zacht_ha)} zacht</dd>
            <dt>Tegenover de publicatie</dt><dd data-testid="tekort-publicatie">{va.tekort.gepubliceerd_hard.tekst} (hard) · {va.tekort.gepubliceerd_hard_en_zacht.tekst} (hard en zacht)</dd>
          </dl>
        ) : (
          <p className="monitor-note">Op deze peildatum was er nog geen gepubliceerde raming van vraag en aanbod.</p>
        )}
        {va.aanbod_gepubliceerd.bron && (
          <p className="monitor-note">Bron: {va.aanbod_gepubliceerd.bron}, gepubliceerd {formatDate(va.aanbod_gepubliceerd.gepubliceerd_op)}.</p>
        )}
      </section>

      <Table
        title="Plancapaciteit (beschikbare en potentiële kavels)"
        csv="plancapaciteit.csv"
        header={['Gemeente', 'Planstatus', 'Categorie', 'Status', 'Hectare']}
        rows={b.plancapaciteit.rijen.map((p) => [p.gemeente, p.planstatus, p.milieucategorie, p.status, p.ha])}
        onRow={(i) => show(`plan-${i}`, b.plancapaciteit.rijen[i].ids)}
        activeRow={b.plancapaciteit.rijen.findIndex((_, i) => active === `plan-${i}`)}
        note={b.definities.plancapaciteit.definitie}
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
              <button type="button" onClick={() => show(`sig-${i}`, s.ids)}>
                <span className="regel">{s.regel}</span> {s.tekst}
              </button>
            </li>
          ))}
        </ul>
      </section>

      <BestuursovereenkomstenSectie rijen={b.bestuursovereenkomsten} actief={active} onRij={(key, ids) => show(key, ids, true)} />
    </>
  );
}

const categorieLabel = (c: string) => (c === 'zonder_kavel' ? 'Zonder kavelindeling' : c === 'onbekend' ? 'Onbekend' : c);

/**
 * "Voortgang": per year as of 31 December, netto verloren per fase (stacked), toegewezen
 * and restant; plancapaciteit hard and zacht below. Years after today follow from the
 * dates entered (a planned vaststelling) and are marked as verwachting.
 */
function Voortgang({ reeks, fout, peildatum, vandaag, onJaar, onFiguur }: {
  reeks: Reeks | undefined; fout?: string; peildatum: string; vandaag: string;
  onJaar: (peildatum: string) => void; onFiguur: (key: string, ids: Ids) => void;
}) {
  if (fout) return <p className="monitor-status" role="alert">{fout}</p>;
  if (!reeks) return <p className="monitor-status">Voortgang wordt berekend…</p>;
  const jaarNu = Number(vandaag.slice(0, 4));
  const data = reeks.jaren.map((j) => ({
    jaar: j.jaar,
    ...Object.fromEntries(FASEN.map((f) => [FASE_LABEL[f], j.netto_verloren.per_fase[f].ha])),
    Toegewezen: j.toegewezen.ha,
    Restant: j.restant.ha,
    Hard: j.plancapaciteit.hard.ha,
    Zacht: j.plancapaciteit.zacht.ha,
  }));
  const peiljaar = Number(peildatum.slice(0, 4));
  const kies = (jaar: number | undefined) => {
    const j = reeks.jaren.find((x) => x.jaar === jaar);
    if (!j) return;
    if (!j.verwachting) onJaar(j.peildatum);
    onFiguur(`jaar-${j.jaar}`, { transformatie: FASEN.flatMap((f) => j.netto_verloren.per_fase[f].ids.transformatie ?? []) });
  };
  const csv = () => downloadCsv('voortgang.csv',
    ['Jaar (31 december)', 'Verwachting', ...FASEN.map((f) => `Netto verloren: ${FASE_LABEL[f].toLowerCase()}`), 'Netto verloren', 'Toegewezen', 'Nog toe te wijzen', 'Restant',
      'Compensatie gepland', 'Compensatie geregeld', 'Compensatie planologisch mogelijk', 'Compensatie gerealiseerd', 'Plancapaciteit hard', 'Plancapaciteit zacht'],
    reeks.jaren.map((j) => [j.jaar, j.verwachting ? 'ja' : 'nee', ...FASEN.map((f) => j.netto_verloren.per_fase[f].ha), j.netto_verloren.ha, j.toegewezen.ha,
      j.nog_toe_te_wijzen.ha, j.restant.ha, j.compensatie_per_status.gepland.ha, j.compensatie_per_status.geregeld.ha,
      j.compensatie_per_status.planologisch_mogelijk.ha, j.compensatie_per_status.gerealiseerd.ha, j.plancapaciteit.hard.ha, j.plancapaciteit.zacht.ha]));
  return (
    <section className="monitor-section voortgang" data-testid="voortgang">
      <div className="section-head">
        <h3>Voortgang {reeks.van}–{reeks.tot} (stand op 31 december)</h3>
        <button type="button" className="ghost-button small" onClick={csv}>CSV</button>
      </div>
      <p className="monitor-note">Klik op een jaar om de situatie op 31 december van dat jaar te zien. Vanaf {jaarNu} (lichter) is het een verwachting: wat de ingevoerde data, zoals een geplande vaststelling, ervan maken.</p>
      <div className="monitor-chart" data-testid="voortgang-grafiek">
        <ResponsiveContainer width="100%" height={220}>
          <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} onClick={(e) => kies(Number(e?.activeLabel))}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="jaar" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
            <YAxis tick={{ fontSize: 11 }} unit=" ha" width={58} />
            <Tooltip formatter={(v) => ha(Number(v))} labelFormatter={(j) => `31 december ${j}${Number(j) >= jaarNu ? ' (verwachting)' : ''}`} />
            <Legend wrapperStyle={{ fontSize: 11 }} itemSorter={null} />
            {FASEN.map((f) => (
              <Bar key={f} dataKey={FASE_LABEL[f]} stackId="verloren" fill={FASE_KLEUR[f]} isAnimationActive={false} cursor="pointer">
                {reeks.jaren.map((j) => <Cell key={j.jaar} fillOpacity={j.verwachting ? 0.45 : 1} />)}
              </Bar>
            ))}
            <Line dataKey="Toegewezen" stroke="#2f7d4a" strokeWidth={2} dot={false} isAnimationActive={false} />
            <Line dataKey="Restant" stroke="#1b2a41" strokeDasharray="4 3" strokeWidth={2} dot={false} isAnimationActive={false} />
            <ReferenceLine x={jaarNu} stroke="#8a94a6" strokeDasharray="2 2" label={{ value: 'nu', fontSize: 11, position: 'insideTopRight' }} />
            {peiljaar !== jaarNu && <ReferenceLine x={peiljaar} stroke="#c98a00" strokeWidth={2} />}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <div className="monitor-chart">
        <ResponsiveContainer width="100%" height={150}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} onClick={(e) => kies(Number(e?.activeLabel))}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="jaar" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
            <YAxis tick={{ fontSize: 11 }} unit=" ha" width={58} />
            <Tooltip formatter={(v) => ha(Number(v))} labelFormatter={(j) => `Plancapaciteit op 31 december ${j}`} />
            <Legend wrapperStyle={{ fontSize: 11 }} itemSorter={null} formatter={(v) => `Plancapaciteit ${String(v).toLowerCase()}`} />
            {(['Hard', 'Zacht'] as const).map((p) => (
              <Bar key={p} dataKey={p} stackId="plan" fill={p === 'Hard' ? '#2f5f8c' : '#9cbbd9'} isAnimationActive={false} cursor="pointer">
                {reeks.jaren.map((j) => <Cell key={j.jaar} fillOpacity={j.verwachting ? 0.45 : 1} />)}
              </Bar>
            ))}
            <ReferenceLine x={jaarNu} stroke="#8a94a6" strokeDasharray="2 2" />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}

function Kpi({ id, label, definitie, value, extra, active, onClick }: {
  id: string; label: string; definitie: string; value: string; extra?: string; active: string | null; onClick: () => void;
}) {
  return (
    <button type="button" className={active === id ? 'kpi active' : 'kpi'} onClick={onClick} data-testid={`kpi-${id}`} title={definitie}>
      <span className="kpi-label">{label}</span>
      <span className="kpi-value">{value}</span>
      {extra && <span className="kpi-extra">{extra}</span>}
      <span className="kpi-definitie">{definitie}</span>
    </button>
  );
}

function Table({ title, csv, header, rows, onRow, activeRow, note }: {
  title: string; csv: string; header: string[]; rows: unknown[][];
  onRow?: (i: number) => void; activeRow?: number; note?: string;
}) {
  const fmt = (v: unknown) => (typeof v === 'number' ? ha(v) : String(v));
  return (
    <section className="monitor-section">
      <div className="section-head">
        <h3>{title}</h3>
        <button type="button" className="ghost-button small" onClick={() => downloadCsv(csv, header, rows)}>CSV</button>
      </div>
      {note && <p className="monitor-note">{note}</p>}
      <div className="monitor-table-wrap">
        <table className="monitor-table">
          <thead><tr>{header.map((h, j) => <th key={h} className={typeof rows[0]?.[j] === 'number' ? 'getal' : undefined}>{h}</th>)}</tr></thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} className={i === activeRow ? 'active' : undefined} onClick={onRow ? () => onRow(i) : undefined}>
                {r.map((v, j) => <td key={j} className={typeof v === 'number' ? 'getal' : undefined}>{fmt(v)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
