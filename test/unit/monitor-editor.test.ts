// The editor's "Datum van deze wijziging" (ingangsdatum): today unless the werkgroep
// enters another date, for a new record and a change alike; sent only when it matters.
import { describe, expect, it } from 'vitest';
import { changedProperties, initialValues, toProperties } from '../../web/editor/fields.ts';
import { today } from '../../server/domain/dates.ts';

describe('ingangsdatum in the editor forms', () => {
  const stored = { naam: 'Rooseveltstraat-Noord', gemeente_id: 2, nieuwe_functie: 'wonen', status: 'studie', geldig_vanaf: '2023-09-15', zittende_bedrijven: [] };

  it.each(['transformaties', 'compensaties', 'kavels'] as const)('starts at today for %s, new or edited', (layer) => {
    expect(initialValues(layer).ingangsdatum).toBe(today());
    expect(initialValues(layer, stored).ingangsdatum).toBe(today());
  });

  it('sends the date with a new record', () => {
    expect(toProperties('transformaties', { ...initialValues('transformaties'), naam: 'Nieuw' }).ingangsdatum).toBe(today());
  });

  it('sends an entered date with a change, and no date when it stays today', () => {
    const before = initialValues('transformaties', stored);
    expect(changedProperties('transformaties', before, { ...before, status: 'ontwerp_ter_inzage' })).toEqual({ status: 'ontwerp_ter_inzage' });
    expect(changedProperties('transformaties', before, { ...before, status: 'ontwerp_ter_inzage', datum_terinzagelegging: '2025-03-01', ingangsdatum: '2025-03-01' }))
      .toEqual({ status: 'ontwerp_ter_inzage', datum_terinzagelegging: '2025-03-01', ingangsdatum: '2025-03-01' });
  });
});
