// One ruimtevraag: its facts, its matches with their workflow, and its
// candidates — ranked, each with the score broken down per criterion, and on the
// map with an arrow from the company's current kavel to the chosen candidate.
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import type { Me } from '../api/session.ts';
import type { Uitsluiting } from '../../server/domain/matching-codes.ts';
import { fmt, tm } from '../i18n/nl-matching.ts';
import {
  useCreateMatch, useIntrekken, useKandidaten, useMatches, useRuimtevraag, type Kandidaat, type KandidatenAntwoord, type MatchRij, type Passend,
} from './api.ts';
import { MatchCard } from './MatchCard.tsx';
import { OverlayLegenda } from './OverlayLegenda.tsx';
import type { ShowOnMap } from './MatchingPanel.tsx';
import type { OverlaySpec } from './overlay.ts';
import { mag } from '../api/mag.ts';
import { vraagNaam } from './RegisterView.tsx';
import { VraagForm } from './VraagForm.tsx';

const UITSLUITING: Record<Uitsluiting, string> = {
  status: 'niet beschikbaar', eigen_kavel: 'eigen kavel', tijd: 'komt te laat vrij', milieucategorie_max: 'milieucategorie te licht',
  milieucategorie_min: 'milieucategorie te zwaar', watergebonden: 'niet watergebonden', regio: 'buiten de regio', te_groot: 'te groot',
};

/** How many candidates get a label on the map (the rest are shaded only). */
const LABELS_OP_KAART = 8;

