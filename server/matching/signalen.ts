// Scheefwerken signal on the database: companies on a kavel whose activity is far
// lighter than the kavel's milieucategorie (thresholds from matching_instelling).
import type pg from 'pg';
import { scheefwerken } from '../domain/matching-scheefwerken.ts';
import type { Instellingen } from '../domain/matching.ts';

export async function scheefwerkenSignalen(db: Pick<pg.Pool, 'query'>, inst: Instellingen) {
  const { rows } = await db.query(
    `SELECT b.id AS bedrijf_id, b.naam AS bedrijf_naam, b.kvk_nummer, b.sector, b.arbeidsplaatsen,
            k.id AS kavel_id, k.naam AS kavel_naam, k.oppervlakte_ha, t.id AS terrein_id, t.naam AS terrein, g.naam AS gemeente,
            ma.volgorde AS activiteit, ma.code AS activiteit_code, mx.volgorde AS kavel_max, mx.code AS kavel_max_code,
            coalesce(mn.volgorde, tn.volgorde) AS minimum, coalesce(mn.code, tn.code) AS minimum_code, k.watergebonden,
            (SELECT r.id FROM ruimtevraag r WHERE r.bedrijf_id = b.id AND r.status IN ('open', 'in_behandeling') ORDER BY r.id LIMIT 1) AS open_ruimtevraag_id
     FROM bedrijf b JOIN kavel k ON k.id = b.huidige_kavel_id
     JOIN terrein t ON t.id = k.terrein_id JOIN gemeente g ON g.id = t.gemeente_id
     JOIN milieucategorie ma ON ma.stelsel = b.milieucategorie_stelsel AND ma.code = b.milieucategorie_activiteit
     JOIN milieucategorie mx ON mx.stelsel = k.milieucategorie_stelsel AND mx.code = k.milieucategorie_max
     LEFT JOIN milieucategorie mn ON mn.stelsel = k.milieucategorie_stelsel AND mn.code = k.milieucategorie_min
     LEFT JOIN milieucategorie tn ON tn.stelsel = t.milieucategorie_stelsel AND tn.code = t.milieucategorie_min
     ORDER BY b.id`,
  );
  const drempels = { drempel_stappen: inst.scheefwerken_drempel_stappen, lichte_categorie: inst.scheefwerken_lichte_categorie };
  const signalen = rows.flatMap((r) => {
    const s = scheefwerken({
      activiteit: Number(r.activiteit), activiteit_code: r.activiteit_code, kavel_max: Number(r.kavel_max), kavel_max_code: r.kavel_max_code,
      minimum: r.minimum === null ? null : Number(r.minimum), minimum_code: r.minimum_code, watergebonden: r.watergebonden,
    }, drempels);
    if (!s) return [];
    return [{
      bedrijf_id: r.bedrijf_id, bedrijf_naam: r.bedrijf_naam, kvk_nummer: r.kvk_nummer, sector: r.sector, arbeidsplaatsen: r.arbeidsplaatsen,
      kavel_id: r.kavel_id, kavel_naam: r.kavel_naam, oppervlakte_ha: Number(r.oppervlakte_ha), terrein_id: r.terrein_id, terrein: r.terrein,
      gemeente: r.gemeente, milieucategorie_activiteit: r.activiteit_code, milieucategorie_kavel_max: r.kavel_max_code,
      open_ruimtevraag_id: r.open_ruimtevraag_id, ...s,
    }];
  }).sort((a, b) => b.stappen_onder_max - a.stappen_onder_max || a.bedrijf_id - b.bedrijf_id);
  return { drempels, aantal: signalen.length, hectare: signalen.reduce((s, x) => s + x.oppervlakte_ha, 0), signalen };
}
