// Dutch texts of the ruimtevragen register and matching (issue #6).
import type { MatchStatus, Reden, VraagStatus } from '../../server/domain/matching-codes.ts';
import { formatDate } from './format.ts';

export const tm = {
  titel: 'Ruimtevragen en matching',
  kicker: 'Vraag en aanbod',
  sluiten: 'Ruimtevragen sluiten',
  tabs: { register: 'Register', matches: 'Matches', regio: 'Regionaal optimum', scheefwerken: 'Scheefwerken' },
  reden: { groei: 'Groei', transformatie: 'Transformatie', verkeerde_plek: 'Verkeerde plek', nieuwvestiging: 'Nieuwvestiging' } satisfies Record<Reden, string>,
  vraagStatus: { open: 'Open', in_behandeling: 'In behandeling', gematcht: 'Gematcht', ingetrokken: 'Ingetrokken' } satisfies Record<VraagStatus, string>,
  matchStatus: {
    voorgesteld: 'Voorgesteld', besproken_werkgroep: 'Besproken in werkgroep', warme_overdracht: 'Warme overdracht',
    gerealiseerd: 'Gerealiseerd', afgevallen: 'Afgevallen',
  } satisfies Record<MatchStatus, string>,
  /** The button that moves a match to this status. */
  stapKnop: {
    voorgesteld: 'Voorstellen', besproken_werkgroep: 'Besproken in werkgroep (kavels in optie)', warme_overdracht: 'Warme overdracht',
    gerealiseerd: 'Gerealiseerd', afgevallen: 'Afgevallen',
  } satisfies Record<MatchStatus, string>,
  anoniemUitleg: 'U ziet de ruimtevragen geanonimiseerd: bedrijfsgegevens zijn vertrouwelijk en alleen zichtbaar voor de regisseur.',
  geenVragen: 'Geen ruimtevragen met deze filters.',
  kandidatenUitleg: 'Kavels en combinaties van aangrenzende kavels die aan de harde eisen voldoen, gerangschikt op score (0–100). Klik op een kandidaat om hem op de kaart te zien.',
  kandidatenUitlegAnoniem: 'Kavels en combinaties van aangrenzende kavels die aan de eisen van de vraag voldoen, met hun rang en hoe goed ze passen. '
    + 'Vertrouwelijke bedrijfsgegevens (huidige locatie, arbeidsplaatsen) tellen in deze weergave niet mee. Klik op een kandidaat om hem op de kaart te zien.',
  geenAandachtspunten: 'Past op omvang, planstatus, tijd, gemeente en milieucategorie.',
  vrijgekomenKavel: 'Vrijgekomen',
  geenKandidaten: 'Geen kandidaten.',
  voorstellen: 'Voorstellen als match',
  voorgesteld: 'Match voorgesteld.',
  waarom: 'Waarom deze score?',
  huidigeKavel: 'Huidige kavel',
  regioUitleg: 'Wijst alle open ruimtevragen tegelijk toe met de solver HiGHS: maximale totaalscore (voorrang telt zwaarder), elke kavel één keer. '
    + 'Een kavel van een vragend bedrijf komt alleen vrij als dat bedrijf zelf verhuist: zo ontstaan verhuisketens. Ter vergelijking de gretige aanpak (vraag voor vraag).',
  regioBereken: 'Bereken regionaal optimum',
  regioVoorstellen: 'Maak matches van deze uitkomst',
  regioVoorstellenUitleg: 'Precies deze uitkomst wordt matches: elke toewijzing een match met status “voorgesteld” (vragen met een lopende match worden overgeslagen). '
    + 'Er gaat nog geen kavel in optie. Zijn de gegevens sinds de berekening gewijzigd, dan wordt niets gemaakt en rekent u opnieuw.',
  regioVastUitleg: 'Deze matches zijn al besproken in de werkgroep (kavels in optie). Ze liggen vast in het model: hun kavels zijn bezet en hun vragen vervuld; '
    + 'de kavel die zo’n bedrijf achterlaat kan naar een ander.',
  stapReden: 'Reden of toelichting (verplicht)',
  scheefwerkenUitleg: 'Bedrijven waarvan de activiteit ver onder de milieucategorie van hun kavel ligt: kandidaten om zware milieuruimte vrij te maken.',
  csvUitleg: 'CSV met puntkomma of komma en Nederlandse kolomkoppen (bedrijf, kvk, min_ha, max_ha, milieucategorie, reden, gewenste_gemeenten, …). Eerst wordt het bestand gecontroleerd; er wordt pas iets opgeslagen als elke rij klopt.',
};

/**
 * HiGHS's status of the regional optimum in Dutch, with how far from the best possible a
 * stopped solve may be (its gap: the proved bound over the answer, relative). A gap of
 * 100 % or more means the solve stopped before it proved any useful bound (the bound is
 * then about every option at once): that is said in words, not as "2.800 % hoger".
 */
export function solverUitkomst(status: string, gap: number | undefined): string {
  if (status === 'Optimal') return 'bewezen optimaal';
  const bekend = gap !== undefined && Number.isFinite(gap) && gap > 0;
  const ruimte = !bekend ? ''
    : gap >= 1 ? '; de rekentijd was te kort om te bewijzen hoe dicht deze uitkomst bij het beste mogelijke ligt'
      : `; het beste mogelijke ligt hooguit ${new Intl.NumberFormat('nl-NL', { maximumSignificantDigits: 2 }).format(100 * gap)} % hoger`;
  if (status === 'Time limit reached') return `tijdslimiet bereikt, beste gevonden uitkomst${ruimte}`;
  return `solver meldt “${status}”${ruimte}`;
}

const nl1 = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const nl2 = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const fmt = {
  ha: (x: number) => `${nl2.format(x)} ha`,
  bereik: (a: number, b: number) => `${nl1.format(a)}–${nl1.format(b)} ha`,
  score: (x: number) => nl1.format(x),
  getal: (x: number) => nl1.format(x),
  datum: (iso: string | null | undefined) => (iso ? formatDate(iso) : '—'),
};