export function VraagDetail({ id, me, show, onBack }: { id: number; me: Me; show: ShowOnMap; onBack: () => void }) {
  const vraag = useRuimtevraag(id);
  const [gewichten, setGewichten] = useState<Record<string, number> | null>(null);
  const kandidaten = useKandidaten(id, gewichten);
  const matches = useMatches(id, mag(me, 'GET /api/matches'));
  const [gekozen, setGekozen] = useState(0);
  const [bewerken, setBewerken] = useState(false);
  const intrekken = useIntrekken();

  const data = kandidaten.data;
  const huidig = data?.ruimtevraag.huidige_kavel_id ?? null;
  // The map follows the chosen candidate; the first answer fits the view.
  const lopend = useMemo(() => (matches.data ?? []).filter((m) => m.status !== 'afgevallen'), [matches.data]);
  const spec = useMemo(() => (data ? mapSpec(data, gekozen, lopend) : null), [data, gekozen, lopend]);
  const fitted = useRef(false);
  useEffect(() => {
    if (!spec) return;
    show(spec, !fitted.current);
    fitted.current = true;
  }, [spec, show]);

  if (bewerken && vraag.data) return <VraagForm vraag={vraag.data} onDone={() => setBewerken(false)} />;
  const v = vraag.data;
  const open = v && (v.status === 'open' || v.status === 'in_behandeling');
  // In full (regie) the request comes with its company; anonymised (werkgroep) without.
  const volledig = v ? v.bedrijf_id !== undefined : data?.zicht === 'volledig';
  const bewerkbaar = mag(me, 'PATCH /api/ruimtevragen/{id}');
  const intrekbaar = mag(me, 'DELETE /api/ruimtevragen/{id}');

  return (
    <div className="vraag-detail" data-testid="vraag-detail">
      <button type="button" className="link-button" onClick={onBack}>← Terug</button>
      {vraag.error && <p className="form-error" role="alert">{vraag.error.message}</p>}
      {v && (
        <>
          <div className="vraag-head">
            <h3>{vraagNaam(v)}</h3>
            <span className={`status-pill status-pill--${v.status}`}>{tm.vraagStatus[v.status]}</span>
            {v.voorrang && <span className="badge badge--voorrang">voorrang</span>}
          </div>
          <dl className="vraag-feiten">
            <dt>Gevraagd</dt><dd>{fmt.bereik(Number(v.min_ha), Number(v.max_ha))}, milieucategorie {v.milieucategorie}{v.watergebonden ? ', watergebonden' : ''}</dd>
            <dt>Reden</dt><dd>{tm.reden[v.reden]}</dd>
            <dt>Periode</dt><dd>{fmt.datum(v.gewenst_vanaf)} – {fmt.datum(v.gewenst_tot)}</dd>
            <dt>Voorkeur</dt><dd>{v.gewenste_gemeenten.length ? v.gewenste_gemeenten.join(', ') : 'geen voorkeur'}</dd>
            {volledig && (
              <>
                <dt>Bedrijf</dt><dd>{[v.kvk_nummer && `KvK ${v.kvk_nummer}`, v.sector, v.arbeidsplaatsen != null && `${v.arbeidsplaatsen} arbeidsplaatsen`, v.gebruikspositie].filter(Boolean).join(' · ') || '—'}</dd>
                <dt>Huidige kavel</dt><dd>{v.huidige_kavel_id ? `Kavel ${v.huidige_kavel_id}${v.milieucategorie_activiteit ? ` (activiteit cat. ${v.milieucategorie_activiteit})` : ''}` : 'geen (nieuwvestiging of onbekend)'}</dd>
                <dt>Accountmanager</dt><dd>{v.accountmanager ?? '—'}</dd>
                {v.notities && (<><dt>Notities</dt><dd>{v.notities}</dd></>)}
              </>
            )}
          </dl>
          {(bewerkbaar || intrekbaar) && (
            <div className="matching-actions">
              {bewerkbaar && <button type="button" className="secondary-button small" onClick={() => setBewerken(true)}>Bewerken</button>}
              {intrekbaar && v.status !== 'ingetrokken' && v.status !== 'gematcht' && (
                <button type="button" className="secondary-button small" disabled={intrekken.isPending}
                  onClick={() => { if (window.confirm('Deze ruimtevraag intrekken? Het record blijft bewaard.')) intrekken.mutate({ id: v.id, version: v.version! }); }}>
                  Intrekken
                </button>
              )}
              {intrekken.error && <span className="form-error" role="alert">{intrekken.error.message}</span>}
            </div>
          )}
        </>
      )}

      {(matches.data?.length ?? 0) > 0 && (
        <section className="monitor-section" data-testid="vraag-matches">
          <h3>Matches</h3>
          {matches.data!.map((m) => <MatchCard key={m.id} id={m.id} />)}
        </section>
      )}

      <section className="monitor-section" data-testid="kandidaten">
        <div className="section-head">
          <h3>Kandidaten{data ? ` (${data.aantal})` : ''}</h3>
          {data?.zicht === 'volledig' && <Gewichten data={data} gewichten={gewichten} onChange={setGewichten} />}
        </div>
        <p className="monitor-note">{volledig ? tm.kandidatenUitleg : tm.kandidatenUitlegAnoniem}</p>
        <OverlayLegenda items={['kandidaat', 'gekozen',
          ...(huidig !== null && !lopend.some((m) => m.status === 'gerealiseerd' && m.kavel_ids.includes(huidig)) ? ['huidig' as const] : []),
          ...(lopend.length ? ['match' as const] : []),
          ...(lopend.some((m) => m.oude_kavel_id !== null) ? ['vrijgekomen' as const] : [])]} />
        {kandidaten.isPending && <p className="monitor-status">Kandidaten zoeken…</p>}
        {kandidaten.error && <p className="form-error" role="alert">{kandidaten.error.message}</p>}
        {data && data.kandidaten.length === 0 && <p className="form-error" role="status">{data.reden_geen_kandidaten ?? tm.geenKandidaten}</p>}
        {data && Object.keys(data.uitgesloten).length > 0 && (
          <p className="monitor-note">
            Uitgesloten door de harde eisen: {(Object.entries(data.uitgesloten) as [Uitsluiting, number][]).map(([k, n]) => `${UITSLUITING[k] ?? k} ${n}`).join(' · ')}.
          </p>
        )}
        <ol className="kandidaten">
          {data?.kandidaten.map((k, i) => (
            <KandidaatKaart key={k.kavel_ids.join('-')} k={k} gekozen={i === gekozen} onKies={() => setGekozen(i)}
              vraagId={id} voorstellen={mag(me, 'POST /api/matches') && !!open} volledig={volledig} huidig={huidig} />
          ))}
        </ol>
        {data && <p className="monitor-note tie-break">Rangschikking: {data.rangschikking} Bij gelijke score: {data.tie_break}</p>}
      </section>
    </div>
  );
}

