// The ruimtevragen aggregate for the stuurgroep (issue #13, item 6): numbers and
// hectares by milieucategorie, gemeente, reason and stand; never a company. Small
// cells come from the server already withheld.
import { useQuery } from '@tanstack/react-query';
import { call, http, type Schemas } from '../api/http.ts';
import { formatEnum } from '../i18n/format.ts';
import { tv } from './nl.ts';

type Aggregaat = Schemas['RuimtevragenAggregaat'];
type Cel = Aggregaat['totaal'];

const nl1 = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const hectares = (c: Cel) => (c.afgeschermd || c.min_ha === null || c.max_ha === null ? tv.ruimtevragen.afgeschermd : `${nl1.format(c.min_ha)} – ${nl1.format(c.max_ha)} ha`);

function Tabel({ titel, kolom, rijen, testId }: { titel: string; kolom: string; rijen: { label: string; cel: Cel }[]; testId: string }) {
  return (
    <section className="vg-section">
      <h3>{titel}</h3>
      {/* Scrolls sideways where a phone is too narrow (presentatie.css). */}
      <div className="hs-tabel-rol">
        <table className="monitor-table" data-testid={testId}>
          <thead><tr><th>{kolom}</th><th className="getal">{tv.ruimtevragen.aantal}</th><th className="getal">{tv.ruimtevragen.hectares}</th></tr></thead>
          <tbody>
            {rijen.map((r) => (
              <tr key={r.label}><td>{r.label}</td><td className="getal">{r.cel.aantal}</td><td className="getal">{hectares(r.cel)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The aggregate as tables; `aggregaat` given: as frozen in a snapshot, otherwise live. */
export function RuimtevragenTotaal({ aggregaat }: { aggregaat?: Aggregaat }) {
  const live = useQuery({
    queryKey: ['ruimtevragen-aggregaat'],
    queryFn: ({ signal }) => call(http.GET('/api/ruimtevragen/aggregaat', { signal })),
    enabled: !aggregaat,
  });
  const a = aggregaat ?? live.data;
  if (!a) return <p className="monitor-status" role={live.error ? 'alert' : undefined}>{live.error ? live.error.message : tv.laden}</p>;
  const rv = tv.ruimtevragen;
  return (
    <div data-testid="ruimtevragen-totaal">
      <p className="monitor-note">{rv.uitleg(a.minimum_cel)}</p>
      <div className="kpis">
        <div className="kpi"><span className="kpi-label">{rv.open}</span><span className="kpi-value" data-testid="rv-open">{a.totaal.aantal}</span>
          <span className="kpi-definitie">{hectares(a.totaal)}</span></div>
        {a.per_stand.map((s) => (
          <div className="kpi" key={s.stand}><span className="kpi-label">{rv.standen[s.stand]}</span><span className="kpi-value">{s.aantal}</span>
            <span className="kpi-definitie">{hectares(s)}</span></div>
        ))}
      </div>
      <Tabel titel={rv.perCategorie} kolom="Milieucategorie" testId="rv-categorie" rijen={a.per_milieucategorie.map((c) => ({ label: `Categorie ${c.milieucategorie}`, cel: c }))} />
      <Tabel titel={rv.perGemeente} kolom="Gemeente" testId="rv-gemeente" rijen={a.per_gemeente.map((c) => ({ label: c.gemeente, cel: c }))} />
      <Tabel titel={rv.perReden} kolom="Reden" testId="rv-reden" rijen={a.per_reden.map((c) => ({ label: formatEnum(c.reden), cel: c }))} />
    </div>
  );
}
