// The closed lists of the exchange with the municipalities' GIS, defined once: the
// server's schemas and the web app's import and export screens import them from here.
// No imports, so the web app can bundle this file as it is.

/** The layers an import can write (the gemeenten are the region's own, never imported). */
export const DOELEN = ['kavels', 'terreinen', 'kanszones', 'transformaties', 'compensaties'] as const;
export type Doel = (typeof DOELEN)[number];
/** The layers with a dated history (migration 012): an import's changes to them can take effect on a chosen date. */
export const GEDATEERDE_DOELEN: readonly Doel[] = ['kavels', 'transformaties', 'compensaties'];

/** The file formats a layer is exported in, in the order the export screen offers them. */
export const FORMATEN = ['gpkg', 'shp', 'geojson', 'csv', 'xlsx'] as const;
export type Formaat = (typeof FORMATEN)[number];

/** The monitor's tables an export holds: one chosen in CSV, each on its own sheet in xlsx. */
export const MONITOR_TABELLEN = ['regio', 'per_gemeente', 'per_milieucategorie', 'signaleringen'] as const;
export type MonitorTabel = (typeof MONITOR_TABELLEN)[number];
