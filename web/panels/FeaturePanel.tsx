// Side panel with the attributes of the clicked feature, in Dutch.
import { useEffect, type ReactNode } from 'react';
import { useFeature } from '../api/hooks.ts';
import type { LayerFeature, LayerName } from '../api/layers.ts';
import { t } from '../i18n/nl.ts';
import {
  formatBoolean, formatBron, formatDate, formatEnum, formatHectare, formatInteger,
} from '../i18n/format.ts';
import type { FeatureRef } from '../map/interaction.ts';
import { SampleBadge } from './SampleBadge.tsx';
import { te } from '../i18n/nl-editor.ts';
import { CloseButton } from '../app/CloseButton.tsx';

interface FeaturePanelProps {
  selected: FeatureRef;
  onClose: () => void;
  /** Extra sections below the attributes (editing actions, history). */
  children?: ReactNode;
}

type Row = { label: string; value: ReactNode; testId?: string };

export function FeaturePanel({ selected, onClose, children }: FeaturePanelProps) {
  const { data: feature, error, isPlaceholderData } = useFeature(selected.layer, selected.id);
  // A kanszone names its terrein (a kavel carries the name itself): asked for by id, not with the whole layer.
  const terreinId = selected.layer === 'kanszones' && feature ? (feature as LayerFeature<'kanszones'>).properties.terrein_id : null;
  const terrein = useFeature('terreinen', terreinId).data;

  // Escape closes the panel wherever the focus is.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const kind = t.lagen.enkelvoud[selected.layer];
  const title = feature ? feature.properties.naam ?? t.paneel.zonderNaam(kind, feature.id) : kind;
  const terreinNaam = (id: number | null | undefined) =>
    id == null ? t.waarde.geen : (terrein?.id === id ? terrein.properties.naam : null) ?? `#${id}`;

  return (
    <aside
      className="feature-panel"
      data-map-occluder
      aria-label={title}
      data-testid="feature-panel"
      data-layer={selected.layer}
      data-feature-id={selected.id}
      aria-busy={isPlaceholderData || !feature}
    >
      <header className="feature-header">
        <div>
          <div className="feature-kind">{kind}</div>
          <h2 className="feature-title">{title}</h2>
        </div>
        <CloseButton label={t.paneel.sluiten} title={t.paneel.sluitenHint} onClose={onClose} />
      </header>
      {error && !feature && <p className="feature-error" role="alert">{error.message}</p>}
      {!feature && !error && <p className="feature-loading">{t.paneel.laden}</p>}
      {feature && (
        <>
          {selected.layer === 'terreinen' && (feature as LayerFeature<'terreinen'>).properties.naam_bekend === false && (
            <p className="feature-note">{t.paneel.werknaam}</p>
          )}
          {feature.properties.bron === 'voorbeeld' && (
            <div className="feature-sample">
              <SampleBadge />
              <span>{t.voorbeeld.feature}</span>
            </div>
          )}
          <div className="feature-area">
            <div className="feature-area-label">{t.veld.oppervlakte}</div>
            <div className="feature-area-value" data-testid="feature-oppervlakte">
              {formatHectare(feature.properties.oppervlakte_ha)}
            </div>
            <p className="feature-area-note">{t.paneel.oppervlakteNoot}</p>
          </div>
          <dl className="feature-rows">
            {rowsFor(selected.layer, feature, terreinNaam).map((row) => (
              <div className="feature-row" key={row.label} data-testid={row.testId}>
                <dt>{row.label}</dt>
                <dd>{row.value}</dd>
              </div>
            ))}
          </dl>
          {children}
        </>
      )}
    </aside>
  );
}

