import { describe, expect, it } from 'vitest';
import { mayEditGemeente, ruimtevraagZicht } from '../../server/domain/roles.ts';
import { anonymousLabel } from '../../server/domain/ruimtevraag.ts';
import { AccessTable, BEWERKERS, IEDEREEN, REGIE } from '../../server/http/access.ts';

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

describe('the access table', () => {
  const table = new AccessTable([
    { method: 'get', path: '/api/kavels/{id}', toegang: IEDEREEN },
    { method: 'patch', path: '/api/kavels/{id}', toegang: BEWERKERS },
    { method: 'get', path: '/api/ruimtevragen/{id}', toegang: REGIE },
    { method: 'get', path: '/api/ruimtevragen/aggregaat', toegang: IEDEREEN },
  ]);

  it('matches parameters and prefers literal segments', () => {
    expect(table.find('GET', '/api/kavels/12')?.path).toBe('/api/kavels/{id}');
    expect(table.find('GET', '/api/ruimtevragen/aggregaat')?.path).toBe('/api/ruimtevragen/aggregaat');
    expect(table.find('GET', '/api/ruimtevragen/7')?.path).toBe('/api/ruimtevragen/{id}');
    expect(table.find('DELETE', '/api/kavels/1')).toBeUndefined();
    expect(table.find('GET', '/api/kavels/12/extra')).toBeUndefined();
  });

  it('gives each role the routes it may call', () => {
    expect(table.capabilities('stuurgroep')).toEqual(['GET /api/kavels/{id}', 'GET /api/ruimtevragen/aggregaat']);
    expect(table.capabilities('werkgroep')).toContain('PATCH /api/kavels/{id}');
    expect(table.capabilities('werkgroep')).not.toContain('GET /api/ruimtevragen/{id}');
    expect(table.capabilities('regisseur')).toHaveLength(4);
  });
});
