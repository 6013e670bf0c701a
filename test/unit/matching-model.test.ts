// The settings matching works with: defaults, stored values within their bounds, and
// the size bound of a request.
import { describe, expect, it } from 'vitest';
import {
  bovengrens, heeftGewicht, instellingenUit, maxSamenvoegen, STANDAARD_INSTELLINGEN, type MatchVraag,
} from '../../server/domain/matching-model.ts';

const vraag = { max_ha: 2.5 } as MatchVraag;

describe('settings', () => {
  it('take stored values over the defaults, per criterion weight and per threshold', () => {
    const inst = instellingenUit({ gewicht_omvang: 5, tolerantie: 0.2, onbekend: 3 });
    expect(inst.gewichten).toEqual({ ...STANDAARD_INSTELLINGEN.gewichten, omvang: 5 });
    expect(inst.tolerantie).toBe(0.2);
    expect(inst).not.toHaveProperty('onbekend');
    expect(STANDAARD_INSTELLINGEN.gewichten.omvang).toBe(3);
  });

  it('know when no criterion weighs anything', () => {
    const nul = instellingenUit(Object.fromEntries(Object.keys(STANDAARD_INSTELLINGEN.gewichten).map((c) => [`gewicht_${c}`, 0])));
    expect(heeftGewicht(nul)).toBe(false);
    expect(heeftGewicht(STANDAARD_INSTELLINGEN)).toBe(true);
  });
});

describe('a request’s size bound', () => {
  it('is its maximum plus the tolerance, and at least one kavel is merged', () => {
    expect(bovengrens(vraag, STANDAARD_INSTELLINGEN)).toBeCloseTo(2.75);
    expect(bovengrens(vraag, instellingenUit({ tolerantie: 0 }))).toBe(2.5);
    expect(maxSamenvoegen(instellingenUit({ max_kavels_samenvoegen: 2 }))).toBe(2);
    expect(maxSamenvoegen(STANDAARD_INSTELLINGEN)).toBe(3);
  });
});
