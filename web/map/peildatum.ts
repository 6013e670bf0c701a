// The peildatum the monitor shows, shared with the map: while it lies in the past the
// map draws kavels, transformaties and compensaties as they were then (with a banner),
// and the monitor's highlights land on those polygons. Null: today, the live layers.
import { useSyncExternalStore } from 'react';
import type { Schemas } from '../api/http.ts';

type KaartOpPeildatum = Schemas['BalansKaart'];

interface Stand {
  /** The chosen peildatum; null is today. */
  peildatum: string | null;
  /** The layers of that date once loaded; null while live. */
  kaart: KaartOpPeildatum | null;
}

let stand: Stand = { peildatum: null, kaart: null };
const luisteraars = new Set<() => void>();
const zet = (nieuw: Stand) => {
  stand = nieuw;
  for (const l of luisteraars) l();
};

export function zetPeildatum(peildatum: string | null) {
  if (peildatum === stand.peildatum) return;
  // Layers of another date do not belong to the new one.
  zet({ peildatum, kaart: stand.kaart && stand.kaart.peildatum === peildatum ? stand.kaart : null });
}

export function zetKaart(kaart: KaartOpPeildatum | null) {
  if (kaart && kaart.peildatum !== stand.peildatum) return;
  zet({ ...stand, kaart });
}

export function usePeildatum(): Stand {
  return useSyncExternalStore(
    (l) => {
      luisteraars.add(l);
      return () => luisteraars.delete(l);
    },
    () => stand,
  );
}
