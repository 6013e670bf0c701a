-- Up Migration
-- Exchange with the municipalities' GIS (issue #14). Records keep the source they
-- were imported from and that source's own id, so a yearly re-delivery updates them
-- instead of adding duplicates. Imports are staged in import_object while they are
-- checked; the field mapping of a source is remembered in import_koppeling.

ALTER TABLE terrein ADD COLUMN bron_id text;
ALTER TABLE kavel ADD COLUMN bron_id text;
ALTER TABLE kanszone ADD COLUMN bron_id text;
ALTER TABLE transformatie ADD COLUMN bron_id text;
ALTER TABLE compensatie ADD COLUMN bron_id text;
CREATE UNIQUE INDEX terrein_bron_id_idx ON terrein (bron, bron_id) WHERE bron_id IS NOT NULL;
CREATE UNIQUE INDEX kavel_bron_id_idx ON kavel (bron, bron_id) WHERE bron_id IS NOT NULL;
CREATE UNIQUE INDEX kanszone_bron_id_idx ON kanszone (bron, bron_id) WHERE bron_id IS NOT NULL;
CREATE UNIQUE INDEX transformatie_bron_id_idx ON transformatie (bron, bron_id) WHERE bron_id IS NOT NULL;
CREATE UNIQUE INDEX compensatie_bron_id_idx ON compensatie (bron, bron_id) WHERE bron_id IS NOT NULL;

-- How the fields of a source map onto a layer's attributes, per (layer, source).
CREATE TABLE import_koppeling (
  doel text NOT NULL,
  bron text NOT NULL,
  bron_id_veld text,
  velden jsonb NOT NULL,
  epsg integer,
  account_id integer REFERENCES account(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (doel, bron)
);

-- Features of an import being checked: as delivered (in RD New), the values mapped
-- onto the layer, and what the check found. Not audited: nothing here is the record.
CREATE TABLE import_object (
  import_id text NOT NULL,
  volgnr integer NOT NULL,
  fid text,
  bron_id text,
  -- The source's values mapped onto the layer's attributes, and what went wrong reading them.
  eigenschappen jsonb NOT NULL DEFAULT '{}'::jsonb,
  leesproblemen jsonb NOT NULL DEFAULT '[]'::jsonb,
  geom geometry(Geometry, 28992),
  -- After the check: the polygon on the 1 mm grid, the record's column values, the
  -- matching existing record and its version, and the verdict.
  geom_schoon geometry(MultiPolygon, 28992),
  waarden jsonb,
  bestaand_id integer,
  bestaand_versie integer,
  oordeel text CHECK (oordeel IN ('nieuw', 'gewijzigd', 'ongewijzigd', 'fout')),
  problemen jsonb NOT NULL DEFAULT '[]'::jsonb,
  aangemaakt_op timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (import_id, volgnr)
);
CREATE INDEX import_object_geom_idx ON import_object USING gist (geom_schoon);

-- Down Migration
DROP TABLE IF EXISTS import_object, import_koppeling;
DROP INDEX IF EXISTS terrein_bron_id_idx, kavel_bron_id_idx, kanszone_bron_id_idx, transformatie_bron_id_idx, compensatie_bron_id_idx;
ALTER TABLE terrein DROP COLUMN IF EXISTS bron_id;
ALTER TABLE kavel DROP COLUMN IF EXISTS bron_id;
ALTER TABLE kanszone DROP COLUMN IF EXISTS bron_id;
ALTER TABLE transformatie DROP COLUMN IF EXISTS bron_id;
ALTER TABLE compensatie DROP COLUMN IF EXISTS bron_id;
