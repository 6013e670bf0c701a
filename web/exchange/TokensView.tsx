// QGIS access: the OGC API address, how to add it in QGIS, and the user's personal
// read-only tokens (made here, shown once, revocable).
import { useEffect, useState } from 'react';
import { tokenApi, type Token } from './api.ts';
import { tx } from './nl.ts';

const datum = (s: string | null) => (s ? new Date(s).toLocaleDateString('nl-NL', { day: 'numeric', month: 'short', year: 'numeric' }) : tx.qgis.nooit);

export function TokensView() {
  const [tokens, setTokens] = useState<Token[] | null>(null);
  const [naam, setNaam] = useState('');
  const [dagen, setDagen] = useState(365);
  const [nieuw, setNieuw] = useState<string | null>(null);
  const [fout, setFout] = useState<string | null>(null);
  const [gekopieerd, setGekopieerd] = useState<string | null>(null);
  const url = `${window.location.origin}/ogc`;

  const laad = () => tokenApi.lijst().then(setTokens).catch((e: Error) => setFout(e.message));
  useEffect(() => { void laad(); }, []);

  const kopieer = (tekst: string) => {
    void navigator.clipboard?.writeText(tekst).then(() => setGekopieerd(tekst)).catch(() => undefined);
  };
  const maak = async () => {
    setFout(null);
    try {
      const t = await tokenApi.maak(naam.trim(), dagen);
      setNieuw(t.token);
      setNaam('');
      await laad();
    } catch (e) { setFout((e as Error).message); }
  };
  const trekIn = async (t: Token) => {
    if (!window.confirm(tx.qgis.bevestig(t.naam))) return;
    try { await tokenApi.trekIn(t.id); await laad(); } catch (e) { setFout((e as Error).message); }
  };

  return (
    <div className="exchange-qgis" data-testid="tokens-scherm">
      <section className="exchange-step">
        <p className="monitor-note">{tx.qgis.uitleg}</p>
        <label className="exchange-url">{tx.qgis.url}
          <span><input readOnly value={url} data-testid="ogc-url" onFocus={(e) => e.target.select()} />
            <button type="button" className="secondary-button" onClick={() => kopieer(url)}>{gekopieerd === url ? tx.qgis.gekopieerd : tx.qgis.kopieer}</button></span>
        </label>
        <ol className="exchange-steps">{tx.qgis.stappen.map((s) => <li key={s}>{s}</li>)}</ol>
      </section>
      <section className="exchange-step">
        <h3>{tx.qgis.nieuw}</h3>
        <div className="exchange-grid">
          <label>{tx.qgis.naam}<input data-testid="token-naam" value={naam} maxLength={100} onChange={(e) => setNaam(e.target.value)} /></label>
          <label>{tx.qgis.geldig}
            <select value={dagen} onChange={(e) => setDagen(Number(e.target.value))}>
              {[30, 90, 365, 730].map((d) => <option key={d} value={d}>{tx.qgis.dagen(d)}</option>)}
            </select>
          </label>
        </div>
        <button type="button" className="primary-button" data-testid="token-maak" disabled={!naam.trim()} onClick={() => void maak()}>{tx.qgis.maak}</button>
        {nieuw && (
          <div className="exchange-token" role="status">
            <p>{tx.qgis.eenmalig}</p>
            <span><input readOnly value={nieuw} data-testid="token-waarde" onFocus={(e) => e.target.select()} />
              <button type="button" className="secondary-button" onClick={() => kopieer(nieuw)}>{gekopieerd === nieuw ? tx.qgis.gekopieerd : tx.qgis.kopieer}</button></span>
          </div>
        )}
        {fout && <p className="exchange-error" role="alert">{fout}</p>}
      </section>
      <section className="exchange-step">
        <h3>{tx.qgis.lijst}</h3>
        {tokens && tokens.length === 0 && <p className="monitor-note">{tx.qgis.geen}</p>}
        {tokens && tokens.length > 0 && (
          <table className="monitor-table" data-testid="token-lijst">
            <thead><tr><th>Naam</th><th>{tx.qgis.aangemaakt}</th><th>{tx.qgis.verloopt}</th><th>{tx.qgis.gebruikt}</th><th /></tr></thead>
            <tbody>
              {tokens.map((t) => {
                const verlopen = new Date(t.verloopt_op) < new Date();
                return (
                  <tr key={t.id} className={t.ingetrokken_op || verlopen ? 'exchange-inactive' : ''}>
                    <td>{t.naam}<span className="register-sub">{t.voorvoegsel}…</span></td>
                    <td>{datum(t.aangemaakt_op)}</td>
                    <td>{t.ingetrokken_op ? tx.qgis.ingetrokken : verlopen ? tx.qgis.verlopen : datum(t.verloopt_op)}</td>
                    <td>{datum(t.laatst_gebruikt_op)}</td>
                    <td>{!t.ingetrokken_op && !verlopen && <button type="button" className="link-button" onClick={() => void trekIn(t)}>{tx.qgis.intrekken}</button>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
