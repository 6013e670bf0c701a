// Which coordinate reference system an uploaded layer is in, judged by what the file
// declares and by where its coordinates lie. The region is in the Netherlands, so
// each known system has a plausible range; RD New metres declared as WGS84 degrees
// (or the reverse) fall far outside it and are refused with a hint.

export interface Bereik {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface BekendCrs {
  epsg: number;
  naam: string;
  /** Its name in the EPSG registry (as PROJ gives it). */
  epsgNaam: string;
  /** Where coordinates of features in the Netherlands lie in this system (with margin). */
  nederland: Bereik;
}

export const RD_NEW = 28992;

export const BEKENDE_CRS: readonly BekendCrs[] = [
  { epsg: 28992, naam: 'RD New (EPSG:28992)', epsgNaam: 'Amersfoort / RD New', nederland: { minX: -25_000, minY: 280_000, maxX: 320_000, maxY: 650_000 } },
  { epsg: 4326, naam: 'WGS 84, lengte/breedte (EPSG:4326)', epsgNaam: 'WGS 84', nederland: { minX: 3.0, minY: 50.5, maxX: 7.5, maxY: 53.8 } },
  { epsg: 4258, naam: 'ETRS89, lengte/breedte (EPSG:4258)', epsgNaam: 'ETRS89', nederland: { minX: 3.0, minY: 50.5, maxX: 7.5, maxY: 53.8 } },
  { epsg: 3857, naam: 'Web Mercator (EPSG:3857)', epsgNaam: 'WGS 84 / Pseudo-Mercator', nederland: { minX: 330_000, minY: 6_550_000, maxX: 840_000, maxY: 7_150_000 } },
  { epsg: 25831, naam: 'ETRS89 / UTM zone 31N (EPSG:25831)', epsgNaam: 'ETRS89 / UTM zone 31N', nederland: { minX: 480_000, minY: 5_580_000, maxX: 900_000, maxY: 5_980_000 } },
];

export const bekendCrs = (epsg: number) => BEKENDE_CRS.find((c) => c.epsg === epsg);

/**
 * The EPSG code a layer's system gives the map: its own, or for an EPSG compound system
 * with heights (RD New + NAP height, EPSG:7415, as BGT and 3D data come) that of its
 * horizontal part when it is one of ours; heights are dropped on reading.
 */
export function kaartEpsg(crs: { epsg: number | null; horizontaal?: string | null }): number | null {
  if (crs.horizontaal) return BEKENDE_CRS.find((c) => c.epsgNaam === crs.horizontaal)?.epsg ?? crs.epsg;
  return crs.epsg;
}

const binnen = (b: Bereik, r: Bereik) => b.minX >= r.minX && b.maxX <= r.maxX && b.minY >= r.minY && b.maxY <= r.maxY;

export const bereikVan = (extent: readonly [number, number, number, number]): Bereik =>
  ({ minX: extent[0], minY: extent[1], maxX: extent[2], maxY: extent[3] });

/** The known systems whose Dutch range holds these coordinates (RD New first). */
export function crsBijBereik(b: Bereik): BekendCrs[] {
  return BEKENDE_CRS.filter((c) => binnen(b, c.nederland));
}

export type CrsOordeel =
  | { ok: true; epsg: number }
  | { ok: false; code: 'crs_ontbreekt' | 'crs_onbekend' | 'crs_past_niet'; message: string; voorstel?: number };

const lijst = (cs: BekendCrs[]) => cs.map((c) => c.naam).join(' of ');

/**
 * Decides the CRS of a layer: the user's choice wins over what the file declares; a
 * missing or unknown one must be chosen; and the coordinates must lie where that
 * system puts the Netherlands.
 */
export function beoordeelCrs(gedeclareerd: number | null, gekozen: number | null | undefined, extent: Bereik | null, heeftCrs: boolean): CrsOordeel {
  const epsg = gekozen ?? gedeclareerd;
  if (epsg == null) {
    return heeftCrs
      ? { ok: false, code: 'crs_onbekend', message: 'Het coördinatenstelsel van het bestand is niet herkend. Kies het stelsel waarin de coördinaten staan.', voorstel: extent ? crsBijBereik(extent)[0]?.epsg : undefined }
      : { ok: false, code: 'crs_ontbreekt', message: 'Het bestand vermeldt geen coördinatenstelsel (bij een Shapefile ontbreekt de .prj). Kies het stelsel waarin de coördinaten staan.', voorstel: extent ? crsBijBereik(extent)[0]?.epsg : undefined };
  }
  const bekend = bekendCrs(epsg);
  if (!bekend) {
    return { ok: false, code: 'crs_onbekend', message: `Coördinatenstelsel EPSG:${epsg} wordt niet ondersteund. Gebruik ${lijst([...BEKENDE_CRS])}.` };
  }
  if (!extent || binnen(extent, bekend.nederland)) return { ok: true, epsg };
  const passend = crsBijBereik(extent);
  // No known system fits either: not a wrong CRS but features that lie astray (one
  // digitised at 0,0, an empty Shapefile's extent). The check names each such feature.
  if (!passend.length) return { ok: true, epsg };
  const waar = gekozen != null ? 'U koos' : 'Het bestand noemt';
  const hint = ` De coördinaten passen bij ${lijst(passend)}: ${gekozen != null ? 'kies dat stelsel' : 'corrigeer het coördinatenstelsel in het bestand (bij een Shapefile de .prj) of kies dat stelsel'}.`;
  return {
    ok: false, code: 'crs_past_niet',
    message: `${waar} ${bekend.naam}, maar de coördinaten (x ${fmt(extent.minX)} – ${fmt(extent.maxX)}, y ${fmt(extent.minY)} – ${fmt(extent.maxY)}) liggen daarin niet in Nederland.${hint}`,
    voorstel: passend[0].epsg,
  };
}

const fmt = (n: number) => n.toLocaleString('nl-NL', { maximumFractionDigits: Math.abs(n) < 1000 ? 4 : 0 });
