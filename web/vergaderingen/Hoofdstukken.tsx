// The chapters of a meeting, made once from its content (frozen or live) and shown
// by the presentation mode one at a time and by the print page one after another:
// regio, voortgang, per gemeente, per milieucategorie, vraag en aanbod, signaleringen
// en adviezen, ruimtevragen (aggregate only), wat is er veranderd.
import type { ReactNode } from 'react';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, XAxis, YAxis } from 'recharts';
import type { Schemas } from '../api/http.ts';
import { formatDate } from '../i18n/format.ts';
import { ADVIES_SOORT_LABEL, ADVIES_TABEL_LABEL, ADVIES_TYPE_LABEL, BESLUIT_LABEL } from '../../server/domain/advies.ts';
import { FASEN } from '../../server/domain/kpi.ts';

type Balans = Schemas['Balans'];
type Reeks = Schemas['Reeks'];
type KpiCode = 'netto_verloren' | 'vereiste_compensatie' | 'toegewezen' | 'nog_toe_te_wijzen' | 'restant' | 'compensatie_zonder_toewijzing';
import { RuimtevragenTotaal } from './RuimtevragenTotaal.tsx';
import { VergelijkingTabellen } from './VergelijkingTabellen.tsx';
import { tv } from './nl.ts';
import '../monitor/monitor.css';
import './presentatie.css';

type Inhoud = { balans: unknown; reeks: unknown; adviezen: Schemas['Advies'][]; ruimtevragen: Schemas['RuimtevragenAggregaat'] };

export const HOOFDSTUK_CODES = ['regio', 'voortgang', 'gemeenten', 'milieucategorieen', 'vraag_aanbod', 'signaleringen', 'ruimtevragen', 'veranderd'] as const;
export type HoofdstukCode = (typeof HOOFDSTUK_CODES)[number];

export interface Hoofdstuk {
  code: HoofdstukCode;
  titel: string;
  /** What the map shows beside it: the region, or the changed polygons before and after. */
  kaart: 'regio' | 'vergelijking';
  inhoud: ReactNode;
}

