-- Up Migration
-- The monitor's derived figures, stored per record and kept current by triggers in
-- the same transaction as the write (issue #12), so reading the balance is a sum,
-- not an overlay:
--   transformatie.netto_verloren_ha / verlies_per_categorie  (the one definition of netto verloren)
--   transformatie.milieuruimte                                (kavels within the guide distance of housing)
--   compensatie.buiten_regio
-- plus the publication date of the published figures, and an asof_rows that
-- evaluates jsonb_populate_record once per row.

-- Netto verloren of a transformatie (C2 in the domain brief, made exact):
--   area( (T ∩ (kavels ∪ terreinen)) minus the part already covered by older (lower id)
--         transformaties that are not 'vervallen' ) / 10 000
-- A 'vervallen' transformatie loses nothing (R-T4). Where transformaties overlap, the
-- oldest counts the overlap, so the regional sum never counts a hectare twice.
-- per_categorie splits the net area by the milieucategorie_max of the kavels under it:
--   {"4.1": {"ha": 1.2, "kavels": [12, 13]}, …, "zonder_kavel": {"ha": 0.3, "kavels": []}}
-- ("zonder_kavel": terrein not divided into kavels), so the categories add up to the total.
-- A draft can stand in for one record (p_vervang_id / p_vervang_geom): the what-if
-- preview asks what a younger transformatie would lose if that record had the draft's shape.
-- Overlays use gridSize 0.001 (stored geometry lives on a 1 mm grid) and are guarded:
-- when an overlay silently drops rows (embedded PostGIS) the result is NULL
-- ("niet te berekenen"), never a wrong number.
CREATE FUNCTION transformatie_verlies(
  p_geom geometry, p_id integer, p_status text,
  p_vervang_id integer DEFAULT NULL, p_vervang_geom geometry DEFAULT NULL,
  OUT netto_ha double precision, OUT per_categorie jsonb)
LANGUAGE plpgsql STABLE AS $$
DECLARE
  n_bedrijf integer;
  n_delen integer;
  op_grond geometry;
  ouder geometry;
  netto geometry;
  n_kavels integer;
  n_stukken integer;
  kavel_ha double precision;
BEGIN
  IF p_geom IS NULL OR p_status = 'vervallen' THEN
    netto_ha := 0; per_categorie := '{}'::jsonb; RETURN;
  END IF;

  SELECT count(*)::int INTO n_bedrijf FROM (
    SELECT 1 FROM kavel k WHERE k.geom && p_geom AND ST_Intersects(k.geom, p_geom)
    UNION ALL
    SELECT 1 FROM terrein r WHERE r.geom && p_geom AND ST_Intersects(r.geom, p_geom)
  ) b;
  IF n_bedrijf = 0 THEN
    netto_ha := 0; per_categorie := '{}'::jsonb; RETURN;
  END IF;
  SELECT count(*)::int, ST_UnaryUnion(ST_Collect(d.g), 0.001) INTO n_delen, op_grond FROM (
    SELECT ST_Intersection(k.geom, p_geom, 0.001) AS g FROM kavel k WHERE k.geom && p_geom AND ST_Intersects(k.geom, p_geom)
    UNION ALL
    SELECT ST_Intersection(r.geom, p_geom, 0.001) FROM terrein r WHERE r.geom && p_geom AND ST_Intersects(r.geom, p_geom)
  ) d;
  IF n_delen <> n_bedrijf OR op_grond IS NULL THEN RETURN; END IF;

  SELECT ST_UnaryUnion(ST_Collect(o.g), 0.001) INTO ouder FROM (
    SELECT t.geom AS g FROM transformatie t
    WHERE t.id < p_id AND t.status <> 'vervallen' AND t.id IS DISTINCT FROM p_vervang_id
      AND t.geom && p_geom AND ST_Intersects(t.geom, p_geom)
    UNION ALL
    SELECT p_vervang_geom WHERE p_vervang_id < p_id AND p_vervang_geom && p_geom AND ST_Intersects(p_vervang_geom, p_geom)
  ) o;
  IF ouder IS NULL THEN
    netto := op_grond;
  ELSE
    netto := ST_Difference(op_grond, ouder, 0.001);
    IF netto IS NULL THEN RETURN; END IF;
  END IF;
  -- Net can never exceed gross; anything else means an overlay went wrong.
  IF ST_Area(netto) > ST_Area(op_grond) + 1 OR ST_Area(op_grond) > ST_Area(p_geom) + 1 THEN RETURN; END IF;

  SELECT count(*)::int INTO n_kavels FROM kavel k WHERE k.geom && netto AND ST_Intersects(k.geom, netto);
  WITH s AS (
    SELECT k.id, k.milieucategorie_max AS cat, ST_Area(ST_Intersection(k.geom, netto, 0.001)) / 10000 AS ha
    FROM kavel k WHERE k.geom && netto AND ST_Intersects(k.geom, netto)
  )
  SELECT (SELECT count(*)::int FROM s),
         (SELECT coalesce(jsonb_object_agg(g.cat, jsonb_build_object('ha', g.ha, 'kavels', to_jsonb(g.ids))), '{}'::jsonb)
          FROM (SELECT cat, sum(ha) AS ha, array_agg(id ORDER BY id) AS ids FROM s WHERE ha > 0 GROUP BY cat) g),
         (SELECT coalesce(sum(ha), 0) FROM s)
  INTO n_stukken, per_categorie, kavel_ha;
  IF n_stukken <> n_kavels THEN per_categorie := NULL; RETURN; END IF;

  netto_ha := ST_Area(netto) / 10000;
  -- Business land without a kavel (a terrein not divided into kavels); under half a m² is edge noise.
  IF netto_ha - kavel_ha > 0.00005 THEN
    per_categorie := per_categorie || jsonb_build_object('zonder_kavel', jsonb_build_object('ha', netto_ha - kavel_ha, 'kavels', '[]'::jsonb));
  END IF;
END $$;

ALTER TABLE transformatie ADD COLUMN netto_verloren_ha double precision;
ALTER TABLE transformatie ADD COLUMN verlies_per_categorie jsonb;

-- The record's own figure, before it is stored.
CREATE FUNCTION transformatie_netto_bij() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT v.netto_ha, v.per_categorie INTO NEW.netto_verloren_ha, NEW.verlies_per_categorie
  FROM transformatie_verlies(NEW.geom, NEW.id, NEW.status) v;
  RETURN NEW;
END $$;
-- Only the shape and whether it is vervallen change what a transformatie loses.
CREATE TRIGGER transformatie_netto_nieuw BEFORE INSERT ON transformatie
  FOR EACH ROW EXECUTE FUNCTION transformatie_netto_bij();
CREATE TRIGGER transformatie_netto BEFORE UPDATE OF geom, status ON transformatie FOR EACH ROW
  WHEN (OLD.geom IS DISTINCT FROM NEW.geom OR (OLD.status = 'vervallen') IS DISTINCT FROM (NEW.status = 'vervallen'))
  EXECUTE FUNCTION transformatie_netto_bij();

-- The figures of the transformaties a change of the ground under them affects (those
-- intersecting `gebied`, younger than `na_id`), in the same transaction. These are
-- derived changes: app.afgeleid tells the touch trigger not to bump the version (no
-- conflict for someone editing that transformatie) and the audit trail says why.
CREATE FUNCTION herbereken_verlies(gebied geometry, na_id integer DEFAULT 0) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  vorig_afgeleid text := current_setting('app.afgeleid', true);
  vorige_reden text := current_setting('app.audit_reden', true);
BEGIN
  IF gebied IS NULL THEN RETURN; END IF;
  PERFORM set_config('app.afgeleid', 'aan', true);
  PERFORM set_config('app.audit_reden', 'netto verloren herberekend: de grond eronder is gewijzigd', true);
  WITH nieuw AS (
    SELECT t.id, v.netto_ha, v.per_categorie
    FROM transformatie t CROSS JOIN LATERAL transformatie_verlies(t.geom, t.id, t.status) v
    WHERE t.id > na_id AND t.status <> 'vervallen' AND t.geom && gebied AND ST_Intersects(t.geom, gebied)
  )
  UPDATE transformatie t SET netto_verloren_ha = n.netto_ha, verlies_per_categorie = n.per_categorie
  FROM nieuw n
  WHERE t.id = n.id AND (t.netto_verloren_ha IS DISTINCT FROM n.netto_ha OR t.verlies_per_categorie IS DISTINCT FROM n.per_categorie);
  PERFORM set_config('app.afgeleid', coalesce(vorig_afgeleid, ''), true);
  PERFORM set_config('app.audit_reden', coalesce(vorige_reden, ''), true);
END $$;

-- A transformatie's shape, or whether it is vervallen, decides what the younger ones under it lose.
CREATE FUNCTION transformatie_herbereken_jongere() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN PERFORM herbereken_verlies(NEW.geom, NEW.id); END IF;
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.geom IS DISTINCT FROM NEW.geom) THEN PERFORM herbereken_verlies(OLD.geom, OLD.id); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER transformatie_herbereken AFTER INSERT OR DELETE ON transformatie
  FOR EACH ROW EXECUTE FUNCTION transformatie_herbereken_jongere();
