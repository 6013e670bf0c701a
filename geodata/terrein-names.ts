// How an OSM business polygon gets its display name. OSM landuse polygons carry
// no name; the extract joined the names of named-area points inside each polygon
// ("A | B"), and of a named point just outside ("name_nearby").
// The names below are the business parks the region itself uses; where OSM holds
// only a company name the terrain keeps it; unnamed polygons get a neutral label.
const preferredName: Record<string, string> = {
  "'t Heen | Zonnepark": "'t Heen",
  'Heliport Leids Universitair Medisch Centrum | Leiden Bio Science Park': 'Leiden Bio Science Park',
  'Renewi Nederland | Grote Polder': 'Grote Polder',
  'Scheepswerf Stallinga': 'De Waard',
};

export interface TerreinNaam {
  naam: string;
  naamBekend: boolean;
}

export function terreinNaam(osmName: string | null, gemeente: string, volgnummer: number): TerreinNaam {
  if (osmName) return { naam: preferredName[osmName] ?? osmName, naamBekend: true };
  return { naam: `Bedrijventerrein ${gemeente} ${volgnummer} (naam onbekend)`, naamBekend: false };
}
