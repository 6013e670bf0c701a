-- Up Migration
-- Secrets never enter the audit trail. The audit trigger strips every column listed
-- in audit_geheime_kolom from the before and after images it records, so a future
-- secret (a TOTP secret, a token hash) is covered by adding one row here.

CREATE TABLE audit_geheime_kolom (
  tabel text NOT NULL,
  kolom text NOT NULL,
  PRIMARY KEY (tabel, kolom)
);
INSERT INTO audit_geheime_kolom (tabel, kolom) VALUES ('account', 'wachtwoord_hash');

-- The row as JSON without the table's secret columns.
CREATE FUNCTION audit_image(tabel text, rij jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT rij - coalesce((SELECT array_agg(kolom) FROM audit_geheime_kolom g WHERE g.tabel = audit_image.tabel), '{}'::text[])
$$;

CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  actor integer := nullif(current_setting('app.account_id', true), '')::integer;
  why text := nullif(current_setting('app.audit_reden', true), '');
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO audit_log (tabel, record_id, actie, version, account_id, reden, voor, na)
    VALUES (TG_TABLE_NAME, NEW.id, 'insert', (to_jsonb(NEW)->>'version')::integer, actor, why,
            NULL, audit_image(TG_TABLE_NAME, to_jsonb(NEW)));
    RETURN NEW;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO audit_log (tabel, record_id, actie, version, account_id, reden, voor, na)
    VALUES (TG_TABLE_NAME, NEW.id, 'update', (to_jsonb(NEW)->>'version')::integer, actor, why,
            audit_image(TG_TABLE_NAME, to_jsonb(OLD)), audit_image(TG_TABLE_NAME, to_jsonb(NEW)));
    RETURN NEW;
  ELSE
    INSERT INTO audit_log (tabel, record_id, actie, version, account_id, reden, voor, na)
    VALUES (TG_TABLE_NAME, OLD.id, 'delete', (to_jsonb(OLD)->>'version')::integer, actor, why,
            audit_image(TG_TABLE_NAME, to_jsonb(OLD)), NULL);
    RETURN OLD;
  END IF;
END $$;

-- Scrub the secrets already recorded. The append-only guard is lifted for this one
-- statement only, inside the migration's transaction (ALTER TABLE locks the log, so no
-- other session writes or reads a half-scrubbed trail), and put back at once.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
UPDATE audit_log a
SET voor = CASE WHEN a.voor IS NULL THEN NULL ELSE audit_image(a.tabel, a.voor) END,
    na = CASE WHEN a.na IS NULL THEN NULL ELSE audit_image(a.tabel, a.na) END
WHERE a.tabel IN (SELECT tabel FROM audit_geheime_kolom)
  AND EXISTS (SELECT 1 FROM audit_geheime_kolom g
              WHERE g.tabel = a.tabel AND (a.voor ? g.kolom OR a.na ? g.kolom));
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;

-- Down Migration
-- The scrubbed secrets stay gone; only the trigger goes back to recording whole rows.
CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  actor integer := nullif(current_setting('app.account_id', true), '')::integer;
  why text := nullif(current_setting('app.audit_reden', true), '');
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO audit_log (tabel, record_id, actie, version, account_id, reden, voor, na)
    VALUES (TG_TABLE_NAME, NEW.id, 'insert', (to_jsonb(NEW)->>'version')::integer, actor, why, NULL, to_jsonb(NEW));
    RETURN NEW;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO audit_log (tabel, record_id, actie, version, account_id, reden, voor, na)
    VALUES (TG_TABLE_NAME, NEW.id, 'update', (to_jsonb(NEW)->>'version')::integer, actor, why, to_jsonb(OLD), to_jsonb(NEW));
    RETURN NEW;
  ELSE
    INSERT INTO audit_log (tabel, record_id, actie, version, account_id, reden, voor, na)
    VALUES (TG_TABLE_NAME, OLD.id, 'delete', (to_jsonb(OLD)->>'version')::integer, actor, why, to_jsonb(OLD), NULL);
    RETURN OLD;
  END IF;
END $$;
DROP FUNCTION IF EXISTS audit_image(text, jsonb);
DROP TABLE IF EXISTS audit_geheime_kolom;
