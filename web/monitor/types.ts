// The shapes of the monitor's API (server/balans, server/routes/balans.ts).
import type { LayerCollection } from '../api/layers.ts';

export type Ids = Partial<Record<'transformatie' | 'compensatie' | 'kavel' | 'terrein' | 'compensatie_toewijzing' | 'vraagraming' | 'planaanbod_gepubliceerd' | 'bestuursovereenkomst' | 'kostenpost', number[]>>;
export interface Cijfer { ha: number; ids: Ids }
export interface Bereik { min: number; max: number }
export const FASEN = ['voorgenomen', 'in_procedure', 'planologisch_verloren'] as const;
export type Fase = (typeof FASEN)[number];
export const COMPENSATIE_STATUSSEN = ['gepland', 'geregeld', 'planologisch_mogelijk', 'gerealiseerd'] as const;
export type CompensatieStatus = (typeof COMPENSATIE_STATUSSEN)[number];
export type KpiCode = 'netto_verloren' | 'vereiste_compensatie' | 'toegewezen' | 'nog_toe_te_wijzen' | 'restant' | 'compensatie_zonder_toewijzing' | 'plancapaciteit';

export interface Plantotaal extends Cijfer { per_milieucategorie: Record<string, Cijfer> }

export interface Balans {
  peildatum: string;
  vastgelegd_op: string | null;
  bron: 'actueel' | 'historie' | 'vastgelegd';
  historie: { eerste_geldig: string | null; eerste_vastlegging: string | null };
  definities: Record<KpiCode, { label: string; definitie: string }>;
  regio: {
    netto_verloren: Cijfer & { per_fase: Record<Fase, Cijfer> };
    vereiste_compensatie: Cijfer;
    toegewezen: Cijfer;
    nog_toe_te_wijzen: Cijfer;
    restant: Cijfer;
    compensatie_zonder_toewijzing: Cijfer;
    compensatie_totaal: Cijfer;
    compensatie_per_status: Record<CompensatieStatus, Cijfer>;
    toegewezen_telt_nog_niet: Cijfer;
    overtoewijzing: Cijfer;
    aandeel_gecompenseerd: number | null;
  };
  transformaties: {
    id: number; naam: string; gemeente: string; status: string; fase: Fase; netto_ha: number; niet_berekend: boolean;
    toegewezen_ha: number; nog_toe_te_wijzen_ha: number; restant_ha: number;
  }[];
  per_gemeente: {
    gemeente_id: number; gemeente: string; verloren: Cijfer; vereist: Cijfer; toegewezen_binnen: Cijfer; toegewezen_elders: Cijfer;
    nog_toe_te_wijzen: Cijfer; restant: Cijfer;
  }[];
  per_milieucategorie: { milieucategorie: string; verloren: Cijfer; compensatie: Cijfer }[];
  plancapaciteit: { rijen: { planstatus: string; milieucategorie: string; gemeente: string; status: string; ha: number; ids: Ids }[]; hard: Plantotaal; zacht: Plantotaal };
  vraag_aanbod: {
    vraag: (Bereik & { ids: Ids; ramingen: { periode_van: number; periode_tot: number; bron: string }[] }) | null;
    aanbod_kaart: { hard_ha: number; zacht_ha: number; totaal_ha: number };
    aanbod_gepubliceerd: { hard_ha: number; zacht_ha: number; peildatum: string | null; gepubliceerd_op: string | null; bron: string | null };
    tekort: Record<'kaart_hard' | 'kaart_hard_en_zacht' | 'gepubliceerd_hard' | 'gepubliceerd_hard_en_zacht', Bereik & { tekst: string }> | null;
  };
  signaleringen: { regel: string; ernst: 'fout' | 'waarschuwing'; tekst: string; ids: Ids }[];
  bestuursovereenkomsten: { id: number; naam: string; datum_ondertekening: string | null; subsidiabel: number; bijdrage: number; maatwerk_bedrag: number | null; partijen: { gemeente: string; rol: string }[]; ids: Ids }[];
}

export interface ReeksJaar {
  jaar: number;
  peildatum: string;
  /** After today: what the entered dates make of it, not yet a fact. */
  verwachting: boolean;
  netto_verloren: { ha: number; per_fase: Record<Fase, Cijfer> };
  toegewezen: Cijfer;
  nog_toe_te_wijzen: Cijfer;
  restant: Cijfer;
  compensatie_per_status: Record<CompensatieStatus, Cijfer>;
  plancapaciteit: { hard: { ha: number; per_milieucategorie: Record<string, Cijfer> }; zacht: { ha: number; per_milieucategorie: Record<string, Cijfer> } };
}
export interface Reeks { van: number; tot: number; jaren: ReeksJaar[] }

/** GET /api/balans/kaart: the versioned layers as they were on the peildatum. */
export interface KaartOpPeildatum {
  peildatum: string;
  kavels: LayerCollection<'kavels'>;
  transformaties: LayerCollection<'transformaties'>;
  compensaties: LayerCollection<'compensaties'>;
}
