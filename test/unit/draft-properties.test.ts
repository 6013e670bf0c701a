// What the draft check judges besides the shape (web/editor/steps/draft-properties.ts).
import { describe, expect, it } from 'vitest';
import { ruleProperties } from '../../web/editor/steps/draft-properties.ts';

describe('draft check properties', () => {
  it("sends a transformatie's real dates, and null for what is no date", () => {
    expect(ruleProperties('transformaties', { datum_vaststelling: '2027-03-01', datum_terinzagelegging: '2026-02-30' }))
      .toEqual({ datum_vaststelling: '2027-03-01', datum_terinzagelegging: null });
  });

  it('sends a gemeente only when the user picked another one', () => {
    const before = { gemeente_id: '3' };
    expect(ruleProperties('compensaties', { gemeente_id: '3' }, before)).toBeUndefined();
    expect(ruleProperties('compensaties', { gemeente_id: '4' }, before)).toEqual({ gemeente_id: 4 });
  });

  it("sends a kavel's terrein, and nothing without values", () => {
    expect(ruleProperties('kavels', { terrein_id: '12' })).toEqual({ terrein_id: 12 });
    expect(ruleProperties('kanszones', { terrein_id: '12' })).toBeUndefined();
    expect(ruleProperties('kavels', null)).toBeUndefined();
  });
});
