-- Up Migration
-- Dated history of transformaties, compensaties, kavels and toewijzingen (issue #12).
--
-- Two kinds of time, kept apart:
--   geldig      (valid time)       the dates a version held in reality, entered by the
--                                  werkgroep as the "ingangsdatum" of a change (default today);
--   vastgelegd  (transaction time) when the system recorded that version, and until when
--                                  it was what the system held.
-- Every change of a live record closes the validity of its current version at the
-- ingangsdatum and adds the new version from that date, in the same transaction
-- (triggers below). A version is never changed, only superseded (vastgelegd gets an end),
-- so "the situation on D" is `upper_inf(vastgelegd) AND geldig @> D` and "what the
-- system held at T about D" is `vastgelegd @> T AND geldig @> D`; both use GiST indexes.
-- The live tables stay the source for "now".

-- The date of the change being written: set per transaction by the write service
-- (SELECT set_config('app.ingangsdatum', '2024-06-01', true)), else today in the Netherlands.
CREATE FUNCTION ingangsdatum() RETURNS date LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('app.ingangsdatum', true), '')::date, (now() AT TIME ZONE 'Europe/Amsterdam')::date)
$$;

-- geldig_vanaf of a live record: the date its current state took effect. A change may
-- not lie before the previous one (that would rewrite history) nor in the future; the
-- write service checks this first with a Dutch message, this is the database's guard.
-- Derived changes (netto verloren recomputed because the ground changed) take effect on
-- the later of the change's date and the record's own last change.
CREATE FUNCTION zet_geldig_vanaf() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d date := ingangsdatum();
BEGIN
  IF d > (now() AT TIME ZONE 'Europe/Amsterdam')::date THEN
    RAISE EXCEPTION 'ingangsdatum % ligt in de toekomst', d USING ERRCODE = '22008';
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF current_setting('app.afgeleid', true) = 'aan' THEN
      d := greatest(d, OLD.geldig_vanaf);
    ELSIF d < OLD.geldig_vanaf THEN
      RAISE EXCEPTION 'ingangsdatum % ligt voor de vorige wijziging (%)', d, OLD.geldig_vanaf USING ERRCODE = '22008';
    END IF;
  END IF;
  NEW.geldig_vanaf := d;
  RETURN NEW;
END $$;

-- One history table and trigger per table, from one template: the columns the monitor
-- and the map need of the past, with explicit column lists (a column added to the live
-- table later does not break writes).
DO $do$
DECLARE
  spec record;
  kolommen text;
  nieuw text;
