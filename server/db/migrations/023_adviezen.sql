-- Up Migration
-- The regisseur's signaleringen and adviezen to the stuurgroep, the records they concern,
-- the meeting they go to, and the stuurgroep's decision recorded afterwards: opgevolgd,
-- niet opgevolgd or deels, with the reasons, and an escalation (issue #13; uitvoeringsplan
-- "wel / niet / deels" with beweegredenen). The types are those of the uitvoeringsplan.

CREATE TABLE advies (
  id serial PRIMARY KEY,
  soort text NOT NULL CHECK (soort IN ('signalering', 'advies')),
  type text NOT NULL CHECK (type IN ('compensatieopgave', 'kans_compensatielocatie', 'kans_uitbreidingslocatie',
    'zacht_naar_hard', 'belemmerende_regelgeving', 'profiel_plan_mismatch', 'positie_zittende_ondernemers', 'afspraak')),
  -- Asked for by the stuurgroep (gevraagd) or on the regisseur's own initiative (ongevraagd).
  gevraagd boolean NOT NULL,
  titel text NOT NULL CHECK (length(btrim(titel)) BETWEEN 1 AND 200),
  tekst text NOT NULL CHECK (length(btrim(tekst)) BETWEEN 1 AND 10000),
  vergadering_id integer REFERENCES vergadering(id),
  besluit text CHECK (besluit IN ('opgevolgd', 'niet_opgevolgd', 'deels')),
  besluit_toelichting text CHECK (length(besluit_toelichting) <= 10000),
  besluit_datum date,
  -- Brought to the stuurgroep as a conflict, or escalated further after its decision: to whom and why.
  escalatie text CHECK (length(escalatie) <= 4000),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK ((besluit IS NULL) = (besluit_datum IS NULL)),
  -- A decision is taken in a meeting, and one that does not simply follow the advice says why.
  CHECK (besluit IS NULL OR vergadering_id IS NOT NULL),
  CHECK (besluit IS NULL OR besluit = 'opgevolgd' OR length(btrim(coalesce(besluit_toelichting, ''))) > 0)
);
CREATE INDEX advies_vergadering_idx ON advies (vergadering_id);

-- The terreinen, kavels, transformaties and compensaties an advice concerns (shown on the map).
CREATE TABLE advies_object (
  id serial PRIMARY KEY,
  advies_id integer NOT NULL REFERENCES advies(id) ON DELETE CASCADE,
  tabel text NOT NULL CHECK (tabel IN ('terrein', 'kavel', 'transformatie', 'compensatie')),
  record_id integer NOT NULL,
  UNIQUE (advies_id, tabel, record_id)
);

CREATE TRIGGER advies_touch BEFORE UPDATE ON advies FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER advies_audit AFTER INSERT OR UPDATE OR DELETE ON advies FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER advies_object_audit AFTER INSERT OR UPDATE OR DELETE ON advies_object FOR EACH ROW EXECUTE FUNCTION audit_row();

-- Down Migration
DROP TABLE IF EXISTS advies_object, advies CASCADE;
