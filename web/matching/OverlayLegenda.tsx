// What the matching colours on the map mean, next to the list that drew them.
import { COLORS } from './overlay.ts';

const ITEMS = {
  kandidaat: ['Kandidaat (voller = hogere score)', COLORS.kandidaat, 'rgba(11, 92, 173, 0.35)'],
  gekozen: ['Gekozen kandidaat', COLORS.gekozen, 'rgba(232, 89, 12, 0.5)'],
  huidig: ['Huidige kavel', COLORS.huidig, 'transparent'],
  match: ['Lopende match', COLORS.match, 'rgba(30, 107, 58, 0.5)'],
  vast: ['Lopende match (ligt vast)', COLORS.match, 'rgba(30, 107, 58, 0.5)'],
  vrijgekomen: ['Vrijgekomen kavel (schuifruimte)', COLORS.vrijgekomen, 'rgba(14, 116, 144, 0.35)'],
  keten: ['Verhuisketen (nummer = keten.stap)', COLORS.keten, COLORS.keten],
  toewijzing: ['Toegewezen kavel', COLORS.gekozen, 'rgba(232, 89, 12, 0.5)'],
} as const;

export function OverlayLegenda({ items }: { items: (keyof typeof ITEMS)[] }) {
  return (
    <p className="overlay-legenda" aria-label="Legenda kaart">
      {items.map((k) => {
        const [label, line, fill] = ITEMS[k];
        return <span key={k}><i style={{ borderColor: line, background: fill, borderStyle: k === 'huidig' || k === 'vrijgekomen' ? 'dashed' : 'solid' }} />{label}</span>;
      })}
    </p>
  );
}
