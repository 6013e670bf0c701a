// Plancapaciteit from kavels read in groups (as the database groups them on national
// data): the same figures as from single kavels, ids ascending across the groups.
import { describe, expect, it } from 'vitest';
import { alsGroep, plancapaciteit, type KavelGroep, type KavelStand } from '../../server/domain/kpi.ts';

const kavel = (id: number, gemeente: string, status: string, planstatus: 'hard' | 'zacht', cat: string, ha: number): KavelStand =>
  ({ id, status, planstatus, milieucategorie_max: cat, gemeente, oppervlakte_ha: ha });

const kavels = [
  kavel(1, 'Leiden', 'beschikbaar', 'hard', '3.1', 1), kavel(5, 'Leiden', 'beschikbaar', 'hard', '3.1', 2),
  kavel(2, 'Katwijk', 'beschikbaar', 'hard', '3.1', 0.5), kavel(4, 'Katwijk', 'potentieel', 'hard', '4.2', 4),
  kavel(3, 'Leiden', 'potentieel', 'zacht', '3.1', 8), kavel(6, 'Leiden', 'bezet', 'hard', '3.1', 16),
];

/** The kavels as the database groups them: by gemeente, planstatus, category and status. */
function groepen(ks: KavelStand[]): KavelGroep[] {
  const m = new Map<string, KavelGroep>();
  for (const k of ks) {
    const sleutel = `${k.gemeente}|${k.planstatus}|${k.milieucategorie_max}|${k.status}`;
    const g = m.get(sleutel);
    if (g) {
      g.ids.push(k.id);
      g.oppervlakte_ha += k.oppervlakte_ha;
    } else m.set(sleutel, { ...alsGroep(k) });
  }
  return [...m.values()];
}

describe('plancapaciteit from kavel groups', () => {
  it('gives the same figures from groups as from single kavels', () => {
    const los = plancapaciteit(kavels.map(alsGroep));
    const gegroepeerd = plancapaciteit(groepen(kavels));
    expect(gegroepeerd).toEqual(los);
    expect(gegroepeerd.hard).toMatchObject({ ha: 7.5, ids: { kavel: [1, 2, 4, 5] } });
    expect(gegroepeerd.hard.per_milieucategorie['3.1']).toEqual({ ha: 3.5, ids: { kavel: [1, 2, 5] } });
    expect(gegroepeerd.zacht).toMatchObject({ ha: 8, ids: { kavel: [3] } });
  });

  it('keeps one row per gemeente, planstatus, category and status, Katwijk before Leiden', () => {
    const { rijen } = plancapaciteit(groepen(kavels));
    expect(rijen.map((r) => [r.gemeente, r.planstatus, r.milieucategorie, r.status, r.ha, r.ids.kavel])).toEqual([
      ['Katwijk', 'hard', '3.1', 'beschikbaar', 0.5, [2]],
      ['Katwijk', 'hard', '4.2', 'potentieel', 4, [4]],
      ['Leiden', 'hard', '3.1', 'beschikbaar', 3, [1, 5]],
      ['Leiden', 'zacht', '3.1', 'potentieel', 8, [3]],
    ]);
  });
});
