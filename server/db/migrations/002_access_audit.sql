-- Up Migration
-- Accounts, sessions, login attempts, and the append-only audit trail.

CREATE TABLE account (
  id serial PRIMARY KEY,
  email text NOT NULL UNIQUE CHECK (email = lower(email) AND email LIKE '%@%'),
  naam text NOT NULL,
  rol text NOT NULL CHECK (rol IN ('beheerder', 'regisseur', 'werkgroep', 'stuurgroep')),
  -- A werkgroep member belongs to one gemeente; the other roles are regional.
  gemeente_id integer REFERENCES gemeente(id),
  wachtwoord_hash text NOT NULL,
  actief boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK ((rol = 'werkgroep') = (gemeente_id IS NOT NULL))
);
CREATE TRIGGER account_touch BEFORE UPDATE ON account FOR EACH ROW EXECUTE FUNCTION touch_row();

CREATE TABLE sessie (
  token_hash text PRIMARY KEY,
  account_id integer NOT NULL REFERENCES account(id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  verloopt_op timestamptz NOT NULL,
  ingetrokken_op timestamptz,
  adres text
);
CREATE INDEX sessie_account_idx ON sessie (account_id);

CREATE TABLE login_poging (
  id bigserial PRIMARY KEY,
  email text NOT NULL,
  adres text NOT NULL,
  gelukt boolean NOT NULL,
  tijdstip timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_poging_email_idx ON login_poging (email, tijdstip);
CREATE INDEX login_poging_adres_idx ON login_poging (adres, tijdstip);

-- Tables audited by record id need one; give the link tables a surrogate key.
ALTER TABLE bestuursovereenkomst_partij ADD COLUMN id serial UNIQUE;
ALTER TABLE match_kavel ADD COLUMN id serial UNIQUE;

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  tabel text NOT NULL,
  record_id integer NOT NULL,
  actie text NOT NULL CHECK (actie IN ('insert', 'update', 'delete')),
  version integer,
  account_id integer REFERENCES account(id),
  reden text,
  tijdstip timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- Whole rows as JSON; geometry as GeoJSON in RD New (PostGIS's geometry -> json cast).
  voor jsonb,
  na jsonb
);
CREATE INDEX audit_log_record_idx ON audit_log (tabel, record_id, id);
CREATE INDEX audit_log_tijdstip_idx ON audit_log (tijdstip);

-- Who acts is set per transaction: SELECT set_config('app.account_id', '12', true).
CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['gemeente', 'milieucategorie', 'terrein', 'kavel', 'kanszone', 'transformatie',
    'compensatie', 'bestuursovereenkomst', 'bestuursovereenkomst_partij', 'kostenpost', 'compensatie_toewijzing',
    'vraagraming', 'planaanbod_gepubliceerd', 'bedrijf', 'ruimtevraag', 'match', 'match_kavel', 'account']
  LOOP
    IF t <> 'milieucategorie' THEN
      EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION audit_row()',
        t || '_audit', t);
    END IF;
  END LOOP;
END $$;

-- A table as it stood at a moment, rebuilt from the audit trail: for every record
-- its last audited state at or before `ts`, unless that was a delete.
-- Usage: SELECT * FROM asof_rows(NULL::transformatie, '2025-01-01') -- returns transformatie rows.
CREATE FUNCTION asof_rows(anyelement, ts timestamptz) RETURNS SETOF anyelement LANGUAGE plpgsql STABLE AS $$
DECLARE
  tname text := pg_typeof($1)::text;
BEGIN
  RETURN QUERY EXECUTE format($q$
    SELECT (jsonb_populate_record(NULL::%1$I,
              CASE WHEN a.na ? 'geom' AND jsonb_typeof(a.na->'geom') = 'object'
                   THEN a.na || jsonb_build_object('geom', ST_AsEWKT(ST_SetSRID(ST_GeomFromGeoJSON(a.na->'geom'), 28992)))
                   ELSE a.na END)).*
    FROM (
      SELECT DISTINCT ON (record_id) record_id, actie, na
      FROM audit_log WHERE tabel = %2$L AND tijdstip <= $1
      ORDER BY record_id, id DESC
    ) a
    WHERE a.actie <> 'delete'$q$, tname, tname) USING ts;
END $$;

-- Down Migration
DROP FUNCTION IF EXISTS asof_rows(anyelement, timestamptz);
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['gemeente', 'terrein', 'kavel', 'kanszone', 'transformatie',
    'compensatie', 'bestuursovereenkomst', 'bestuursovereenkomst_partij', 'kostenpost', 'compensatie_toewijzing',
    'vraagraming', 'planaanbod_gepubliceerd', 'bedrijf', 'ruimtevraag', 'match', 'match_kavel', 'account']
  LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_audit', t);
  END LOOP;
END $$;
DROP TABLE IF EXISTS audit_log, login_poging, sessie, account CASCADE;
DROP FUNCTION IF EXISTS audit_row(), audit_log_append_only();
ALTER TABLE bestuursovereenkomst_partij DROP COLUMN IF EXISTS id;
ALTER TABLE match_kavel DROP COLUMN IF EXISTS id;