/** The attribute rows per layer, most decision-relevant first; gemeente and bron last. */
function rowsFor(layer: LayerName, feature: LayerFeature, terreinNaam: (id: number | null | undefined) => string): Row[] {
  const p = feature.properties;
  const common: Row[] = [
    { label: t.veld.gemeente, value: p.gemeente ?? t.waarde.geen },
    { label: t.veld.bron, value: formatBron(p.bron) },
  ];
  const cat = (min: string | null, max: string | null): Row => ({
    label: t.veld.milieucategorie, value: t.waarde.categorieTm(min, max), testId: 'feature-milieucategorie',
  });
  switch (layer) {
    case 'kavels': {
      const k = feature as LayerFeature<'kavels'>;
      const q = k.properties;
      return [
        cat(q.milieucategorie_min, q.milieucategorie_max),
        { label: t.veld.status, value: formatEnum(q.status) },
        { label: t.veld.planstatus, value: formatEnum(q.planstatus) },
        { label: t.veld.terrein, value: q.terrein_naam ?? terreinNaam(q.terrein_id) },
        { label: t.veld.beschikbaarVanaf, value: formatDate(q.beschikbaar_vanaf) },
        { label: t.veld.eigendom, value: formatEnum(q.eigendom) },
        { label: t.veld.watergebonden, value: formatBoolean(q.watergebonden) },
        ...common,
      ];
    }
    case 'terreinen': {
      const q = (feature as LayerFeature<'terreinen'>).properties;
      const rows: Row[] = [
        cat(q.milieucategorie_min, q.milieucategorie_max),
        { label: t.veld.typologie, value: formatEnum(q.typologie) },
        { label: t.veld.aantalKavels, value: formatInteger(q.aantal_kavels) },
        { label: t.veld.watergebonden, value: formatBoolean(q.watergebonden) },
      ];
      if (q.kavels_ha != null) rows.splice(3, 0, { label: t.veld.kavelsHa, value: formatHectare(q.kavels_ha) });
      if (q.niet_te_transformeren != null) {
        rows.push({ label: t.veld.nietTeTransformeren, value: formatBoolean(q.niet_te_transformeren) });
      }
      if (q.op_transformatielijst != null) {
        rows.push({ label: t.veld.opTransformatielijst, value: formatBoolean(q.op_transformatielijst) });
      }
      return [...rows, ...common];
    }
    case 'kanszones': {
      const q = (feature as LayerFeature<'kanszones'>).properties;
      return [
        { label: t.veld.soort, value: formatEnum(q.soort) },
        { label: t.veld.terrein, value: terreinNaam(q.terrein_id) },
        { label: t.veld.omschrijving, value: q.omschrijving ?? t.waarde.geen },
        ...common,
      ];
    }
    case 'transformaties': {
      const q = (feature as LayerFeature<'transformaties'>).properties;
      const rows: Row[] = [
        {
          label: t.veld.nettoVerloren, testId: 'feature-netto-verloren',
          value: q.netto_verloren_ha == null ? t.veld.nietTeBerekenen : formatHectare(q.netto_verloren_ha),
        },
      ];
      if (q.overlapt_transformaties?.length) {
        // Why the net figure is lower than the drawing: this ground already counts for these.
        rows.push({
          label: te.overlap.label, testId: 'feature-overlap-transformaties',
          value: te.overlap.waarde(q.overlapt_transformaties.map((o) => `${o.naam ?? `#${o.id}`} (${formatHectare(o.ha)})`)),
        });
      }
      rows.push(
        { label: t.veld.status, value: formatEnum(q.status) },
        { label: t.veld.nieuweFunctie, value: formatEnum(q.nieuwe_functie) },
        { label: t.veld.terinzagelegging, value: formatDate(q.datum_terinzagelegging) },
        { label: t.veld.vaststelling, value: formatDate(q.datum_vaststelling) },
      );
      if (q.terreinen) {
        rows.push({
          label: te.onderVlak.terreinen(q.terreinen.length), testId: 'feature-terreinen',
          value: q.terreinen.length ? q.terreinen.map((r) => `${r.naam ?? `#${r.id}`} (${formatHectare(r.ha)})`).join(', ') : t.waarde.geen,
        });
      }
      if (q.zittende_huurders != null) rows.push({ label: t.formulier.zittendeBedrijven, value: <ZittendeRij q={q} />, testId: 'feature-zittende' });
      return [...rows, ...common];
    }
    case 'compensaties': {
      const q = (feature as LayerFeature<'compensaties'>).properties;
      const rows: Row[] = [
        { label: t.veld.status, value: formatEnum(q.status) },
        { label: t.veld.planstatus, value: formatEnum(q.planstatus) },
        cat(q.milieucategorie_min, q.milieucategorie_max),
        { label: t.veld.watergebonden, value: formatBoolean(q.watergebonden) },
      ];
      if (q.besluitpunt_ref || q.besluitpunt_datum) {
        rows.push({
          label: t.veld.besluitpunt,
          value: [q.besluitpunt_ref, q.besluitpunt_datum && formatDate(q.besluitpunt_datum)].filter(Boolean).join(', '),
        });
      }
      return [...rows, ...common];
    }
    case 'gemeenten': {
      const q = (feature as LayerFeature<'gemeenten'>).properties;
      return [
        { label: t.veld.code, value: q.code },
        { label: t.veld.inwoners, value: formatInteger(q.inwoners_2020) },
        { label: t.veld.bron, value: formatBron(q.bron) },
      ];
    }
  }
}

/** Counts for everyone; the names where the API gives them (not to the stuurgroep). */
function ZittendeRij({ q }: { q: LayerFeature<'transformaties'>['properties'] }) {
  if (q.zittende_huurders + q.zittende_eigenaren === 0) return <>{t.waarde.geen}</>;
  return (
    <>
      {te.bedrijven.telling(q.zittende_huurders, q.zittende_eigenaren)}
      {q.zittende_bedrijven && q.zittende_bedrijven.length > 0 && (
        <ul className="onder-vlak">
          {q.zittende_bedrijven.map((b, i) => (
            <li key={i}>{b.naam} · {formatEnum(b.gebruikspositie)}{b.status ? ` · ${b.status}` : ''}</li>
          ))}
        </ul>
      )}
    </>
  );
}