BEGIN
  FOR spec IN SELECT * FROM (VALUES
    ('transformatie', 'naam, gemeente_id, nieuwe_functie, status, datum_terinzagelegging, datum_vaststelling, netto_verloren_ha, verlies_per_categorie, milieuruimte, geom, oppervlakte_ha', true),
    ('compensatie', 'naam, gemeente_id, status, planstatus, milieucategorie_max, besluitpunt_datum, buiten_regio, geom, oppervlakte_ha', true),
    ('kavel', 'naam, terrein_id, status, planstatus, milieucategorie_stelsel, milieucategorie_max, geom, oppervlakte_ha', true),
    ('compensatie_toewijzing', 'compensatie_id, transformatie_id, hectares, bestuursovereenkomst_id', false)
  ) AS s(tabel, kolommen, heeft_geom)
  LOOP
    kolommen := spec.kolommen;
    nieuw := (SELECT string_agg('NEW.' || trim(k), ', ') FROM unnest(string_to_array(kolommen, ',')) k);

    EXECUTE format('ALTER TABLE %1$I ADD COLUMN geldig_vanaf date', spec.tabel);
    EXECUTE format('CREATE TABLE %1$I_versie AS SELECT id, %2$s FROM %1$I WITH NO DATA', spec.tabel, kolommen);
    EXECUTE format($t$
      ALTER TABLE %1$I_versie
        ADD COLUMN versie_id bigserial PRIMARY KEY,
        ADD COLUMN geldig daterange NOT NULL CHECK (NOT isempty(geldig)),
        ADD COLUMN vastgelegd tstzrange NOT NULL,
        -- The writing transaction: a version written and replaced in one transaction was never held.
        ADD COLUMN tx bigint NOT NULL DEFAULT txid_current(),
        ALTER COLUMN id SET NOT NULL$t$, spec.tabel);
    EXECUTE format('CREATE UNIQUE INDEX %1$I_versie_huidig ON %1$I_versie (id) WHERE upper_inf(vastgelegd) AND upper_inf(geldig)', spec.tabel);
    EXECUTE format('CREATE INDEX %1$I_versie_id ON %1$I_versie (id)', spec.tabel);
    EXECUTE format('CREATE INDEX %1$I_versie_geldig ON %1$I_versie USING gist (geldig) WHERE upper_inf(vastgelegd)', spec.tabel);
    EXECUTE format('CREATE INDEX %1$I_versie_tijden ON %1$I_versie USING gist (geldig, vastgelegd)', spec.tabel);
    EXECUTE format('CREATE INDEX %1$I_versie_vanaf ON %1$I_versie (lower(geldig))', spec.tabel);
    IF spec.heeft_geom THEN
      EXECUTE format('CREATE INDEX %1$I_versie_geom ON %1$I_versie USING gist (geom) WHERE upper_inf(vastgelegd)', spec.tabel);
    END IF;

    -- Backfill of an existing database from its audit trail: each audited state i of a
    -- record (recorded at t_i, its date d_i) was held as [d_i, ∞) from t_i until the next
    -- event t_{i+1}; from then on as [d_i, d_{i+1}). Without a record of when states took
    -- effect, the day they were recorded is the best available date.
    EXECUTE format($b$
      WITH ev AS (
        SELECT a.record_id, a.actie, a.tijdstip, a.na,
               (a.tijdstip AT TIME ZONE 'Europe/Amsterdam')::date AS d,
               lead(a.tijdstip) OVER w AS t_volgend,
               (lead(a.tijdstip) OVER w AT TIME ZONE 'Europe/Amsterdam')::date AS d_volgend
        FROM audit_log a WHERE a.tabel = %1$L
        WINDOW w AS (PARTITION BY a.record_id ORDER BY a.id)
      ),
      st AS (
        SELECT ev.record_id, ev.tijdstip, ev.d, ev.t_volgend, ev.d_volgend, r.*
        FROM ev CROSS JOIN LATERAL jsonb_populate_record(NULL::%1$I,
          CASE WHEN ev.na ? 'geom' AND jsonb_typeof(ev.na->'geom') = 'object'
               THEN ev.na || jsonb_build_object('geom', ST_AsEWKT(ST_SetSRID(ST_GeomFromGeoJSON(ev.na->'geom'), 28992)))
               ELSE ev.na END) r
        WHERE ev.actie <> 'delete'
      )
      INSERT INTO %1$I_versie (id, geldig, vastgelegd, tx, %2$s)
      SELECT record_id, daterange(d, NULL), tstzrange(tijdstip, t_volgend), 0, %2$s FROM st
      WHERE t_volgend IS NULL OR t_volgend > tijdstip
      UNION ALL
      SELECT record_id, daterange(d, d_volgend), tstzrange(t_volgend, NULL), 0, %2$s FROM st
      WHERE t_volgend IS NOT NULL AND d_volgend > d$b$, spec.tabel, kolommen);
    -- Live records the audit trail does not know (none are expected), from their creation.
    EXECUTE format($b$
      INSERT INTO %1$I_versie (id, geldig, vastgelegd, tx, %2$s)
      SELECT x.id, daterange((x.created_at AT TIME ZONE 'Europe/Amsterdam')::date, NULL), tstzrange(x.created_at, NULL), 0, %3$s
      FROM %1$I x WHERE NOT EXISTS (SELECT 1 FROM %1$I_versie v WHERE v.id = x.id AND upper_inf(v.vastgelegd) AND upper_inf(v.geldig))$b$,
      spec.tabel, kolommen, (SELECT string_agg('x.' || trim(k), ', ') FROM unnest(string_to_array(kolommen, ',')) k));
    EXECUTE format('ALTER TABLE %1$I DISABLE TRIGGER USER', spec.tabel);
    EXECUTE format($b$
      UPDATE %1$I x SET geldig_vanaf = lower(v.geldig) FROM %1$I_versie v
      WHERE v.id = x.id AND upper_inf(v.vastgelegd) AND upper_inf(v.geldig)$b$, spec.tabel);
    EXECUTE format('ALTER TABLE %1$I ENABLE TRIGGER USER', spec.tabel);
    EXECUTE format('ALTER TABLE %1$I ALTER COLUMN geldig_vanaf SET NOT NULL', spec.tabel);

    -- The trigger that keeps the history: supersede the current version, keep its
    -- validity up to the ingangsdatum, and add the new state from that date.
    EXECUTE format($f$
      CREATE FUNCTION %1$I_versie_bij() RETURNS trigger LANGUAGE plpgsql AS $body$
      DECLARE
        cur %1$I_versie;
        d date;
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          SELECT * INTO cur FROM %1$I_versie v
          WHERE v.id = OLD.id AND upper_inf(v.vastgelegd) AND upper_inf(v.geldig) FOR UPDATE;
          IF FOUND THEN
            d := CASE WHEN TG_OP = 'DELETE' THEN ingangsdatum() ELSE NEW.geldig_vanaf END;
            IF d < lower(cur.geldig) THEN
              RAISE EXCEPTION 'ingangsdatum %% ligt voor de vorige wijziging (%%)', d, lower(cur.geldig) USING ERRCODE = '22008';
            END IF;
            IF d > lower(cur.geldig) THEN
              INSERT INTO %1$I_versie (id, geldig, vastgelegd, %2$s)
              SELECT id, daterange(lower(geldig), d), tstzrange(now(), NULL), %2$s FROM %1$I_versie WHERE versie_id = cur.versie_id;
            END IF;
            IF cur.tx = txid_current() THEN
              DELETE FROM %1$I_versie WHERE versie_id = cur.versie_id;
            ELSE
              UPDATE %1$I_versie SET vastgelegd = tstzrange(lower(vastgelegd), now()) WHERE versie_id = cur.versie_id;
            END IF;
          END IF;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          INSERT INTO %1$I_versie (id, geldig, vastgelegd, %2$s)
          VALUES (NEW.id, daterange(NEW.geldig_vanaf, NULL), tstzrange(now(), NULL), %3$s);
        END IF;
        RETURN NULL;
      END $body$
      $f$, spec.tabel, kolommen, nieuw);
    EXECUTE format('CREATE TRIGGER %1$I_geldig_vanaf BEFORE INSERT OR UPDATE ON %1$I FOR EACH ROW EXECUTE FUNCTION zet_geldig_vanaf()', spec.tabel);
    EXECUTE format('CREATE TRIGGER %1$I_versie AFTER INSERT OR UPDATE OR DELETE ON %1$I FOR EACH ROW EXECUTE FUNCTION %1$I_versie_bij()', spec.tabel);
  END LOOP;
