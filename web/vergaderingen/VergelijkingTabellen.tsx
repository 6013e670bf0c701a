// What changed between two snapshots: every KPI before, after and the difference, and
// the records added, changed (hectares before and after) and removed.
import type { Schemas } from '../api/http.ts';
import { formatDate } from '../i18n/format.ts';
import { ADVIES_TABEL_LABEL } from '../../server/domain/advies.ts';
import { tv } from './nl.ts';

const nl1 = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const ha = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${nl1.format(x)} ha`);
const verschil = (x: number | null | undefined, eenheid: 'ha' | 'procent' = 'ha') =>
  x === null || x === undefined ? '–' : `${x > 0 ? '+' : x < 0 ? '−' : '±'}${nl1.format(Math.abs(x))}${eenheid === 'ha' ? ' ha' : ' %-punt'}`;
const waarde = (x: number | null, eenheid: 'ha' | 'procent') => (x === null ? '–' : eenheid === 'ha' ? ha(x) : `${nl1.format(x)} %`);
const TABEL_LABEL: Record<string, string> = { ...ADVIES_TABEL_LABEL, kanszone: 'Kanszone', gemeente: 'Gemeente' };

export function VergelijkingTabellen({ v }: { v: Schemas['Vergelijking'] }) {
  const r = v.records;
  const geen = r.toegevoegd.length + r.gewijzigd.length + r.verwijderd.length === 0;
  return (
    <div data-testid="vg-vergelijking">
      <h3>{tv.watVeranderd}</h3>
      <p className="monitor-note">{formatDate(v.van.snapshot.peildatum)} → {formatDate(v.naar.snapshot.peildatum)}</p>
      <div className="monitor-table-wrap">
        <table className="monitor-table" data-testid="vg-kpi-verschil">
          <thead><tr><th /><th className="getal">{tv.voor}</th><th className="getal">{tv.na}</th><th className="getal">{tv.verschil}</th></tr></thead>
          <tbody>
            {v.kpis.map((k) => (
              <tr key={k.code}><td>{k.label}</td><td className="getal">{waarde(k.voor, k.eenheid)}</td><td className="getal">{waarde(k.na, k.eenheid)}</td>
                <td className="getal">{verschil(k.verschil, k.eenheid)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      {geen ? <p className="monitor-note">{tv.geenWijzigingen}</p> : (
        (['toegevoegd', 'gewijzigd', 'verwijderd'] as const).map((soort) => r[soort].length > 0 && (
          <div key={soort} className="vg-records">
            <h4>{tv[soort]}</h4>
            <div className="monitor-table-wrap">
              <table className="monitor-table" data-testid={`vg-${soort}`}>
                <tbody>
                  {r[soort].map((x) => (
                    <tr key={`${x.tabel}-${x.id}`}>
                      <td>{TABEL_LABEL[x.tabel] ?? x.tabel} {x.naam ?? `#${x.id}`}{x.gemeente ? ` (${x.gemeente})` : ''}</td>
                      <td className="getal">{ha(x.ha_voor)} → {ha(x.ha_na)}</td>
                      <td className="getal">{verschil(x.verschil_ha)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ))
      )}
    </div>
  );
}

