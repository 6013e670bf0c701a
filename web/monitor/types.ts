// The shape of GET /api/balans (server/balans/service.ts).
export type Ids = Partial<Record<'transformatie' | 'compensatie' | 'kavel' | 'terrein' | 'compensatie_toewijzing' | 'vraagraming' | 'planaanbod_gepubliceerd' | 'bestuursovereenkomst' | 'kostenpost', number[]>>;
export interface Cijfer { ha: number; ids: Ids }
export interface Bereik { min: number; max: number }

export interface Balans {
  peildatum: string;
  regio: {
    netto_verloren: Cijfer;
    compensatie_per_status: Record<'gepland' | 'geregeld' | 'planologisch_mogelijk' | 'gerealiseerd', Cijfer>;
    compensatie_totaal: Cijfer;
    toegewezen: Cijfer;
    saldo_ha: number;
    aandeel_gecompenseerd: number | null;
  };
  per_gemeente: { gemeente: string; verloren: Cijfer; vereist: Cijfer; toegewezen_binnen: Cijfer; toegewezen_elders: Cijfer; restant_ha: number }[];
  per_milieucategorie: { milieucategorie: string; verloren: Cijfer; gecompenseerd: Cijfer }[];
  plancapaciteit: { rijen: { planstatus: string; milieucategorie: string; gemeente: string; status: string; ha: number; ids: Ids }[]; hard: Cijfer; zacht: Cijfer };
  vraag_aanbod: {
    vraag: Bereik & { ids: Ids };
    aanbod_kaart: { hard: Cijfer; zacht: Cijfer; totaal_ha: number };
    aanbod_gepubliceerd: { hard_ha: number; zacht_ha: number; peildatum: string | null; bron: string | null };
    tekort: Record<'kaart_hard' | 'kaart_hard_en_zacht' | 'gepubliceerd_hard' | 'gepubliceerd_hard_en_zacht', Bereik>;
  };
  signaleringen: { regel: string; ernst: 'fout' | 'waarschuwing'; tekst: string; ids: Ids }[];
  bestuursovereenkomsten: { id: number; naam: string; datum_ondertekening: string | null; subsidiabel: number; bijdrage: number; maatwerk_bedrag: number | null; partijen: { gemeente: string; rol: string }[]; ids: Ids }[];
}
