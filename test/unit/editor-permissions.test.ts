// What the editor offers an account (web/editor/permissions.ts): from its capabilities
// (`mag` of /api/auth/me) and, for a werkgroep member, its gemeente.
import { describe, expect, it } from 'vitest';
import { mayCreate, mayDo, mayEdit } from '../../web/editor/permissions.ts';
import type { Me } from '../../web/api/session.ts';

const me = (rol: Me['rol'], gemeente_id: number | null, mag: string[]): Me =>
  ({ id: 1, email: 'x@y.nl', naam: 'X', rol, gemeente_id, gemeente: null, csrfToken: 't', mag,
    stap: 'volledig', methode: 'wachtwoord', heeft_wachtwoord: true, tweede_factor: true, tweede_factor_verplicht: rol === 'regisseur' || rol === 'beheerder' });

const bewerker = ['POST /api/kavels', 'PATCH /api/kavels/{id}', 'POST /api/kavels/{id}/split', 'GET /api/kavels'];

describe('editor permissions', () => {
  it('offers the toolbar only to an account that may create a record of an editable layer', () => {
    expect(mayEdit(me('regisseur', null, bewerker))).toBe(true);
    expect(mayEdit(me('stuurgroep', null, ['GET /api/kavels', 'POST /api/auth/logout']))).toBe(false);
    expect(mayEdit(me('regisseur', null, ['POST /api/ruimtevragen']))).toBe(false);
    expect(mayCreate(me('regisseur', null, bewerker), 'kavels')).toBe(true);
    expect(mayCreate(me('regisseur', null, bewerker), 'terreinen')).toBe(false);
  });

  it("lets a werkgroep member act only on its own gemeente's records", () => {
    const leiden = me('werkgroep', 3, bewerker);
    expect(mayDo(leiden, 'bewerken', 'kavels', 3)).toBe(true);
    expect(mayDo(leiden, 'bewerken', 'kavels', 4)).toBe(false);
    expect(mayDo(me('regisseur', null, bewerker), 'bewerken', 'kavels', 4)).toBe(true);
  });

  it('offers an operation only when its route is among the capabilities', () => {
    const r = me('regisseur', null, bewerker);
    expect(mayDo(r, 'splitsen', 'kavels', 1)).toBe(true);
    expect(mayDo(r, 'samenvoegen', 'kavels', 1)).toBe(false);
    expect(mayDo(r, 'bewerken', 'terreinen', 1)).toBe(false);
    expect(mayDo(null, 'bewerken', 'kavels', 1)).toBe(false);
  });
});
