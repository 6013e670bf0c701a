// The ruimtevragen aggregate for the stuurgroep (GET /api/ruimtevragen/aggregaat, and
// frozen in a meeting's snapshot): open requests and their hectares per milieucategorie,
// gewenste gemeente and reason, and every request that is not withdrawn by where it
// stands (unmatched, matched, realised). Never a company: small cells are withheld by
// server/domain/ruimtevraag-aggregaat.ts. One round trip.
import type pg from 'pg';
import { z } from '@hono/zod-openapi';
import { schermAf, schermTotaalAf, MINIMUM_CEL, type RuweCel } from '../domain/ruimtevraag-aggregaat.ts';

export const STANDEN = ['ongematcht', 'gematcht', 'gerealiseerd'] as const;

const SQL = `
WITH r AS (
  SELECT r.id, r.min_ha, r.max_ha, r.milieucategorie_stelsel, r.milieucategorie, r.reden, r.gewenste_gemeente_ids,
         r.status IN ('open', 'in_behandeling') AS open,
         CASE WHEN EXISTS (SELECT 1 FROM match m WHERE m.ruimtevraag_id = r.id AND m.status = 'gerealiseerd') THEN 'gerealiseerd'
              WHEN EXISTS (SELECT 1 FROM match m WHERE m.ruimtevraag_id = r.id AND m.status NOT IN ('gerealiseerd', 'afgevallen')) THEN 'gematcht'
              ELSE 'ongematcht' END AS stand
  FROM ruimtevraag r WHERE r.status <> 'ingetrokken'
)
SELECT json_build_object(
  'totaal', (SELECT json_build_object('aantal', count(*), 'min_ha', round(coalesce(sum(min_ha), 0)::numeric, 4), 'max_ha', round(coalesce(sum(max_ha), 0)::numeric, 4)) FROM r WHERE open),
  'per_milieucategorie', (SELECT coalesce(json_agg(x ORDER BY x.volgorde), '[]') FROM (
      SELECT r.milieucategorie, m.volgorde, count(*) AS aantal, round(sum(r.min_ha)::numeric, 4) AS min_ha, round(sum(r.max_ha)::numeric, 4) AS max_ha
      FROM r JOIN milieucategorie m ON m.stelsel = r.milieucategorie_stelsel AND m.code = r.milieucategorie
      WHERE r.open GROUP BY r.milieucategorie, m.volgorde) x),
  'per_gemeente', (SELECT coalesce(json_agg(x ORDER BY x.gemeente), '[]') FROM (
      SELECT g.naam AS gemeente, count(*) AS aantal, round(sum(r.min_ha)::numeric, 4) AS min_ha, round(sum(r.max_ha)::numeric, 4) AS max_ha
      FROM r JOIN gemeente g ON g.id = ANY(r.gewenste_gemeente_ids) WHERE r.open GROUP BY g.naam) x),
  'per_reden', (SELECT coalesce(json_agg(x ORDER BY x.reden), '[]') FROM (
      SELECT r.reden, count(*) AS aantal, round(sum(r.min_ha)::numeric, 4) AS min_ha, round(sum(r.max_ha)::numeric, 4) AS max_ha FROM r WHERE r.open GROUP BY r.reden) x),
  'per_stand', (SELECT coalesce(json_agg(x), '[]') FROM (
      SELECT r.stand, count(*) AS aantal, round(sum(r.min_ha)::numeric, 4) AS min_ha, round(sum(r.max_ha)::numeric, 4) AS max_ha FROM r GROUP BY r.stand) x)
) AS aggregaat`;

const Cel = {
  aantal: z.number().int(),
  min_ha: z.number().nullable().openapi({ description: 'Som van de ondergrenzen; null als afgeschermd' }),
  max_ha: z.number().nullable().openapi({ description: 'Som van de bovengrenzen; null als afgeschermd' }),
  afgeschermd: z.boolean().openapi({ description: `Hectares achtergehouden: minder dan ${MINIMUM_CEL} ruimtevragen, of af te leiden uit zo'n cel` }),
};

export const RuimtevragenAggregaatSchema = z.object({
  minimum_cel: z.number().int().openapi({ description: 'Cellen met minder ruimtevragen tonen alleen het aantal' }),
  totaal: z.object(Cel).openapi({ description: 'Open ruimtevragen (open of in behandeling)' }),
  per_milieucategorie: z.array(z.object({ milieucategorie: z.string(), ...Cel })),
  per_gemeente: z.array(z.object({ gemeente: z.string(), ...Cel })).openapi({ description: 'Naar gewenste gemeente; een vraag kan meer gemeenten noemen' }),
  per_reden: z.array(z.object({ reden: z.string(), ...Cel })),
  per_stand: z.array(z.object({ stand: z.enum(STANDEN), ...Cel })).openapi({
    description: 'Alle niet-ingetrokken ruimtevragen: zonder match, met een lopende match, of gerealiseerd',
  }),
}).openapi('RuimtevragenAggregaat');
export type RuimtevragenAggregaat = z.infer<typeof RuimtevragenAggregaatSchema>;

type Ruw = {
  totaal: RuweCel;
  per_milieucategorie: (RuweCel & { milieucategorie: string; volgorde: number })[];
  per_gemeente: (RuweCel & { gemeente: string })[];
  per_reden: (RuweCel & { reden: string })[];
  per_stand: (RuweCel & { stand: (typeof STANDEN)[number] })[];
};

export async function ruimtevragenAggregaat(db: Pick<pg.Pool, 'query'>): Promise<RuimtevragenAggregaat> {
  const { rows } = await db.query<{ aggregaat: Ruw }>(SQL);
  const a = rows[0].aggregaat;
  const stand = new Map(a.per_stand.map((s) => [s.stand, s]));
  return {
    minimum_cel: MINIMUM_CEL,
    totaal: schermTotaalAf(a.totaal),
    per_milieucategorie: schermAf(a.per_milieucategorie).map(({ volgorde: _v, ...c }) => c),
    per_gemeente: schermAf(a.per_gemeente),
    per_reden: schermAf(a.per_reden),
    per_stand: schermAf(STANDEN.map((s) => stand.get(s) ?? { stand: s, aantal: 0, min_ha: 0, max_ha: 0 })),
  };
}
