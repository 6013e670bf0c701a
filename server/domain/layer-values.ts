// The closed lists of values of the map layers and agreements, defined once: the
// server's schemas, the editor's forms and the tests import them from here, and an
// integration test (test/integration/layer-values.test.ts) checks that each equals
// the database's CHECK constraint. Kavel statuses: kavel-status.ts; cost categories:
// bijdrage.ts; the smallest area: geometry.ts (MIN_AREA_HA).

/** The map's layers, in the order they are drawn (bottom first) and listed. */
export const LAYER_PATHS = ['gemeenten', 'terreinen', 'kavels', 'kanszones', 'transformaties', 'compensaties'] as const;
export type LayerPath = (typeof LAYER_PATHS)[number];

export const PLANSTATUSSEN = ['hard', 'zacht'] as const;
export type Planstatus = (typeof PLANSTATUSSEN)[number];

export const TRANSFORMATIE_STATUSSEN = ['idee', 'studie', 'ontwerp_ter_inzage', 'vastgesteld', 'gerealiseerd', 'vervallen'] as const;
export type TransformatieStatus = (typeof TRANSFORMATIE_STATUSSEN)[number];

export const COMPENSATIE_STATUSSEN = ['gepland', 'geregeld', 'planologisch_mogelijk', 'gerealiseerd', 'vervallen'] as const;
export type CompensatieStatus = (typeof COMPENSATIE_STATUSSEN)[number];

/** A transformatie or compensatie that no longer counts keeps this status (it is never deleted). */
export const VERVALLEN = 'vervallen' satisfies TransformatieStatus & CompensatieStatus;

export const NIEUWE_FUNCTIES = ['wonen', 'gemengd', 'overig'] as const;
export type NieuweFunctie = (typeof NIEUWE_FUNCTIES)[number];

/** The functions that bring housing near business land: the milieuruimte check applies. */
export const WOONFUNCTIES = ['wonen', 'gemengd'] as const satisfies readonly NieuweFunctie[];
export type Woonfunctie = (typeof WOONFUNCTIES)[number];
export const isWoonfunctie = (f: unknown): f is Woonfunctie => (WOONFUNCTIES as readonly unknown[]).includes(f);

export const KANSZONE_SOORTEN = ['challenge_071', 'rijkspilot', 'overig'] as const;
export type KanszoneSoort = (typeof KANSZONE_SOORTEN)[number];

export const TYPOLOGIEEN = ['breed_gedifferentieerd', 'matig_gedifferentieerd', 'onbekend'] as const;
export type Typologie = (typeof TYPOLOGIEEN)[number];

export const EIGENDOMMEN = ['gemeente', 'privaat', 'onbekend'] as const;
export type Eigendom = (typeof EIGENDOMMEN)[number];

/** A company on a site rents it or owns it. */
export const GEBRUIKSPOSITIES = ['huurder', 'eigenaar'] as const;
export type Gebruikspositie = (typeof GEBRUIKSPOSITIES)[number];

/** The part a gemeente plays in a bestuursovereenkomst. */
export const PARTIJ_ROLLEN = ['transformerend', 'compenserend', 'overig'] as const;
export type PartijRol = (typeof PARTIJ_ROLLEN)[number];

/** A VNG milieucategorie code as stored: 1, 2, 3.1, 3.2, 4.1 … (the codes themselves live in the milieucategorie table). */
export const MILIEUCATEGORIE_CODE = /^\d(\.\d)?$/;
