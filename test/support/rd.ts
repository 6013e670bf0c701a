// Independent RD New area computation for checks: proj4 projection + planar shoelace.
import proj4 from 'proj4';

const RD_NEW =
  '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 ' +
  '+ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs';
const toRd = proj4('EPSG:4326', RD_NEW);

const ringArea = (ring: number[][]) => {
  const pts = ring.map((p) => toRd.forward([p[0], p[1]]));
  let sum = 0;
  for (let i = 0; i < pts.length - 1; i++) sum += pts[i][0] * pts[i + 1][1] - pts[i + 1][0] * pts[i][1];
  return Math.abs(sum) / 2;
};
const polygonArea = (rings: number[][][]) => ringArea(rings[0]) - rings.slice(1).reduce((s, r) => s + ringArea(r), 0);

/** Area in hectares of a WGS84 Polygon or MultiPolygon, in RD New. */
export function rdAreaHa(geometry: { type: string; coordinates: any }): number {
  const polys: number[][][][] = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polys.reduce((s, p) => s + polygonArea(p), 0) / 10000;
}
