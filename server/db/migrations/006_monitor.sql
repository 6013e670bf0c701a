-- Up Migration
-- Thresholds and dates of the hectare monitor's rules: data, not constants in code.
CREATE TABLE balans_regel (
  code text PRIMARY KEY,
  waarde jsonb NOT NULL,
  omschrijving text NOT NULL,
  bron text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE TRIGGER balans_regel_touch BEFORE UPDATE ON balans_regel FOR EACH ROW EXECUTE FUNCTION touch_row();

INSERT INTO balans_regel (code, waarde, omschrijving, bron) VALUES
  ('statussen_vanaf_terinzage', '["ontwerp_ter_inzage", "vastgesteld", "gerealiseerd"]',
   'Transformatiestatussen op of na de terinzagelegging (volgtijdelijkheid, restant)', 'Uitvoeringsplan [000:165-176]'),
  ('geen_transformatie_tot', '"2031-01-01"',
   'Tot deze datum geen transformatie van matig gedifferentieerde terreinen (t/m 2030)', 'Uitvoeringsplan [000:122-128]'),
  ('compensatie_telt_vanaf_status', '["geregeld", "planologisch_mogelijk", "gerealiseerd"]',
   'Compensatiestatussen die als geregeld tellen', 'Uitvoeringsplan [000:165-176]');

-- Down Migration
DROP TABLE IF EXISTS balans_regel;
