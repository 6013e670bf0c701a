import { describe, expect, it } from 'vitest';
import { kiesGemeente } from '../../server/domain/gemeente-keuze.ts';

const leiden = { id: 2, naam: 'Leiden', ha: 3 };
const voorschoten = { id: 5, naam: 'Voorschoten', ha: 1 };

describe('kiesGemeente', () => {
  it('takes the gemeente with the largest share when nothing was chosen', () => {
    expect(kiesGemeente([leiden, voorschoten])).toEqual({ ok: true, gemeente_id: 2 });
  });
  it('accepts another gemeente under the polygon', () => {
    expect(kiesGemeente([leiden, voorschoten], 5)).toEqual({ ok: true, gemeente_id: 5 });
  });
  it('refuses a gemeente the polygon does not touch, naming the choices', () => {
    expect(kiesGemeente([leiden, voorschoten], 1)).toEqual({
      ok: false, code: 'gemeente_buiten_vlak', message: 'Het vlak ligt niet in de gekozen gemeente; kies Leiden of Voorschoten.',
    });
  });
  it('keeps the current gemeente while the redrawn polygon still lies in it, and moves it otherwise', () => {
    expect(kiesGemeente([leiden, voorschoten], undefined, 5)).toEqual({ ok: true, gemeente_id: 5 });
    expect(kiesGemeente([leiden], undefined, 5)).toEqual({ ok: true, gemeente_id: 2 });
  });
  it('finds no gemeente outside the region', () => {
    expect(kiesGemeente([], 2)).toMatchObject({ ok: false, code: 'buiten_regio' });
  });
});
