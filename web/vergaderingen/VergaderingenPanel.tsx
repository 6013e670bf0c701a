// The meeting workspace (issue #13): the regisseur creates a meeting, freezes its
// snapshot, compares it with the previous meeting (the changed polygons before and after
// on the map), records signaleringen and adviezen and afterwards the stuurgroep's
// decisions, and hands out the report. Werkgroep and stuurgroep read the same screen
// without the buttons. The second tab is the ruimtevragen aggregate.
import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { call, http, type Schemas } from '../api/http.ts';
import { mag } from '../api/mag.ts';
import { Keuzelijst } from '../app/Keuzelijst.tsx';
import type { Me } from '../api/session.ts';
import { formatDate, formatMoment } from '../i18n/format.ts';
import {
  ADVIES_SOORT_LABEL, ADVIES_SOORTEN, ADVIES_TYPE_LABEL, ADVIES_TYPES, BESLUIT_LABEL, BESLUITEN,
  type AdviesSoort, type AdviesType, type Besluit,
} from '../../server/domain/advies.ts';
import { GREMIA } from '../../server/domain/vergadering.ts';
import { today } from '../../server/domain/dates.ts';
import { RuimtevragenTotaal } from './RuimtevragenTotaal.tsx';
import { VergelijkingOverlay } from './overlay.ts';
import { VergelijkingTabellen } from './VergelijkingTabellen.tsx';
import { ObjectenLijst, ObjectKiezer, ToonOpKaart, type AdviesObject } from './AdviesObjecten.tsx';
import { tv } from './nl.ts';
import { useVergelijking } from './queries.ts';
import { highlight } from '../monitor/highlight.ts';
import '../monitor/monitor.css';
import './vergaderingen.css';
import { CloseButton } from '../app/CloseButton.tsx';

type Vergadering = Schemas['Vergadering'];
type Detail = Schemas['VergaderingDetail'];
type Advies = Schemas['Advies'];