const nl1 = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const ha = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${nl1.format(x)} ha`);
/** A table's figure: the unit stands in the column's head, so five columns fit a beamer's half screen. */
const getal = (x: number | null | undefined) => (x === null || x === undefined ? '–' : nl1.format(x));
const FASE_LABEL = { voorgenomen: 'Voorgenomen', in_procedure: 'In procedure', planologisch_verloren: 'Planologisch verloren' } as const;
const FASE_KLEUR = { voorgenomen: '#e8b4ae', in_procedure: '#d0675c', planologisch_verloren: '#9c2a22' } as const;
const TEGELS: KpiCode[] = ['netto_verloren', 'vereiste_compensatie', 'toegewezen', 'nog_toe_te_wijzen', 'restant', 'compensatie_zonder_toewijzing'];

function Kpis({ b, definities }: { b: Balans; definities: boolean }) {
  return (
    <div className="hs-kpis" data-testid="hs-kpis">
      {TEGELS.map((code) => (
        <div className="hs-kpi" key={code}>
          <span className="hs-kpi-label">{b.definities[code]?.label ?? code}</span>
          <span className="hs-kpi-waarde">{ha(b.regio[code as keyof Balans['regio']] && (b.regio[code as keyof Balans['regio']] as { ha: number }).ha)}</span>
          {definities && <span className="hs-kpi-definitie">{b.definities[code]?.definitie}</span>}
        </div>
      ))}
    </div>
  );
}

function Voortgang({ reeks, breed }: { reeks: Reeks; breed: number }) {
  const data = reeks.jaren.map((j) => ({
    jaar: String(j.jaar), ...Object.fromEntries(FASEN.map((f) => [f, j.netto_verloren.per_fase[f].ha])), toegewezen: j.toegewezen.ha,
  }));
  return (
    <div className="hs-grafiek" data-testid="hs-voortgang">
      <ComposedChart width={breed} height={Math.round(breed * 0.55)} data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        {/* As many years as fit without overlapping, evenly spaced (a beamer or tablet has less room). */}
        <XAxis dataKey="jaar" interval="equidistantPreserveStart" minTickGap={12} />
        <YAxis unit=" ha" width={80} />
        <Legend />
        {FASEN.map((f) => <Bar key={f} dataKey={f} name={FASE_LABEL[f]} stackId="v" fill={FASE_KLEUR[f]} isAnimationActive={false} />)}
        <Line dataKey="toegewezen" name="Toegewezen" stroke="#1f4e8c" strokeWidth={3} dot={false} isAnimationActive={false} />
      </ComposedChart>
      <p className="hs-noot">Netto verloren per fase en toegewezen compensatie op 31 december van elk jaar; jaren na vandaag zijn een verwachting.</p>
    </div>
  );
}

function Tabel({ kop, rijen, testId }: { kop: string[]; rijen: (string | number)[][]; testId: string }) {
  // The wrapper lets a table too wide for a phone scroll sideways (presentatie.css).
  return (
    <div className="hs-tabel-rol">
      <table className="hs-tabel" data-testid={testId}>
        <thead><tr>{kop.map((k, i) => <th key={k} className={i ? 'getal' : undefined}>{k}</th>)}</tr></thead>
        <tbody>{rijen.map((r) => <tr key={String(r[0])}>{r.map((c, i) => <td key={i} className={i ? 'getal' : undefined}>{c}</td>)}</tr>)}</tbody>
      </table>
    </div>
  );
}

function VraagAanbod({ b }: { b: Balans }) {
  const va = b.vraag_aanbod;
  return (
    <dl className="hs-dl" data-testid="hs-vraag-aanbod">
      <dt>Vraag (raming)</dt><dd>{va.vraag ? `${nl1.format(va.vraag.min)} – ${nl1.format(va.vraag.max)} ha` : 'geen raming'}</dd>
      <dt>Aanbod op de kaart</dt><dd>{ha(va.aanbod_kaart.hard_ha)} hard, {ha(va.aanbod_kaart.zacht_ha)} zacht</dd>
      <dt>Gepubliceerd aanbod</dt><dd>{ha(va.aanbod_gepubliceerd.hard_ha)} hard, {ha(va.aanbod_gepubliceerd.zacht_ha)} zacht</dd>
      {va.tekort && <><dt>Tekort (hard en zacht)</dt><dd>{va.tekort.kaart_hard_en_zacht.tekst}</dd></>}
    </dl>
  );
}

function Signaleringen({ b, adviezen }: { b: Balans; adviezen: Schemas['Advies'][] }) {
  return (
    <div data-testid="hs-signaleringen">
      {b.signaleringen.length === 0 ? <p>Geen signaleringen uit de rekenregels.</p> : (
        <ul className="hs-lijst">{b.signaleringen.map((s, i) => <li key={i} className={`hs-${s.ernst}`}><strong>{s.regel}</strong> {s.tekst}</li>)}</ul>
      )}
      <h3>Adviezen van de regisseur</h3>
      {adviezen.length === 0 ? <p>Geen adviezen voor deze vergadering.</p> : (
        <ul className="hs-lijst">
          {adviezen.map((a) => (
            <li key={a.id}>
              <strong>{ADVIES_SOORT_LABEL[a.soort]}: {a.titel}</strong> <span className="hs-sub">({ADVIES_TYPE_LABEL[a.type]}, {a.gevraagd ? 'gevraagd' : 'ongevraagd'})</span>
              <div>{a.tekst}</div>
              {a.objecten.length > 0 && (
                <div className="hs-sub" data-testid={`hs-objecten-${a.id}`}>
                  {tv.betreft}: {a.objecten.map((o) => `${ADVIES_TABEL_LABEL[o.tabel].toLowerCase()} ${o.naam ?? `#${o.id}`}`).join(', ')}
                </div>
              )}
              {a.besluit && <div className="hs-besluit">Besluit: {BESLUIT_LABEL[a.besluit.besluit]} ({formatDate(a.besluit.datum)}){a.besluit.toelichting ? ` — ${a.besluit.toelichting}` : ''}</div>}
              {a.escalatie && <div className="hs-sub">Escalatie: {a.escalatie}</div>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The chapters of a meeting; `grafiekBreedte` sizes the series chart (presentation and print differ). */
export function hoofdstukken(inhoud: Inhoud, vergelijking: Schemas['Vergelijking'] | null, opties: { grafiekBreedte: number; definities: boolean }): Hoofdstuk[] {
  const b = inhoud.balans as Balans;
  const reeks = inhoud.reeks as Reeks;
  return [
    { code: 'regio', titel: 'De regio', kaart: 'regio', inhoud: <Kpis b={b} definities={opties.definities} /> },
    { code: 'voortgang', titel: 'Voortgang', kaart: 'regio', inhoud: <Voortgang reeks={reeks} breed={opties.grafiekBreedte} /> },
    {
      code: 'gemeenten', titel: 'Per gemeente', kaart: 'regio',
      inhoud: <Tabel testId="hs-gemeenten" kop={['Gemeente', 'Netto verloren (ha)', 'Toegewezen (ha)', 'Nog toe te wijzen (ha)', 'Restant (ha)']}
        rijen={b.per_gemeente.map((g) => [g.gemeente, getal(g.verloren.ha), getal(g.toegewezen_binnen.ha + g.toegewezen_elders.ha), getal(g.nog_toe_te_wijzen.ha), getal(g.restant.ha)])} />,
    },
    {
      code: 'milieucategorieen', titel: 'Per milieucategorie', kaart: 'regio',
      inhoud: <Tabel testId="hs-milieucategorieen" kop={['Milieucategorie', 'Verloren (ha)', 'Compensatie (ha)']}
        rijen={b.per_milieucategorie.map((m) => [`Categorie ${m.milieucategorie}`, getal(m.verloren.ha), getal(m.compensatie.ha)])} />,
    },
    { code: 'vraag_aanbod', titel: 'Vraag en aanbod', kaart: 'regio', inhoud: <VraagAanbod b={b} /> },
    { code: 'signaleringen', titel: 'Signaleringen en adviezen', kaart: 'regio', inhoud: <Signaleringen b={b} adviezen={inhoud.adviezen} /> },
    { code: 'ruimtevragen', titel: 'Ruimtevragen', kaart: 'regio', inhoud: <RuimtevragenTotaal aggregaat={inhoud.ruimtevragen} /> },
    {
      code: 'veranderd', titel: 'Wat is er veranderd', kaart: 'vergelijking',
      inhoud: vergelijking ? <VergelijkingTabellen v={vergelijking} /> : <p>Er is geen eerdere vergadering met een momentopname om mee te vergelijken.</p>,
    },
  ];
}