/** Map opacity for the werkgroep, who see a coarse fit instead of a score. */
const PASSEND_SCORE: Record<Passend, number> = { goed: 90, redelijk: 65, matig: 35 };
const kaartScore = (k: Kandidaat) => k.score ?? PASSEND_SCORE[k.passend];
const kaartTekst = (k: Kandidaat) => (k.score !== undefined ? `${k.rang} · ${fmt.score(k.score)}` : `${k.rang} · ${k.passend_label.split(' ')[0].toLowerCase()}`);

function mapSpec(data: KandidatenAntwoord, gekozen: number, matches: MatchRij[]): OverlaySpec {
  const huidig = data.ruimtevraag.huidige_kavel_id ?? null;
  const spec: OverlaySpec = { kavels: [], pijlen: [], labels: [] };
  // The request's running (or realised) matches first: they are where the company is going (or went).
  for (const m of matches) {
    for (const id of m.kavel_ids) spec.kavels.push({ kavel_id: id, rol: 'match' });
    spec.labels.push({ kavel_ids: m.kavel_ids, soort: 'match', tekst: `Match ${m.id} · ${tm.matchStatus[m.status].toLowerCase()}` });
    if (m.status === 'gerealiseerd') {
      // Realised: the company moved from its old kavel, which is now schuifruimte.
      if (m.oude_kavel_id !== null) {
        spec.kavels.push({ kavel_id: m.oude_kavel_id, rol: 'vrijgekomen' });
        spec.labels.push({ kavel_ids: [m.oude_kavel_id], soort: 'vrijgekomen', tekst: tm.vrijgekomenKavel });
        spec.pijlen.push({ van: m.oude_kavel_id, naar: m.kavel_ids, soort: 'match' });
      }
    } else if (huidig !== null) {
      spec.pijlen.push({ van: huidig, naar: m.kavel_ids, soort: 'match' });
    }
  }
  const gerealiseerd = new Set(matches.filter((m) => m.status === 'gerealiseerd').flatMap((m) => m.kavel_ids));
  data.kandidaten.forEach((k, i) => {
    for (const id of k.kavel_ids) spec.kavels.push({ kavel_id: id, rol: i === gekozen ? 'gekozen' : 'kandidaat', score: kaartScore(k) });
    if (i < LABELS_OP_KAART || i === gekozen) {
      spec.labels.push({
        kavel_ids: k.kavel_ids, soort: i === gekozen ? 'gekozen' : 'kandidaat', tekst: kaartTekst(k),
        titel: `Kandidaat ${k.rang}: ${k.score !== undefined ? `score ${fmt.score(k.score)}` : k.passend_label} — ${k.kavels.map((x) => x.naam ?? `Kavel ${x.id}`).join(' + ')}`,
      });
    }
  });
  if (huidig !== null && !gerealiseerd.has(huidig)) {
    spec.kavels.push({ kavel_id: huidig, rol: 'huidig' });
    spec.labels.push({ kavel_ids: [huidig], soort: 'huidig', tekst: tm.huidigeKavel });
    const k = data.kandidaten[gekozen];
    if (k) spec.pijlen.push({ van: huidig, naar: k.kavel_ids, soort: 'voorstel' });
  }
  return spec;
}

