-- Up Migration
-- What a drawn polygon lies on, derived from the geometry and never typed in; each
-- entry {id, naam, ha} with the overlap in ha, largest first. Overlaps under 1 m² are
-- shared edges on the 1 mm grid, not real overlap.

-- A transformatie's "terrein(en)".
CREATE FUNCTION terreinen_onder(g geometry) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT coalesce(jsonb_agg(jsonb_build_object('id', o.id, 'naam', o.naam, 'ha', round((o.m2 / 10000)::numeric, 4))
                            ORDER BY o.m2 DESC, o.id), '[]'::jsonb)
  FROM (
    SELECT r.id, r.naam, ST_Area(ST_Intersection(r.geom, g, 0.001)) AS m2
    FROM terrein r WHERE r.geom && g AND ST_Intersects(r.geom, g)
  ) o
  WHERE o.m2 >= 1
$$;

-- The region gemeenten a polygon lies in: the choices for its gemeente (the first is
-- the default). A polygon that only touches gemeenten at their edge gets those.
CREATE FUNCTION gemeenten_onder(g geometry) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  WITH o AS (
    SELECT m.id, m.naam, ST_Area(ST_Intersection(m.geom, g, 0.001)) AS m2
    FROM gemeente m WHERE m.in_regio AND m.geom && g AND ST_Intersects(m.geom, g)
  )
  SELECT coalesce(jsonb_agg(jsonb_build_object('id', o.id, 'naam', o.naam, 'ha', round((o.m2 / 10000)::numeric, 4))
                            ORDER BY o.m2 DESC, o.id), '[]'::jsonb)
  FROM o
  WHERE o.m2 >= 1 OR NOT EXISTS (SELECT 1 FROM o WHERE o.m2 >= 1)
$$;

-- Down Migration
DROP FUNCTION IF EXISTS terreinen_onder(geometry);
DROP FUNCTION IF EXISTS gemeenten_onder(geometry);
