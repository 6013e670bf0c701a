// Hand-made kavels and requests for the pure matching rules (no database): one free,
// hard, 2 ha kavel in category ≤ 5 per id, 100 m apart, and a request for 1,5–2,5 ha.
import type { MatchKavel, MatchVraag } from '../../server/domain/matching-model.ts';

export const VANDAAG = '2026-01-01';

export const kavel = (id: number, o: Partial<MatchKavel> = {}): MatchKavel => ({
  id, terrein_id: 1, gemeente_id: 10, in_regio: true, status: 'beschikbaar', planstatus: 'hard',
  mc_min: null, mc_max: 5, watergebonden: false, beschikbaar_vanaf: null, ha: 2, x: 100_000 + id * 100, y: 460_000, ...o,
});

export const vraag = (o: Partial<MatchVraag> = {}): MatchVraag => ({
  id: 1, min_ha: 1.5, max_ha: 2.5, mc: 4, watergebonden: false, gewenste_gemeente_ids: [], gewenst_vanaf: '2026-06-01',
  gewenst_tot: '2028-12-31', voorrang: false, arbeidsplaatsen: 100, huidige_kavel_id: null, ...o,
});
