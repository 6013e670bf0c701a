// The voortgangsrapportage of a meeting as a printable page (/print/vergadering/<id>?snapshot=<n>):
// the server prints it to PDF with headless Chromium, and a user can print it from the
// browser. A4 portrait, the map page A3 landscape: title, meeting, peildatum, date made,
// sources; the region map with legend, scale bar and north arrow; the KPIs with their
// definitions, the series, the tables, signaleringen, adviezen with decisions and the
// bestuursovereenkomsten. It tells the PDF renderer when it is complete
// (body[data-print-klaar]) or what failed (body[data-print-fout]).
import { useCallback, useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { call, http, type Schemas } from '../api/http.ts';
import { useConfig, useMilieucategorieen } from '../api/hooks.ts';
import { useBasemapStyle } from '../map/useBasemap.ts';
import { formatDate, formatMoment } from '../i18n/format.ts';
import { today } from '../../server/domain/dates.ts';
import { hoofdstukken } from '../vergaderingen/Hoofdstukken.tsx';
import { useVergaderingKaart, useVergelijking } from '../vergaderingen/queries.ts';
import { PrintKaart } from './PrintKaart.tsx';
import './print.css';

const GREMIUM: Record<string, string> = { stuurgroep: 'Stuurgroep', werkgroep: 'Werkgroep' };
const BRON_LABEL: Record<string, string> = { actueel: 'actuele registratie', historie: 'gedateerde historie', vastgelegd: 'vastgelegde stand' };
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

export function PrintRapport({ id, snapshot: snapshotId }: { id: number; snapshot?: number }) {
  const detail = useQuery({
    queryKey: ['vergadering', id, snapshotId],
    queryFn: ({ signal }) => call(http.GET('/api/vergaderingen/{id}', { params: { path: { id }, query: { snapshot: snapshotId } }, signal })),
  });
  const s = detail.data?.snapshot ?? null;
  const kaart = useVergaderingKaart(id, s);
  const vorige = detail.data?.vorige ?? null;
  const vergelijking = useVergelijking(id, vorige?.id, !!s && !!vorige && !snapshotId, [s?.id]);
  const config = useConfig();
  const categorieen = useMilieucategorieen();
  const stijl = useBasemapStyle(config.data?.basemapStyleUrl, (config.data?.attribution ?? []).length > 0);
  const [kaartKlaar, setKaartKlaar] = useState(false);
  const [fout, setFout] = useState<string | null>(null);
  const onKlaar = useCallback(() => setKaartKlaar(true), []);

  const queryFout = detail.error ?? kaart.error ?? vergelijking.error ?? config.error ?? categorieen.error ?? stijl.error;
  const melding = fout ?? (queryFout ? queryFout.message : detail.data && !s ? 'Deze vergadering heeft nog geen momentopname: bevries eerst de stand.' : null);
  const vergelijkingKlaar = !vorige || !!snapshotId || !!vergelijking.data;
  useEffect(() => {
    document.title = detail.data ? `Voortgangsrapportage — ${detail.data.titel}` : 'Voortgangsrapportage';
    if (melding) document.body.dataset.printFout = melding;
    else if (kaartKlaar && vergelijkingKlaar) document.body.dataset.printKlaar = 'true';
  }, [detail.data, melding, kaartKlaar, vergelijkingKlaar]);

  if (melding) return <main className="print-rapport"><p role="alert" className="print-fout">{melding}</p></main>;
  if (!detail.data || !s || !kaart.data || !stijl.data || !categorieen.data || !vergelijkingKlaar) {
    return <main className="print-rapport"><p>Het rapport wordt opgebouwd…</p></main>;
  }
  const d = detail.data;
  const inhoud = s.inhoud;
  const b: Schemas['Balans'] = inhoud.balans;
  const delen = hoofdstukken(inhoud, vergelijking.data ?? null, { grafiekBreedte: 640, definities: true });
  const deel = (code: string) => delen.find((h) => h.code === code)!;
  return (
    <main className="print-rapport" data-testid="print-rapport">
      <div className="print-acties">
        <button type="button" onClick={() => window.print()}>Afdrukken</button>
      </div>
      <section className="print-titelpagina">
        <p className="print-kicker">Economie071 · Schuifruimte071</p>
        <h1>Voortgangsrapportage</h1>
        <p className="print-ondertitel">{d.titel}</p>
        <dl className="print-gegevens">
          <dt>Vergadering</dt><dd>{GREMIUM[d.gremium]}, {formatDate(d.datum)}{d.locatie ? `, ${d.locatie}` : ''}</dd>
          <dt>Peildatum</dt><dd data-testid="print-peildatum">{formatDate(s.peildatum)}</dd>
          <dt>Momentopname</dt><dd>nr. {s.volgnummer}, bevroren {formatMoment(s.bevroren_op)}{s.bevroren_door ? ` door ${s.bevroren_door}` : ''}</dd>
          <dt>Kenmerk</dt><dd className="print-kenmerk">{s.kenmerk}</dd>
          <dt>Gemaakt op</dt><dd>{formatDate(today())}</dd>
          <dt>Cijfers uit</dt><dd>{BRON_LABEL[b.bron] ?? b.bron}</dd>
        </dl>
        <h2>Bronnen</h2>
        <table className="hs-tabel print-bronnen">
          <thead><tr><th>Tabel</th><th>Bron</th><th className="getal">Records</th></tr></thead>
          <tbody>{inhoud.bronnen.map((r) => <tr key={`${r.tabel}-${r.bron}`}><td>{r.tabel}</td><td>{r.bron}</td><td className="getal">{r.aantal}</td></tr>)}</tbody>
        </table>
        <p className="print-noot">Alle hectares zijn berekend met PostGIS in RD New (EPSG:28992) op de peildatum; de momentopname verandert niet meer na het bevriezen.</p>
      </section>

      <section className="print-kaartpagina">
        <h2>De regio op {formatDate(s.peildatum)}</h2>
        <PrintKaart kaart={kaart.data} bereik={inhoud.kaartbereik as [number, number, number, number]} stijl={stijl.data} categorieen={categorieen.data}
          onKlaar={onKlaar} onFout={setFout} />
      </section>

      <section className="print-deel"><h2>Kerncijfers</h2>{deel('regio').inhoud}</section>
      <section className="print-deel"><h2>Voortgang</h2>{deel('voortgang').inhoud}</section>
      <section className="print-deel"><h2>Per gemeente</h2>{deel('gemeenten').inhoud}</section>
      <section className="print-deel"><h2>Per milieucategorie</h2>{deel('milieucategorieen').inhoud}</section>
      <section className="print-deel"><h2>Vraag en aanbod</h2>{deel('vraag_aanbod').inhoud}</section>
      <section className="print-deel"><h2>Signaleringen en adviezen</h2>{deel('signaleringen').inhoud}</section>
      <section className="print-deel">
        <h2>Bestuursovereenkomsten</h2>
        {b.bestuursovereenkomsten.length === 0 ? <p>Geen bestuursovereenkomsten.</p> : (
          <table className="hs-tabel" data-testid="print-bo">
            <thead><tr><th>Overeenkomst</th><th>Partijen</th><th>Status</th><th className="getal">Bijdrage</th></tr></thead>
            <tbody>
              {b.bestuursovereenkomsten.map((o) => (
                <tr key={o.id}>
                  <td>{o.naam}</td>
                  <td>{o.partijen.map((p) => `${p.gemeente} (${p.rol})`).join(', ')}</td>
                  <td>{o.datum_ondertekening ? `Ondertekend ${formatDate(o.datum_ondertekening)}` : 'Nog niet ondertekend'}</td>
                  <td className="getal">{euro.format(o.bijdrage)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="print-deel"><h2>Ruimtevragen</h2>{deel('ruimtevragen').inhoud}</section>
      {vorige && !snapshotId && <section className="print-deel"><h2>Wat is er veranderd sinds {vorige.titel}</h2>{deel('veranderd').inhoud}</section>}
    </main>
  );
}
