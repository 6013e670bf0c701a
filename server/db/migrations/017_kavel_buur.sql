-- Up Migration
-- Matching from the database (issue 15, item 4): which kavels touch, stored and kept
-- up to date, so that candidate groups of adjacent kavels are found with a join
-- instead of a geometric comparison per request.

-- Kavels that share an edge (not just a corner), in both directions. Derived from the
-- geometry: not edited, not audited. Whether two neighbours may be merged (same
-- terrein, the request's rules) is decided by the matching queries.
CREATE TABLE kavel_buur (
  kavel_id integer NOT NULL REFERENCES kavel(id) ON DELETE CASCADE,
  buur_id integer NOT NULL REFERENCES kavel(id) ON DELETE CASCADE,
  PRIMARY KEY (kavel_id, buur_id),
  CHECK (kavel_id <> buur_id)
);
CREATE INDEX kavel_buur_buur_idx ON kavel_buur (buur_id);

-- Recomputes a kavel's neighbours when it is inserted or its geometry changes, in the
-- same transaction as the write (a deleted kavel's rows go with it: ON DELETE CASCADE).
-- Geometry writes to kavels take a transaction lock here, one after another, so two
-- concurrent edits of touching kavels cannot each keep the other's old neighbours.
CREATE FUNCTION kavel_buren_bijwerken() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('kavel_buur'));
  DELETE FROM kavel_buur WHERE kavel_id = NEW.id OR buur_id = NEW.id;
  INSERT INTO kavel_buur (kavel_id, buur_id)
  SELECT x.a, x.b
  FROM kavel k
  CROSS JOIN LATERAL (VALUES (NEW.id, k.id), (k.id, NEW.id)) AS x(a, b)
  WHERE k.id <> NEW.id AND k.geom && NEW.geom AND ST_Relate(k.geom, NEW.geom, 'F***1****');
  RETURN NULL;
END $$;

CREATE TRIGGER kavel_buren AFTER INSERT OR UPDATE OF geom ON kavel
  FOR EACH ROW EXECUTE FUNCTION kavel_buren_bijwerken();

INSERT INTO kavel_buur (kavel_id, buur_id)
SELECT a.id, b.id FROM kavel a JOIN kavel b ON a.id <> b.id AND a.geom && b.geom AND ST_Relate(a.geom, b.geom, 'F***1****');

-- Down Migration
DROP TRIGGER IF EXISTS kavel_buren ON kavel;
DROP FUNCTION IF EXISTS kavel_buren_bijwerken();
DROP TABLE IF EXISTS kavel_buur;