CREATE TRIGGER transformatie_herbereken_wijziging AFTER UPDATE OF geom, status ON transformatie FOR EACH ROW
  WHEN (OLD.geom IS DISTINCT FROM NEW.geom OR (OLD.status = 'vervallen') IS DISTINCT FROM (NEW.status = 'vervallen'))
  EXECUTE FUNCTION transformatie_herbereken_jongere();

-- Business land (kavels, terreinen) under a transformatie decides what it loses (and a
-- kavel's milieucategorie how that splits).
CREATE FUNCTION bedrijfsgrond_herbereken() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN PERFORM herbereken_verlies(NEW.geom); END IF;
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.geom IS DISTINCT FROM NEW.geom) THEN PERFORM herbereken_verlies(OLD.geom); END IF;
  IF TG_TABLE_NAME = 'kavel' THEN
    PERFORM herbereken_milieuruimte(CASE TG_OP WHEN 'INSERT' THEN NEW.geom WHEN 'DELETE' THEN OLD.geom ELSE ST_Collect(OLD.geom, NEW.geom) END);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER kavel_herbereken AFTER INSERT OR DELETE ON kavel
  FOR EACH ROW EXECUTE FUNCTION bedrijfsgrond_herbereken();
CREATE TRIGGER kavel_herbereken_wijziging AFTER UPDATE OF geom, milieucategorie_max ON kavel FOR EACH ROW
  WHEN (OLD.geom IS DISTINCT FROM NEW.geom OR OLD.milieucategorie_max IS DISTINCT FROM NEW.milieucategorie_max)
  EXECUTE FUNCTION bedrijfsgrond_herbereken();
