// After saving a transformatie to wonen/gemengd: the kavels that come within the
// VNG guide distance, hectares per milieucategorie (highlighted on the map too).
import type { Milieuruimte } from '../api/edits.ts';
import { formatEnum, formatHectare } from '../i18n/format.ts';
import { t } from '../i18n/nl.ts';

export function MilieuruimteSection({ result }: { result: Milieuruimte }) {
  return (
    <section className="feature-section milieuruimte" data-testid="milieuruimte">
      <h3 className="feature-section-title">{t.editor.milieuruimteTitel}</h3>
      {result.per_categorie.length === 0 ? (
        <p className="feature-note">{t.editor.milieuruimteGeen}</p>
      ) : (
        <>
          <p className="feature-note">{t.editor.milieuruimteUitleg(formatEnum(result.nieuwe_functie).toLowerCase())}</p>
          <ul className="milieuruimte-list">
            {result.per_categorie.map((c) => (
              <li key={c.milieucategorie}>{t.editor.milieuruimteRij(c.milieucategorie, c.aantal, formatHectare(c.ha))}</li>
            ))}
          </ul>
          <p className="milieuruimte-total">{t.editor.milieuruimteTotaal(formatHectare(result.totaal_ha))}</p>
        </>
      )}
    </section>
  );
}
