// Live area preview in RD New (EPSG:28992): the same plane PostGIS measures in,
// so the preview matches the stored oppervlakte_ha (Turf's spherical area reads
// about 0.37 % low here). The full definition incl. towgs84 matters: without it
// proj4 places RD coordinates ~100 m off.
import proj4 from 'proj4';
import type { MultiPolygon, Polygon, Position } from 'geojson';

const RD_NEW =
  '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 ' +
  '+ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs';

const toRd = proj4('EPSG:4326', RD_NEW);

/** Planar (shoelace) area of one ring in m², always positive. */
function ringArea(ring: Position[]): number {
  const pts = ring.map((p) => toRd.forward([p[0], p[1]]));
  let sum = 0;
  for (let i = 0; i < pts.length - 1; i++) sum += pts[i][0] * pts[i + 1][1] - pts[i + 1][0] * pts[i][1];
  return Math.abs(sum) / 2;
}

function polygonArea(rings: Position[][]): number {
  if (!rings.length) return 0;
  return ringArea(rings[0]) - rings.slice(1).reduce((s, r) => s + ringArea(r), 0);
}

/** Hectares of a WGS84 (Multi)Polygon measured in RD New. */
export function rdAreaHa(geometry: Polygon | MultiPolygon): number {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polys.reduce((s, p) => s + polygonArea(p), 0) / 10_000;
}