CREATE TRIGGER terrein_herbereken AFTER INSERT OR DELETE ON terrein
  FOR EACH ROW EXECUTE FUNCTION bedrijfsgrond_herbereken();
CREATE TRIGGER terrein_herbereken_wijziging AFTER UPDATE OF geom ON terrein FOR EACH ROW
  WHEN (OLD.geom IS DISTINCT FROM NEW.geom)
  EXECUTE FUNCTION bedrijfsgrond_herbereken();

-- Milieuruimte: the kavels a housing (or mixed) transformatie comes within the guide
-- distance of (VNG table milieucategorie; the mixed-area column for 'gemengd'), with
-- their hectares per category; kavels the transformatie itself covers are lost, not
-- listed. NULL: none (or no housing). Stored per transformatie like netto verloren:
-- computed when it is drawn, and again for the transformaties near a kavel that changes.
CREATE FUNCTION transformatie_milieuruimte(p_geom geometry, p_functie text, p_status text) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  WITH m AS (
    SELECT k.id, k.milieucategorie_max AS cat, k.oppervlakte_ha AS ha
    FROM kavel k
    JOIN milieucategorie mc ON mc.stelsel = k.milieucategorie_stelsel AND mc.code = k.milieucategorie_max
    WHERE p_status <> 'vervallen' AND p_functie IN ('wonen', 'gemengd')
      AND ST_DWithin(k.geom, p_geom, (SELECT max(richtafstand_m) FROM milieucategorie))
      AND NOT ST_Intersects(k.geom, p_geom)
      AND ST_Distance(k.geom, p_geom) < CASE WHEN p_functie = 'gemengd' THEN mc.richtafstand_gemengd_m ELSE mc.richtafstand_m END
  )
  SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM m) THEN NULL ELSE jsonb_build_object(
    'kavels', (SELECT jsonb_agg(id ORDER BY id) FROM m),
    'per_categorie', (SELECT jsonb_agg(jsonb_build_object('milieucategorie', cat, 'ha', ha) ORDER BY cat)
                      FROM (SELECT cat, sum(ha) AS ha FROM m GROUP BY cat) c)) END
$$;

ALTER TABLE transformatie ADD COLUMN milieuruimte jsonb;
CREATE FUNCTION transformatie_milieuruimte_bij() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.milieuruimte := transformatie_milieuruimte(NEW.geom, NEW.nieuwe_functie, NEW.status);
  RETURN NEW;
END $$;
CREATE TRIGGER transformatie_milieuruimte_nieuw BEFORE INSERT ON transformatie
  FOR EACH ROW EXECUTE FUNCTION transformatie_milieuruimte_bij();
CREATE TRIGGER transformatie_milieuruimte BEFORE UPDATE OF geom, status, nieuwe_functie ON transformatie FOR EACH ROW
  WHEN (OLD.geom IS DISTINCT FROM NEW.geom OR OLD.status IS DISTINCT FROM NEW.status OR OLD.nieuwe_functie IS DISTINCT FROM NEW.nieuwe_functie)
  EXECUTE FUNCTION transformatie_milieuruimte_bij();