function KandidaatKaart({ k, gekozen, onKies, vraagId, voorstellen, volledig, huidig }: {
  k: Kandidaat; gekozen: boolean; onKies: () => void; vraagId: number; voorstellen: boolean; volledig: boolean; huidig: number | null;
}) {
  const maak = useCreateMatch();
  const namen = k.kavels.map((x) => x.naam ?? `Kavel ${x.id}`).join(' + ');
  const eerste = k.kavels[0];
  return (
    <li className={gekozen ? 'kandidaat gekozen' : 'kandidaat'} data-kavels={k.kavel_ids.join(',')} data-testid="kandidaat" data-passend={k.passend}>
      <button type="button" className="kandidaat-kop" onClick={onKies} aria-expanded={gekozen}>
        <span className="kandidaat-rang">{k.rang}</span>
        <span className="kandidaat-naam">
          <strong>{namen}</strong>{k.samengevoegd && <span className="badge">samengevoegd</span>}
          <span className="register-sub">{eerste.terrein}, {eerste.gemeente} · {fmt.ha(k.oppervlakte_ha)} · {eerste.status}, {eerste.planstatus} · cat. {eerste.milieucategorie_min ? `${eerste.milieucategorie_min}–` : 't/m '}{eerste.milieucategorie_max}</span>
        </span>
        {k.score !== undefined ? (
          <span className="kandidaat-score" aria-label={`Score ${fmt.score(k.score)} van 100`}>
            <span className="scorebar"><span style={{ width: `${Math.max(2, k.score)}%` }} /></span>
            {fmt.score(k.score)}
          </span>
        ) : (
          <span className={`passend-pill passend-pill--${k.passend}`}>{k.passend_label}</span>
        )}
      </button>
      {gekozen && (
        <div className="kandidaat-uitleg">
          {k.criteria ? (
            <table className="monitor-table criteria-table" aria-label={tm.waarom}>
              <thead><tr><th>Criterium</th><th className="num">Score</th><th className="num">Gewicht</th><th className="num">Punten</th></tr></thead>
              <tbody>
                {k.criteria.map((c) => (
                  <tr key={c.criterium} data-criterium={c.criterium}>
                    <td><span className="criterium-label">{c.label}</span><span className="register-sub">{c.toelichting}</span></td>
                    <td className="num">{Math.round(c.score * 100)} %</td>
                    <td className="num">{fmt.getal(c.gewicht)}</td>
                    <td className="num">{fmt.score(c.bijdrage)}</td>
                  </tr>
                ))}
                <tr className="totaal"><td>Totaal</td><td /><td /><td className="num">{fmt.score(k.score ?? 0)}</td></tr>
              </tbody>
            </table>
          ) : (
            <div className="aandachtspunten" data-testid="aandachtspunten">
              {k.aandachtspunten?.length
                ? <ul>{k.aandachtspunten.map((a) => <li key={a}>{a}</li>)}</ul>
                : <p className="monitor-note">{tm.geenAandachtspunten}</p>}
            </div>
          )}
          {volledig && huidig === null && <p className="monitor-note">Geen huidige kavel bekend: de afstand telt niet mee.</p>}
          {voorstellen && (
            <div className="matching-actions">
              <button type="button" className="primary-button small" disabled={maak.isPending || maak.isSuccess}
                onClick={() => maak.mutate({ ruimtevraag_id: vraagId, kavel_ids: k.kavel_ids })}>
                {tm.voorstellen}
              </button>
              {maak.isSuccess && <span role="status" className="ok-text">{tm.voorgesteld}</span>}
              {maak.error && <span role="alert" className="form-error">{maak.error instanceof ApiError ? maak.error.message : String(maak.error)}</span>}
            </div>
          )}
        </div>
      )}
    </li>
  );
}

/** Try other weights for this request only; the regisseur can store them as the default in the regional tab. */
function Gewichten({ data, gewichten, onChange }: {
  data: KandidatenAntwoord | undefined; gewichten: Record<string, number> | null; onChange: (g: Record<string, number> | null) => void;
}) {
  const [open, setOpen] = useState(false);
  if (!data) return null;
  const huidig: Record<string, number> = gewichten
    ?? Object.fromEntries(Object.entries(data.instellingen.gewichten).filter((e): e is [string, number] => e[1] !== undefined));
  const labels = Object.fromEntries((data.kandidaten[0]?.criteria ?? []).map((c) => [c.criterium, c.label]));
  return (
    <div className="gewichten">
      <button type="button" className="secondary-button small" onClick={() => setOpen((o) => !o)} aria-expanded={open}>Gewichten</button>
      {open && (
        <div className="gewichten-pop">
          {data.criteria.map((c) => (
            <label key={c}>
              <span>{labels[c] ?? c}</span>
              <input type="number" min={0} max={100} step={0.5} value={huidig[c] ?? 0}
                onChange={(e) => onChange({ ...huidig, [c]: Math.max(0, Number(e.target.value) || 0) })} />
            </label>
          ))}
          <div className="matching-actions">
            <button type="button" className="link-button" onClick={() => onChange(null)} disabled={!gewichten}>Standaard</button>
          </div>
        </div>
      )}
    </div>
  );
}
