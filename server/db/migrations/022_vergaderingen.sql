-- Up Migration
-- Meetings of the stuurgroep and the werkgroep, and the frozen snapshot of the figures
-- shown there (issue #13).
--
-- A snapshot keeps its figures as data (the balance, the series, the signaleringen, the
-- adviezen and the ruimtevragen aggregate as JSON) and the records behind them: for the
-- versioned tables (migration 012) the version row valid on its peildatum, which is never
-- changed; for the unversioned polygon tables a copy of the polygon; for the rest the
-- record's version. So every polygon can be drawn as it was, and two snapshots can be
-- compared record by record. A snapshot never changes: the triggers below refuse it, and
-- a version row a snapshot refers to cannot be removed or rewritten either.

CREATE TABLE vergadering (
  id serial PRIMARY KEY,
  datum date NOT NULL,
  gremium text NOT NULL CHECK (gremium IN ('stuurgroep', 'werkgroep')),
  titel text NOT NULL CHECK (length(btrim(titel)) BETWEEN 1 AND 200),
  -- The date the figures are about; NULL: the meeting's date (or today, if that is earlier).
  peildatum date,
  locatie text CHECK (length(locatie) <= 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX vergadering_datum_idx ON vergadering (datum);
CREATE TRIGGER vergadering_touch BEFORE UPDATE ON vergadering FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER vergadering_audit AFTER INSERT OR UPDATE OR DELETE ON vergadering FOR EACH ROW EXECUTE FUNCTION audit_row();

CREATE TABLE vergadering_snapshot (
  id serial PRIMARY KEY,
  vergadering_id integer NOT NULL REFERENCES vergadering(id),
  -- 1 for the first snapshot of a meeting, 2 for the next: the last one counts.
  volgnummer integer NOT NULL CHECK (volgnummer >= 1),
  peildatum date NOT NULL,
  bevroren_op timestamptz NOT NULL DEFAULT now(),
  bevroren_door integer REFERENCES account(id),
  -- json, not jsonb: kept byte for byte as frozen (the kenmerk is computed over this text).
  inhoud json NOT NULL,
  -- SHA-256 of the content and the record list, printed on the report.
  kenmerk text NOT NULL CHECK (kenmerk ~ '^[0-9a-f]{64}$'),
  UNIQUE (vergadering_id, volgnummer)
);

CREATE TABLE vergadering_snapshot_record (
  snapshot_id integer NOT NULL REFERENCES vergadering_snapshot(id),
  tabel text NOT NULL,
  record_id integer NOT NULL,
  -- Versioned tables: the row of <tabel>_versie valid on the peildatum.
  versie_id bigint,
  -- Unversioned tables: the record's version when frozen.
  version integer,
  -- Unversioned polygon tables (terrein, gemeente, kanszone): the polygon and what the map shows of it.
  geom geometry(MultiPolygon, 28992),
  eigenschappen jsonb,
  PRIMARY KEY (snapshot_id, tabel, record_id),
  CHECK ((tabel IN ('transformatie', 'compensatie', 'kavel', 'compensatie_toewijzing')) = (versie_id IS NOT NULL)),
  CHECK ((tabel IN ('terrein', 'gemeente', 'kanszone')) = (geom IS NOT NULL))
);
CREATE INDEX vergadering_snapshot_record_versie_idx ON vergadering_snapshot_record (tabel, versie_id) WHERE versie_id IS NOT NULL;

-- Who froze a snapshot and when is in the audit trail (the records follow from it).
CREATE TRIGGER vergadering_snapshot_audit AFTER INSERT OR UPDATE OR DELETE ON vergadering_snapshot
  FOR EACH ROW EXECUTE FUNCTION audit_row();

-- A frozen snapshot is never changed or removed, nor are its records.
CREATE FUNCTION snapshot_onveranderlijk() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Een bevroren momentopname van een vergadering verandert niet (%, %)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER vergadering_snapshot_bevroren BEFORE UPDATE OR DELETE ON vergadering_snapshot
  FOR EACH ROW EXECUTE FUNCTION snapshot_onveranderlijk();
CREATE TRIGGER vergadering_snapshot_niet_legen BEFORE TRUNCATE ON vergadering_snapshot
  FOR EACH STATEMENT EXECUTE FUNCTION snapshot_onveranderlijk();
CREATE TRIGGER vergadering_snapshot_record_bevroren BEFORE UPDATE OR DELETE ON vergadering_snapshot_record
  FOR EACH ROW EXECUTE FUNCTION snapshot_onveranderlijk();
CREATE TRIGGER vergadering_snapshot_record_niet_legen BEFORE TRUNCATE ON vergadering_snapshot_record
  FOR EACH STATEMENT EXECUTE FUNCTION snapshot_onveranderlijk();

-- A version row a snapshot refers to stays as it is: it may only be superseded (its
-- `vastgelegd` closed, as migration 012 does), never rewritten or removed.
CREATE FUNCTION snapshot_versie_blijft() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  basis text := left(TG_TABLE_NAME, length(TG_TABLE_NAME) - length('_versie'));
BEGIN
  IF EXISTS (SELECT 1 FROM vergadering_snapshot_record r WHERE r.tabel = basis AND r.versie_id = OLD.versie_id) THEN
    IF TG_OP = 'DELETE' OR (to_jsonb(NEW) - 'vastgelegd') IS DISTINCT FROM (to_jsonb(OLD) - 'vastgelegd') THEN
      RAISE EXCEPTION 'Versie % van % hoort bij een bevroren momentopname en verandert niet', OLD.versie_id, basis
        USING ERRCODE = 'restrict_violation';
    END IF;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['transformatie', 'compensatie', 'kavel', 'compensatie_toewijzing'] LOOP
    EXECUTE format('CREATE TRIGGER %1$I_snapshot BEFORE UPDATE OR DELETE ON %1$I_versie FOR EACH ROW EXECUTE FUNCTION snapshot_versie_blijft()', t);
  END LOOP;
END $$;

-- Down Migration
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['transformatie', 'compensatie', 'kavel', 'compensatie_toewijzing'] LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %1$I_snapshot ON %1$I_versie', t);
  END LOOP;
END $$;
DROP FUNCTION IF EXISTS snapshot_versie_blijft();
DROP TABLE IF EXISTS vergadering_snapshot_record, vergadering_snapshot, vergadering CASCADE;
DROP FUNCTION IF EXISTS snapshot_onveranderlijk();