-- The housing near a changed kavel (within the largest guide distance), as a derived change.
CREATE FUNCTION herbereken_milieuruimte(gebied geometry) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  vorig_afgeleid text := current_setting('app.afgeleid', true);
  vorige_reden text := current_setting('app.audit_reden', true);
BEGIN
  IF gebied IS NULL THEN RETURN; END IF;
  PERFORM set_config('app.afgeleid', 'aan', true);
  PERFORM set_config('app.audit_reden', 'milieuruimte herberekend: een kavel in de buurt is gewijzigd', true);
  WITH nieuw AS (
    SELECT t.id, transformatie_milieuruimte(t.geom, t.nieuwe_functie, t.status) AS m
    FROM transformatie t
    WHERE t.status <> 'vervallen' AND t.nieuwe_functie IN ('wonen', 'gemengd')
      AND ST_DWithin(t.geom, gebied, (SELECT max(richtafstand_m) FROM milieucategorie))
  )
  UPDATE transformatie t SET milieuruimte = n.m FROM nieuw n WHERE t.id = n.id AND t.milieuruimte IS DISTINCT FROM n.m;
  PERFORM set_config('app.afgeleid', coalesce(vorig_afgeleid, ''), true);
  PERFORM set_config('app.audit_reden', coalesce(vorige_reden, ''), true);
END $$;

-- Derived changes keep the record's version (touch_row of migration 001 otherwise bumps it).
DROP TRIGGER transformatie_touch ON transformatie;
CREATE TRIGGER transformatie_touch BEFORE UPDATE ON transformatie FOR EACH ROW
  WHEN (current_setting('app.afgeleid', true) IS DISTINCT FROM 'aan') EXECUTE FUNCTION touch_row();

