// The editor's form state ↔ API properties for the gemeente choice and the zittende bedrijven.
import { describe, expect, it } from 'vitest';
import { changedProperties, initialValues, missingRequired, toProperties } from '../../web/editor/fields.ts';

describe('transformatie form values', () => {
  const stored = {
    naam: 'Rooseveltstraat-Noord', gemeente_id: 2, nieuwe_functie: 'wonen', status: 'idee',
    zittende_bedrijven: [{ naam: 'Garage', gebruikspositie: 'huurder' }],
  };

  it('leaves the gemeente out of a new record until one is picked: the server follows the drawing', () => {
    const fresh = { ...initialValues('transformaties'), naam: 'Nieuw' };
    expect(toProperties('transformaties', fresh)).not.toHaveProperty('gemeente_id');
    expect(toProperties('transformaties', { ...fresh, gemeente_id: '5' }).gemeente_id).toBe(5);
  });

  it('sends the zittende bedrijven trimmed, and only when they changed', () => {
    const before = initialValues('transformaties', stored);
    expect(changedProperties('transformaties', before, { ...before })).toEqual({});
    const after = { ...before, zittende_bedrijven: JSON.stringify([{ naam: ' Garage ', gebruikspositie: 'huurder' }, { naam: 'Smid', gebruikspositie: 'eigenaar', status: ' ' }]) };
    expect(changedProperties('transformaties', before, after)).toEqual({
      zittende_bedrijven: [{ naam: 'Garage', gebruikspositie: 'huurder' }, { naam: 'Smid', gebruikspositie: 'eigenaar' }],
    });
  });

  it('refuses a company without a name before anything is sent', () => {
    const values = { ...initialValues('transformaties', stored), zittende_bedrijven: JSON.stringify([{ naam: '  ', gebruikspositie: 'huurder' }]) };
    expect(missingRequired('transformaties', values)).toMatch(/vul bij elk bedrijf een naam in/);
    expect(missingRequired('transformaties', initialValues('transformaties', stored))).toBeNull();
  });
});