const nl1 = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const ha = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${nl1.format(x)} ha`);

const LIJST_KEY = ['vergaderingen'] as const;
const detailKey = (id: number) => ['vergadering', id] as const;
const adviezenKey = (id: number) => ['adviezen', id] as const;

export function VergaderingenPanel({ me, map, onClose, onPresent }: {
  me: Me; map: MapLibreMap | null; onClose: () => void; onPresent: (id: number) => void;
}) {
  const [tab, setTab] = useState<'vergaderingen' | 'ruimtevragen'>('vergaderingen');
  const [gekozen, setGekozen] = useState<number | null>(null);
  // What an advies showed on the map goes when the meeting or the panel closes.
  useEffect(() => () => {
    if (map) highlight(map, {}, {}, false);
  }, [map, gekozen]);
  return (
    <aside className="monitor-panel vg-panel" data-map-panel data-testid="vergaderingen" aria-label={tv.titel}>
      <header className="monitor-head">
        <div>
          <p className="panel-kicker">{tv.kicker}</p>
          <h2>{tv.titel}</h2>
        </div>
        <CloseButton label={tv.sluiten} onClose={onClose} />
      </header>
      <nav className="vg-tabs" role="tablist">
        {(['vergaderingen', 'ruimtevragen'] as const).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? 'vg-tab active' : 'vg-tab'}
            onClick={() => setTab(t)} data-testid={`vg-tab-${t}`}>
            {tv.tabs[t]}
          </button>
        ))}
      </nav>
      <div className="monitor-body">
        {tab === 'ruimtevragen' ? (
          <RuimtevragenTotaal />
        ) : gekozen === null ? (
          <Lijst me={me} onOpen={setGekozen} />
        ) : (
          <VergaderingDetail key={gekozen} id={gekozen} me={me} map={map} onBack={() => setGekozen(null)} onPresent={() => onPresent(gekozen)} />
        )}
      </div>
    </aside>
  );
}

function Fout({ error }: { error: unknown }) {
  return error ? <p className="vg-fout" role="alert">{error instanceof Error ? error.message : String(error)}</p> : null;
}

/** A form that sends its mutation on submit, with the server's answer to a failure below it. */
function MutatieForm({ mutatie, className = 'vg-form', testId, children }: {
  mutatie: { mutate: () => void; error: unknown };
  className?: string;
  testId: string;
  children: ReactNode;
}) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutatie.mutate();
  };
  return (
    <form className={className} onSubmit={submit} data-testid={testId}>
      {children}
      <Fout error={mutatie.error} />
    </form>
  );
}

function Lijst({ me, onOpen }: { me: Me; onOpen: (id: number) => void }) {
  const lijst = useQuery({ queryKey: LIJST_KEY, queryFn: ({ signal }) => call(http.GET('/api/vergaderingen', { signal })) });
  return (
    <>
      {mag(me, 'POST /api/vergaderingen') && <NieuweVergadering onMade={onOpen} />}
      {!lijst.data ? (
        <p className="monitor-status">{lijst.error ? <Fout error={lijst.error} /> : tv.laden}</p>
      ) : lijst.data.length === 0 ? (
        <p className="monitor-note">{tv.geen}</p>
      ) : (
        <ul className="vg-lijst" data-testid="vg-lijst">
          {lijst.data.map((v) => (
            <li key={v.id}>
              <button type="button" className="vg-item" onClick={() => onOpen(v.id)} data-testid={`vg-item-${v.id}`}>
                <span className="vg-item-titel">{v.titel}</span>
                <span className="vg-item-meta">
                  {formatDate(v.datum)} · {tv.gremia[v.gremium]} · {v.snapshots.length ? tv.momentopnamen(v.snapshots.length) : tv.geenMomentopname}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function NieuweVergadering({ onMade }: { onMade: (id: number) => void }) {
  const client = useQueryClient();
  const [datum, setDatum] = useState(today());
  const [gremium, setGremium] = useState<(typeof GREMIA)[number]>('stuurgroep');
  const [titel, setTitel] = useState('');
  const maak = useMutation({
    mutationFn: () => call(http.POST('/api/vergaderingen', { body: { datum, gremium, titel: titel.trim() } })),
    onSuccess: async (v) => {
      await client.invalidateQueries({ queryKey: LIJST_KEY });
      onMade(v.id);
    },
  });
  return (
    <MutatieForm mutatie={maak} testId="vg-nieuw">
      <h3>{tv.nieuw}</h3>
      <div className="vg-rij">
        <label>{tv.datum}<input type="date" value={datum} onChange={(e) => setDatum(e.target.value)} required /></label>
        <Keuzelijst label={tv.gremium} value={gremium} options={GREMIA} naam={(g) => tv.gremia[g]} onChange={setGremium} />
      </div>
      <label>{tv.titelVeld}<input value={titel} onChange={(e) => setTitel(e.target.value)} required maxLength={200} data-testid="vg-titel" /></label>
      <button type="submit" className="primary-button" disabled={maak.isPending}>{tv.aanmaken}</button>
    </MutatieForm>
  );
}

function VergaderingDetail({ id, me, map, onBack, onPresent }: {
  id: number; me: Me; map: MapLibreMap | null; onBack: () => void; onPresent: () => void;
}) {
  const client = useQueryClient();
  const detail = useQuery({ queryKey: detailKey(id), queryFn: ({ signal }) => call(http.GET('/api/vergaderingen/{id}', { params: { path: { id } }, signal })) });
  const regie = mag(me, 'POST /api/vergaderingen/{id}/snapshot');
  const bevries = useMutation({
    mutationFn: () => call(http.POST('/api/vergaderingen/{id}/snapshot', { params: { path: { id } }, body: {} })),
    onSuccess: async (d) => {
      client.setQueryData(detailKey(id), d);
      await client.invalidateQueries({ queryKey: LIJST_KEY });
    },
  });
  const [vergelijken, setVergelijken] = useState(false);
  const d = detail.data;
  if (!d) return <p className="monitor-status">{detail.error ? <Fout error={detail.error} /> : tv.laden}</p>;
  const s = d.snapshot;
  return (
    <div data-testid="vg-detail">
      <button type="button" className="link-button" onClick={onBack}>{tv.terug}</button>
      <h3 className="vg-titel" data-testid="vg-detail-titel">{d.titel}</h3>
      <p className="vg-meta">
        {formatDate(d.datum)} · {tv.gremia[d.gremium]}{d.locatie ? ` · ${d.locatie}` : ''} · {tv.peildatum}: {s ? formatDate(s.peildatum) : d.peildatum ? formatDate(d.peildatum) : tv.peildatumStandaard}
      </p>
      {s ? (
        <p className="vg-snapshot" data-testid="vg-snapshot">
          {tv.bevroren(s.volgnummer, formatMoment(s.bevroren_op), s.bevroren_door)}
          <span className="vg-kenmerk" title={s.kenmerk}>{tv.kenmerk}: {s.kenmerk.slice(0, 12)}</span>
        </p>
      ) : (
        <p className="monitor-verleden">{tv.nogNiet}</p>
      )}
      <div className="vg-acties">
        <button type="button" className="primary-button" onClick={onPresent} data-testid="vg-presenteer">{tv.presenteer}</button>
        {s && (
          <a className="vg-knop" href={`/api/vergaderingen/${id}/rapport.pdf?snapshot=${s.id}`} target="_blank" rel="noreferrer" data-testid="vg-rapport">
            {tv.rapport}
          </a>
        )}
        {s && (
          <a className="vg-knop" href={`/print/vergadering/${id}?snapshot=${s.id}`} target="_blank" rel="noreferrer">{tv.afdrukweergave}</a>
        )}
        {regie && (
          <button type="button" className="primary-button" onClick={() => bevries.mutate()} disabled={bevries.isPending} data-testid="vg-bevries">
            {s ? tv.bevriesOpnieuw : tv.bevries}
          </button>
        )}
      </div>
      <Fout error={bevries.error} />
      {s && <Kerncijfers inhoud={s.inhoud} />}
      {s && (d.vorige ? (
        <section className="vg-section">
          <button type="button" className="vg-knop" aria-pressed={vergelijken} onClick={() => setVergelijken((x) => !x)} data-testid="vg-vergelijk">
            {vergelijken ? tv.verbergVergelijking : tv.vergelijk(d.vorige.titel)}
          </button>
          {vergelijken && <VergelijkingView id={id} met={d.vorige.id} map={map} />}
        </section>
      ) : <p className="monitor-note">{tv.geenVorige}</p>)}
      <Adviezen vergadering={d} me={me} map={map} />
    </div>
  );
}

const KERN = ['netto_verloren', 'vereiste_compensatie', 'toegewezen', 'nog_toe_te_wijzen', 'restant', 'compensatie_zonder_toewijzing'] as const;

function Kerncijfers({ inhoud }: { inhoud: { balans: Schemas['Balans'] } }) {
  const regio = inhoud.balans.regio;
  return (
    <section className="vg-section">
      <h3>{tv.kpis}</h3>
      <div className="kpis" data-testid="vg-kpis">
        {KERN.map((code) => (
          <div className="kpi" key={code} data-testid={`vg-kpi-${code}`}>
            <span className="kpi-label">{inhoud.balans.definities[code]?.label ?? code}</span>
            <span className="kpi-value">{ha(regio[code].ha)}</span>
          </div>
        ))}
      </div>
    </section>
  );
}

function VergelijkingView({ id, met, map }: { id: number; met: number; map: MapLibreMap | null }) {
  const v = useVergelijking(id, met, true);
  const overlay = useMemo(() => (map ? new VergelijkingOverlay(map) : null), [map]);
  useEffect(() => {
    if (overlay && v.data) overlay.toon(v.data);
    return () => overlay?.wis();
  }, [overlay, v.data]);
  if (!v.data) return <p className="monitor-status">{v.error ? <Fout error={v.error} /> : tv.laden}</p>;
  return <VergelijkingTabellen v={v.data} />;
}

function Adviezen({ vergadering, me, map }: { vergadering: Detail | Vergadering; me: Me; map: MapLibreMap | null }) {
  const lijst = useQuery({
    queryKey: adviezenKey(vergadering.id),
    queryFn: ({ signal }) => call(http.GET('/api/adviezen', { params: { query: { vergadering_id: vergadering.id } }, signal })),
  });
  const regie = mag(me, 'POST /api/adviezen');
  return (
    <section className="vg-section" data-testid="vg-adviezen">
      <h3>{tv.adviezen}</h3>
      {!lijst.data ? <p className="monitor-status">{lijst.error ? <Fout error={lijst.error} /> : tv.laden}</p>
        : lijst.data.length === 0 ? <p className="monitor-note">{tv.geenAdviezen}</p> : (
          <ul className="vg-adviezen">
            {lijst.data.map((a) => (
              <AdviesKaart key={a.id} advies={a} vergadering={vergadering} map={map}
                mayDecide={mag(me, 'PUT /api/adviezen/{id}/besluit')} mayEdit={mag(me, 'PATCH /api/adviezen/{id}')} />
            ))}
          </ul>
        )}
      {regie && <NieuwAdvies vergaderingId={vergadering.id} map={map} />}
    </section>
  );
}

function AdviesKaart({ advies: a, vergadering, map, mayDecide, mayEdit }: {
  advies: Advies; vergadering: { datum: string }; map: MapLibreMap | null; mayDecide: boolean; mayEdit: boolean;
}) {
  const [wijzigen, setWijzigen] = useState(false);
  return (
    <li className="vg-advies" data-testid={`advies-${a.id}`}>
      <p className="vg-advies-kop">
        <span className="vg-label">{ADVIES_SOORT_LABEL[a.soort]}</span> {ADVIES_TYPE_LABEL[a.type]} · {a.gevraagd ? tv.gevraagdJa : tv.gevraagdNee}
      </p>
      <p className="vg-advies-titel">{a.titel}</p>
      <p className="vg-advies-tekst">{a.tekst}</p>
      {wijzigen ? (
        <ObjectenWijzigen advies={a} map={map} onKlaar={() => setWijzigen(false)} />
      ) : (a.objecten.length > 0 || (mayEdit && !a.besluit)) && (
        <div className="vg-advies-betreft" data-testid={`advies-objecten-${a.id}`}>
          {a.objecten.length > 0 && <ObjectenLijst objecten={a.objecten} />}
          <div className="vg-acties">
            <ToonOpKaart map={map} objecten={a.objecten} testId={`toon-op-kaart-${a.id}`} />
            {mayEdit && !a.besluit && (
              <button type="button" className="vg-knop" onClick={() => setWijzigen(true)} data-testid={`objecten-wijzig-${a.id}`}>{tv.vlakken.wijzig}</button>
            )}
          </div>
        </div>
      )}
      {a.besluit ? (
        <p className={`vg-besluit vg-besluit-${a.besluit.besluit}`} data-testid={`besluit-${a.id}`}>
          <strong>{BESLUIT_LABEL[a.besluit.besluit]}</strong> ({formatDate(a.besluit.datum)}){a.besluit.toelichting ? `: ${a.besluit.toelichting}` : ''}
        </p>
      ) : mayDecide ? (
        <BesluitForm advies={a} vergadering={vergadering} />
      ) : (
        <p className="vg-besluit">{tv.geenBesluit}</p>
      )}
      {a.escalatie && <p className="vg-advies-betreft">{tv.escalatie}: {a.escalatie}</p>}
    </li>
  );
}

function BesluitForm({ advies, vergadering }: { advies: Advies; vergadering: { datum: string } }) {
  const client = useQueryClient();
  const [besluit, setBesluit] = useState<Besluit>('opgevolgd');
  const [toelichting, setToelichting] = useState('');
  const [escalatie, setEscalatie] = useState('');
  const vandaag = today();
  const leg = useMutation({
    mutationFn: () => call(http.PUT('/api/adviezen/{id}/besluit', {
      params: { path: { id: advies.id } },
      body: {
        version: advies.version, besluit, toelichting: toelichting.trim() || null, escalatie: escalatie.trim() || null,
        datum: vergadering.datum <= vandaag ? vergadering.datum : vandaag,
      },
    })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['adviezen'] }),
  });
  return (
    <MutatieForm mutatie={leg} className="vg-form vg-besluit-form" testId={`besluit-form-${advies.id}`}>
      <fieldset>
        <legend>{tv.besluit}</legend>
        {BESLUITEN.map((b) => (
          <label key={b} className="vg-radio"><input type="radio" name={`besluit-${advies.id}`} value={b} checked={besluit === b} onChange={() => setBesluit(b)} />{BESLUIT_LABEL[b]}</label>
        ))}
      </fieldset>
      <label>{tv.toelichting}<textarea value={toelichting} onChange={(e) => setToelichting(e.target.value)} rows={2} data-testid={`toelichting-${advies.id}`} /></label>
      <label>{tv.escalatie}<input value={escalatie} onChange={(e) => setEscalatie(e.target.value)} /></label>
      <button type="submit" className="primary-button" disabled={leg.isPending} data-testid={`besluit-opslaan-${advies.id}`}>{tv.besluitVastleggen}</button>
    </MutatieForm>
  );
}

/** Changes the records of an advies not yet decided on (PATCH with its version). */
function ObjectenWijzigen({ advies, map, onKlaar }: { advies: Advies; map: MapLibreMap | null; onKlaar: () => void }) {
  const client = useQueryClient();
  const [objecten, setObjecten] = useState<AdviesObject[]>(advies.objecten);
  const bewaar = useMutation({
    mutationFn: () => call(http.PATCH('/api/adviezen/{id}', {
      params: { path: { id: advies.id } },
      body: { version: advies.version, objecten: objecten.map(({ tabel, id }) => ({ tabel, id })) },
    })),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['adviezen'] });
      onKlaar();
    },
  });
  return (
    <div className="vg-form" data-testid={`objecten-form-${advies.id}`}>
      <ObjectKiezer map={map} gekozen={objecten} onChange={setObjecten} />
      <div className="vg-acties">
        <button type="button" className="primary-button" onClick={() => bewaar.mutate()} disabled={bewaar.isPending} data-testid={`objecten-opslaan-${advies.id}`}>
          {tv.vlakken.bewaar}
        </button>
        <button type="button" className="vg-knop" onClick={onKlaar}>{tv.vlakken.annuleer}</button>
      </div>
      <Fout error={bewaar.error} />
    </div>
  );
}

function NieuwAdvies({ vergaderingId, map }: { vergaderingId: number; map: MapLibreMap | null }) {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [soort, setSoort] = useState<AdviesSoort>('advies');
  const [type, setType] = useState<AdviesType>('compensatieopgave');
  const [gevraagd, setGevraagd] = useState(false);
  const [titel, setTitel] = useState('');
  const [tekst, setTekst] = useState('');
  const [objecten, setObjecten] = useState<AdviesObject[]>([]);
  const maak = useMutation({
    mutationFn: () => call(http.POST('/api/adviezen', {
      body: {
        soort, type, gevraagd, titel: titel.trim(), tekst: tekst.trim(), vergadering_id: vergaderingId,
        objecten: objecten.map(({ tabel, id }) => ({ tabel, id })),
      },
    })),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['adviezen'] });
      setTitel('');
      setTekst('');
      setObjecten([]);
      setOpen(false);
    },
  });
  if (!open) return <button type="button" className="vg-knop" onClick={() => setOpen(true)} data-testid="advies-nieuw">{tv.nieuwAdvies}</button>;
  return (
    <MutatieForm mutatie={maak} testId="advies-form">
      <h4>{tv.nieuwAdvies}</h4>
      <div className="vg-rij">
        <Keuzelijst label={tv.soort} value={soort} options={ADVIES_SOORTEN} naam={(s) => ADVIES_SOORT_LABEL[s]} onChange={setSoort} />
        <Keuzelijst label={tv.type} value={type} options={ADVIES_TYPES} naam={(s) => ADVIES_TYPE_LABEL[s]} onChange={setType} testId="advies-type" />
      </div>
      <label className="vg-radio"><input type="checkbox" checked={gevraagd} onChange={(e) => setGevraagd(e.target.checked)} />{tv.gevraagd}</label>
      <label>{tv.titelVeld}<input value={titel} onChange={(e) => setTitel(e.target.value)} required maxLength={200} data-testid="advies-titel" /></label>
      <label>{tv.tekst}<textarea value={tekst} onChange={(e) => setTekst(e.target.value)} required rows={3} data-testid="advies-tekst" /></label>
      <ObjectKiezer map={map} gekozen={objecten} onChange={setObjecten} />
      <button type="submit" className="primary-button" disabled={maak.isPending} data-testid="advies-opslaan">{tv.opslaan}</button>
    </MutatieForm>
  );
}
