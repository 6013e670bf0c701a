-- Up Migration
-- Vector tiles of the map layers (issue 15).
--
-- 1. Every map layer keeps its geometry also in Web Mercator (EPSG:3857), stored and
--    indexed, so a tile is one ST_AsMVT query over the GiST index without transforming
--    each row per request. The terreinen and gemeenten also keep their label point: the
--    pole of inaccessibility (ST_MaximumInscribedCircle, the polylabel algorithm), where
--    the map writes their name.
-- 2. laag_versie holds a version per map layer. Statement triggers raise it in the
--    same transaction as any write to the layer's table, so a tile cached under a
--    version is never served after a write, not even for a moment: a reader sees the
--    new version exactly when it sees the new rows. (A row update rather than a
--    sequence: a sequence would show the new version before the write commits.)

DO $do$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['gemeente', 'terrein', 'kavel', 'kanszone', 'transformatie', 'compensatie'] LOOP
    EXECUTE format('ALTER TABLE %1$I ADD COLUMN geom_3857 geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED', t);
    EXECUTE format('CREATE INDEX %1$I_geom_3857_idx ON %1$I USING gist (geom_3857)', t);
    -- The derived copies add nothing to the audit trail (its images strip the columns listed here).
    EXECUTE format('INSERT INTO audit_geheime_kolom (tabel, kolom) VALUES (%1$L, %2$L) ON CONFLICT DO NOTHING', t, 'geom_3857');
  END LOOP;
  FOREACH t IN ARRAY ARRAY['gemeente', 'terrein'] LOOP
    EXECUTE format('ALTER TABLE %1$I ADD COLUMN label_3857 geometry(Point, 3857) GENERATED ALWAYS AS (ST_Transform((ST_MaximumInscribedCircle(geom)).center, 3857)) STORED', t);
    EXECUTE format('INSERT INTO audit_geheime_kolom (tabel, kolom) VALUES (%1$L, %2$L) ON CONFLICT DO NOTHING', t, 'label_3857');
  END LOOP;
END $do$;

CREATE TABLE laag_versie (
  laag text PRIMARY KEY,
  -- Starts at the clock (ms) rather than at 1, so two databases (a restored backup, a
  -- fresh test database) never hand out the same version for different contents.
  versie bigint NOT NULL DEFAULT (extract(epoch FROM clock_timestamp()) * 1000)::bigint,
  gewijzigd_op timestamptz NOT NULL DEFAULT now()
);
INSERT INTO laag_versie (laag) VALUES
  ('gemeenten'), ('terreinen'), ('kavels'), ('kanszones'), ('transformaties'), ('compensaties');

CREATE FUNCTION laag_versie_verhoog() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE laag_versie SET versie = versie + 1, gewijzigd_op = now() WHERE laag = TG_ARGV[0];
  RETURN NULL;
END $$;

DO $do$
DECLARE
  spec record;
BEGIN
  FOR spec IN SELECT * FROM (VALUES
    ('gemeente', 'gemeenten'), ('terrein', 'terreinen'), ('kavel', 'kavels'),
    ('kanszone', 'kanszones'), ('transformatie', 'transformaties'), ('compensatie', 'compensaties')
  ) AS s(tabel, laag)
  LOOP
    EXECUTE format('CREATE TRIGGER %1$I_laag_versie AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %1$I
                    FOR EACH STATEMENT EXECUTE FUNCTION laag_versie_verhoog(%2$L)', spec.tabel, spec.laag);
  END LOOP;
END $do$;

-- Down Migration
DO $do$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['gemeente', 'terrein', 'kavel', 'kanszone', 'transformatie', 'compensatie'] LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %1$I_laag_versie ON %1$I', t);
    EXECUTE format('ALTER TABLE %1$I DROP COLUMN IF EXISTS geom_3857', t);
    EXECUTE format('ALTER TABLE %1$I DROP COLUMN IF EXISTS label_3857', t);
  END LOOP;
END $do$;
DELETE FROM audit_geheime_kolom WHERE kolom IN ('geom_3857', 'label_3857');
DROP FUNCTION IF EXISTS laag_versie_verhoog();
DROP TABLE IF EXISTS laag_versie;
