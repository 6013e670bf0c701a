// CSV import of ruimtevragen: choose a file, see the check per row (dry run),
// then import all rows at once — or nothing, when any row is wrong.
import { aantal } from '../i18n/format.ts';
import { useState } from 'react';
import { tm } from '../i18n/nl-matching.ts';
import { useCsvImport } from './api.ts';
import type { ImportRapport } from './api.ts';

export function CsvImport({ onDone }: { onDone: () => void }) {
  const [text, setText] = useState<string | null>(null);
  const [bestand, setBestand] = useState('');
  const [rapport, setRapport] = useState<ImportRapport | null>(null);
  const run = useCsvImport();

  const kies = async (file: File | undefined) => {
    setRapport(null);
    if (!file) return;
    if (file.size > 2 * 1024 * 1024) {
      setText(null);
      setBestand(`${file.name}: groter dan 2 MB, splits het bestand.`);
      return;
    }
    setBestand(file.name);
    const t = await file.text();
    setText(t);
    setRapport(await run.mutateAsync({ text: t, proef: true }).catch(() => null));
  };
  const importeer = async () => {
    if (text === null) return;
    setRapport(await run.mutateAsync({ text, proef: false }).catch(() => null));
  };
  const klaar = rapport && !rapport.proefdraai && rapport.geldig;

  return (
    <div className="matching-form" data-testid="csv-import">
      <h3>Ruimtevragen importeren (CSV)</h3>
      <p className="monitor-note">{tm.csvUitleg}</p>
      <label className="file-input">Bestand
        <input type="file" accept=".csv,text/csv,text/plain" onChange={(e) => void kies(e.target.files?.[0])} />
      </label>
      {bestand && <p className="monitor-note">{bestand}</p>}
      {run.isPending && <p className="monitor-status">Controleren…</p>}
      {run.error && <p className="form-error" role="alert">{run.error.message}</p>}
      {rapport && (
        <div className={rapport.geldig ? 'import-rapport ok' : 'import-rapport fout'} role="status">
          {klaar ? (
            <p><strong>{aantal(rapport.aangemaakt.length, 'ruimtevraag', 'ruimtevragen')} geïmporteerd.</strong></p>
          ) : rapport.geldig ? (
            <p>{aantal(rapport.aantal_rijen, 'rij', 'rijen')} gecontroleerd: alles in orde. Nog niets opgeslagen.</p>
          ) : (
            <>
              <p><strong>{aantal(rapport.fouten.length, 'fout', 'fouten')} in {aantal(rapport.aantal_rijen, 'rij', 'rijen')}; er wordt niets opgeslagen.</strong></p>
              <table className="monitor-table">
                <thead><tr><th>Rij</th><th>Veld</th><th>Melding</th></tr></thead>
                <tbody>{rapport.fouten.map((f, i) => <tr key={i}><td>{f.rij}</td><td>{f.veld}</td><td>{f.melding}</td></tr>)}</tbody>
              </table>
            </>
          )}
        </div>
      )}
      <div className="form-actions">
        {!klaar && (
          <button type="button" className="primary-button" disabled={!rapport?.geldig || run.isPending} onClick={() => void importeer()}>
            Importeren
          </button>
        )}
        <button type="button" className="secondary-button" onClick={onDone}>{klaar ? 'Terug naar het register' : 'Annuleren'}</button>
      </div>
    </div>
  );
}