-- The existing transformaties, in id order (each reads the older ones' shapes only).
ALTER TABLE transformatie DISABLE TRIGGER USER;
UPDATE transformatie t SET netto_verloren_ha = v.netto_ha, verlies_per_categorie = v.per_categorie,
  milieuruimte = transformatie_milieuruimte(x.geom, x.nieuwe_functie, x.status)
FROM transformatie x CROSS JOIN LATERAL transformatie_verlies(x.geom, x.id, x.status) v
WHERE x.id = t.id;
ALTER TABLE transformatie ENABLE TRIGGER USER;

-- One definition: the layer list, the editor and the balance read the stored column.
DROP FUNCTION transformatie_netto_verloren_ha(integer);

-- R-C3: a compensatie belongs in one of the six gemeenten (1 m² of slack for edges).
CREATE FUNCTION compensatie_buiten_regio(g geometry, p_gemeente_id integer) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT NOT coalesce((SELECT in_regio FROM gemeente WHERE id = p_gemeente_id), false)
      OR coalesce(ST_Area(ST_Difference(g,
           (SELECT ST_UnaryUnion(ST_Collect(m.geom), 0.001) FROM gemeente m WHERE m.in_regio AND m.geom && g), 0.001)) > 1,
         true)
$$;
ALTER TABLE compensatie ADD COLUMN buiten_regio boolean NOT NULL DEFAULT false;
CREATE FUNCTION compensatie_buiten_regio_bij() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.buiten_regio := compensatie_buiten_regio(NEW.geom, NEW.gemeente_id);
  RETURN NEW;
END $$;
CREATE TRIGGER compensatie_buiten_regio BEFORE INSERT OR UPDATE OF geom, gemeente_id ON compensatie
  FOR EACH ROW EXECUTE FUNCTION compensatie_buiten_regio_bij();
ALTER TABLE compensatie DISABLE TRIGGER USER;
UPDATE compensatie SET buiten_regio = compensatie_buiten_regio(geom, gemeente_id);
ALTER TABLE compensatie ENABLE TRIGGER USER;

-- Without a date of vaststelling, these statuses count as planologisch verloren (the
-- monitor's stages; statussen_vanaf_terinzage of migration 006 does the same for "in procedure").
INSERT INTO balans_regel (code, waarde, omschrijving, bron) VALUES
  ('statussen_vastgesteld', '["vastgesteld", "gerealiseerd"]',
   'Transformatiestatussen op of na de vaststelling (planologisch verloren) als de datum ontbreekt', 'Uitvoeringsplan [000:144-145]')
ON CONFLICT (code) DO NOTHING;

-- Published figures appear at every peildatum on or after their publication.
ALTER TABLE vraagraming ADD COLUMN gepubliceerd_op date;
ALTER TABLE planaanbod_gepubliceerd ADD COLUMN gepubliceerd_op date;
UPDATE vraagraming SET gepubliceerd_op = peildatum;
UPDATE planaanbod_gepubliceerd SET gepubliceerd_op = peildatum;
ALTER TABLE vraagraming ALTER COLUMN gepubliceerd_op SET NOT NULL;
ALTER TABLE planaanbod_gepubliceerd ALTER COLUMN gepubliceerd_op SET NOT NULL;

-- A table as it stood at a moment, rebuilt from the audit trail (what the system held
-- then). jsonb_populate_record runs once per row (LATERAL), not once per column.
CREATE OR REPLACE FUNCTION asof_rows(anyelement, ts timestamptz) RETURNS SETOF anyelement LANGUAGE plpgsql STABLE AS $$
DECLARE
  tname text := pg_typeof($1)::text;
BEGIN
  RETURN QUERY EXECUTE format($q$
    SELECT r.*
    FROM (
      SELECT DISTINCT ON (record_id) record_id, actie, na
      FROM audit_log WHERE tabel = %2$L AND tijdstip <= $1
      ORDER BY record_id, id DESC
    ) a
    CROSS JOIN LATERAL jsonb_populate_record(NULL::%1$I,
      CASE WHEN a.na ? 'geom' AND jsonb_typeof(a.na->'geom') = 'object'
           THEN a.na || jsonb_build_object('geom', ST_AsEWKT(ST_SetSRID(ST_GeomFromGeoJSON(a.na->'geom'), 28992)))
           ELSE a.na END) r
    WHERE a.actie <> 'delete'$q$, tname, tname) USING ts;
END $$;

-- Down Migration
DELETE FROM balans_regel WHERE code = 'statussen_vastgesteld';
CREATE OR REPLACE FUNCTION asof_rows(anyelement, ts timestamptz) RETURNS SETOF anyelement LANGUAGE plpgsql STABLE AS $$
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
ALTER TABLE vraagraming DROP COLUMN IF EXISTS gepubliceerd_op;
ALTER TABLE planaanbod_gepubliceerd DROP COLUMN IF EXISTS gepubliceerd_op;
DROP TRIGGER IF EXISTS compensatie_buiten_regio ON compensatie;
DROP FUNCTION IF EXISTS compensatie_buiten_regio_bij();
ALTER TABLE compensatie DROP COLUMN IF EXISTS buiten_regio;
DROP FUNCTION IF EXISTS compensatie_buiten_regio(geometry, integer);
DROP TRIGGER IF EXISTS transformatie_touch ON transformatie;
CREATE TRIGGER transformatie_touch BEFORE UPDATE ON transformatie FOR EACH ROW EXECUTE FUNCTION touch_row();
DROP TRIGGER IF EXISTS kavel_herbereken ON kavel;
DROP TRIGGER IF EXISTS kavel_herbereken_wijziging ON kavel;
DROP TRIGGER IF EXISTS terrein_herbereken ON terrein;
DROP TRIGGER IF EXISTS terrein_herbereken_wijziging ON terrein;
DROP TRIGGER IF EXISTS transformatie_herbereken ON transformatie;
DROP TRIGGER IF EXISTS transformatie_herbereken_wijziging ON transformatie;
DROP TRIGGER IF EXISTS transformatie_netto ON transformatie;
DROP TRIGGER IF EXISTS transformatie_netto_nieuw ON transformatie;
DROP TRIGGER IF EXISTS transformatie_milieuruimte ON transformatie;
DROP TRIGGER IF EXISTS transformatie_milieuruimte_nieuw ON transformatie;
DROP FUNCTION IF EXISTS bedrijfsgrond_herbereken(), transformatie_herbereken_jongere(), herbereken_verlies(geometry, integer), transformatie_netto_bij(),
  herbereken_milieuruimte(geometry), transformatie_milieuruimte_bij();
DROP FUNCTION IF EXISTS transformatie_milieuruimte(geometry, text, text);
ALTER TABLE transformatie DROP COLUMN IF EXISTS netto_verloren_ha, DROP COLUMN IF EXISTS verlies_per_categorie, DROP COLUMN IF EXISTS milieuruimte;
-- Migration 005's function, computed as before (on every read).
CREATE FUNCTION transformatie_netto_verloren_ha(p_id integer) RETURNS double precision LANGUAGE sql STABLE AS $$
  SELECT (transformatie_verlies(t.geom, t.id, t.status)).netto_ha FROM transformatie t WHERE t.id = p_id
$$;