END $do$;

-- Derived figures of backfilled versions (the audit trail of older states has none):
-- computed from the version's own shape against today's ground.
UPDATE transformatie_versie v SET (netto_verloren_ha, verlies_per_categorie, milieuruimte) =
  (SELECT x.netto_ha, x.per_categorie, transformatie_milieuruimte(v.geom, v.nieuwe_functie, v.status) FROM transformatie_verlies(v.geom, v.id, v.status) x)
WHERE v.verlies_per_categorie IS NULL AND v.tx = 0;
UPDATE compensatie_versie SET buiten_regio = compensatie_buiten_regio(geom, gemeente_id) WHERE buiten_regio IS NULL;

-- Down Migration
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['transformatie', 'compensatie', 'kavel', 'compensatie_toewijzing'] LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %1$I_versie ON %1$I', t);
    EXECUTE format('DROP TRIGGER IF EXISTS %1$I_geldig_vanaf ON %1$I', t);
    EXECUTE format('DROP FUNCTION IF EXISTS %1$I_versie_bij()', t);
    EXECUTE format('DROP TABLE IF EXISTS %1$I_versie', t);
    EXECUTE format('ALTER TABLE %1$I DROP COLUMN IF EXISTS geldig_vanaf', t);
  END LOOP;
END $$;
DROP FUNCTION IF EXISTS zet_geldig_vanaf();
DROP FUNCTION IF EXISTS ingangsdatum();
