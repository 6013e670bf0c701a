import { describe, expect, it } from 'vitest';
import { mayEditGemeente, ruimtevraagZicht } from '../../server/domain/roles.ts';
import { anonymousLabel } from '../../server/domain/ruimtevraag.ts';
import { findRule } from '../../server/auth/permissions.ts';

describe('mayEditGemeente', () => {
  it('lets regie edit everywhere, werkgroep only its own gemeente, stuurgroep nowhere', () => {
    expect(mayEditGemeente({ id: 1, rol: 'regisseur', gemeente_id: null }, 3)).toBe(true);
    expect(mayEditGemeente({ id: 1, rol: 'beheerder', gemeente_id: null }, 3)).toBe(true);
    expect(mayEditGemeente({ id: 1, rol: 'werkgroep', gemeente_id: 3 }, 3)).toBe(true);
    expect(mayEditGemeente({ id: 1, rol: 'werkgroep', gemeente_id: 3 }, 4)).toBe(false);
    expect(mayEditGemeente({ id: 1, rol: 'stuurgroep', gemeente_id: null }, 3)).toBe(false);
  });
});

describe('ruimtevragen', () => {
  it('are shown in full, anonymised or as aggregates by role', () => {
    expect(ruimtevraagZicht('regisseur')).toBe('volledig');
    expect(ruimtevraagZicht('beheerder')).toBe('volledig');
    expect(ruimtevraagZicht('werkgroep')).toBe('anoniem');
    expect(ruimtevraagZicht('stuurgroep')).toBe('aggregaat');
  });

  it('get an anonymous Dutch label', () => {
    expect(anonymousLabel(12, 2.5, '4.1')).toBe('Vraag 12 · 2,5 ha · cat. 4.1');
    expect(anonymousLabel(3, 1, '2')).toBe('Vraag 3 · 1 ha · cat. 2');
  });
});

describe('findRule', () => {
  it('matches parameters and prefers literal segments', () => {
    expect(findRule('GET', '/api/kavels/12')?.path).toBe('/api/kavels/:id');
    expect(findRule('GET', '/api/ruimtevragen/aggregaat')?.path).toBe('/api/ruimtevragen/aggregaat');
    expect(findRule('DELETE', '/api/gemeenten/1')).toBeUndefined();
    expect(findRule('GET', '/api/kavels/12/extra')).toBeUndefined();
  });
});
