-- Up Migration
-- Werkgroep editor (issue #4): net hectares lost per transformatie, computed by
-- PostGIS and never typed in.
--
-- Rule (C2 in the domain brief, made exact):
--   netto verloren (ha) of transformatie T =
--     area( (T ∩ (kavels ∪ terreinen))  minus  the part already covered by older
--           transformaties (lower id) that are not 'vervallen' ) / 10 000
--   A 'vervallen' transformatie loses nothing (R-T4: the space stays business land),
--   and where transformaties overlap the oldest one counts the overlap, so the
--   regional sum never counts a hectare twice.
-- Overlays use gridSize 0.001 (stored geometry lives on a 1 mm grid). If an overlay
-- fails to produce a result where the inputs do intersect, the function returns NULL
-- ("niet te berekenen") instead of a wrong 0.

CREATE FUNCTION transformatie_netto_verloren_ha(p_id integer) RETURNS double precision
LANGUAGE plpgsql STABLE AS $$
DECLARE
  t transformatie;
  n_bedrijf integer;
  n_delen integer;
  op_grond geometry;
  ouder geometry;
  netto geometry;
BEGIN
  SELECT * INTO t FROM transformatie WHERE id = p_id;
  IF NOT FOUND THEN RETURN NULL; END IF;
  IF t.status = 'vervallen' THEN RETURN 0; END IF;

  SELECT count(*)::int INTO n_bedrijf FROM (
    SELECT 1 FROM kavel k WHERE k.geom && t.geom AND ST_Intersects(k.geom, t.geom)
    UNION ALL
    SELECT 1 FROM terrein r WHERE r.geom && t.geom AND ST_Intersects(r.geom, t.geom)
  ) b;
  IF n_bedrijf = 0 THEN RETURN 0; END IF;

  SELECT count(*)::int, ST_UnaryUnion(ST_Collect(d.g), 0.001) INTO n_delen, op_grond FROM (
    SELECT ST_Intersection(k.geom, t.geom, 0.001) AS g FROM kavel k WHERE k.geom && t.geom AND ST_Intersects(k.geom, t.geom)
    UNION ALL
    SELECT ST_Intersection(r.geom, t.geom, 0.001) FROM terrein r WHERE r.geom && t.geom AND ST_Intersects(r.geom, t.geom)
  ) d;
  -- Guard against an overlay that silently dropped rows.
  IF n_delen <> n_bedrijf OR op_grond IS NULL THEN RETURN NULL; END IF;

  SELECT ST_UnaryUnion(ST_Collect(o.geom), 0.001) INTO ouder
  FROM transformatie o
  WHERE o.id < t.id AND o.status <> 'vervallen' AND o.geom && t.geom AND ST_Intersects(o.geom, t.geom);

  IF ouder IS NULL THEN
    netto := op_grond;
  ELSE
    netto := ST_Difference(op_grond, ouder, 0.001);
    IF netto IS NULL THEN RETURN NULL; END IF;
  END IF;
  -- Net can never exceed gross; anything else means an overlay went wrong.
  IF ST_Area(netto) > ST_Area(op_grond) + 1 OR ST_Area(op_grond) > ST_Area(t.geom) + 1 THEN RETURN NULL; END IF;
  RETURN ST_Area(netto) / 10000;
END $$;

-- Down Migration
DROP FUNCTION IF EXISTS transformatie_netto_verloren_ha(integer);
