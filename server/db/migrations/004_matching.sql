-- Up Migration
-- Matching (issue #6): configurable weights and thresholds, the match workflow
-- with its steps, and a database guarantee against double allocation of a kavel.

-- Settings of the matching and the scheefwerken signal, as data (not code).
CREATE TABLE matching_instelling (
  sleutel text PRIMARY KEY CHECK (sleutel ~ '^[a-z_]+$'),
  waarde double precision NOT NULL CHECK (waarde >= 0),
  omschrijving text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
-- Audited by sleutel; the audit trigger needs an integer id.
ALTER TABLE matching_instelling ADD COLUMN id serial UNIQUE;
CREATE TRIGGER matching_instelling_touch BEFORE UPDATE ON matching_instelling FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER matching_instelling_audit AFTER INSERT OR UPDATE OR DELETE ON matching_instelling
  FOR EACH ROW EXECUTE FUNCTION audit_row();

INSERT INTO matching_instelling (sleutel, waarde, omschrijving) VALUES
  ('gewicht_omvang', 3, 'Gewicht: past de oppervlakte binnen de gevraagde hectares'),
  ('gewicht_planstatus', 2, 'Gewicht: harde plancapaciteit boven zachte'),
  ('gewicht_timing', 2, 'Gewicht: beschikbaar op het gewenste moment'),
  ('gewicht_gemeente', 2, 'Gewicht: in een gewenste gemeente'),
  ('gewicht_afstand', 1, 'Gewicht: dicht bij de huidige locatie'),
  ('gewicht_arbeidsplaatsen', 1, 'Gewicht: arbeidsplaatsen per hectare ten opzichte van de norm'),
  ('gewicht_milieuruimte', 1, 'Gewicht: milieucategorie van de kavel niet veel zwaarder dan nodig'),
  ('tolerantie', 0.1, 'Fractie boven max_ha die nog als passend geldt (0,1 = 10 %)'),
  ('max_kavels_samenvoegen', 3, 'Hoeveel aangrenzende kavels ten hoogste worden samengevoegd'),
  ('afstand_max_km', 15, 'Afstand tot de huidige locatie waarbij de afstandsscore 0 wordt'),
  ('arbeidsplaatsen_norm_per_ha', 50, 'Norm arbeidsplaatsen per hectare (Enschede: 50/ha)'),
  ('milieuruimte_stappen', 4, 'Aantal stappen milieucategorie boven de vraag waarbij de score 0 wordt'),
  ('voorrang_factor', 1.5, 'Vermenigvuldiger van de score van voorrangsvragen in de regionale toewijzing'),
  ('max_opties_per_vraag', 30, 'Beste kandidaten per vraag die de regionale toewijzing meeneemt'),
  ('max_rekentijd_s', 30, 'Maximale rekentijd van de regionale toewijzing (seconden)'),
  ('scheefwerken_drempel_stappen', 3, 'Scheefwerken: activiteit zoveel stappen of meer onder de milieucategorie van de kavel'),
  ('scheefwerken_lichte_categorie', 2, 'Scheefwerken: activiteit tot en met deze volgorde (cat. 2) op een watergebonden kavel');

-- A kavel is held by at most one active match. A proposal (voorgesteld) is not
-- active; accepting it (besproken_werkgroep and later) activates its kavels.
ALTER TABLE match_kavel ADD COLUMN actief boolean NOT NULL DEFAULT false;
-- The kavel status before the match put it in_optie, restored when the match falls through.
ALTER TABLE match_kavel ADD COLUMN status_voor text;
CREATE UNIQUE INDEX match_kavel_een_actieve_match ON match_kavel (kavel_id) WHERE actief;
CREATE INDEX match_kavel_kavel_idx ON match_kavel (kavel_id);
CREATE INDEX match_ruimtevraag_idx ON match (ruimtevraag_id);

-- Every step of a match: when, who (person), why; plus the signed-in account.
CREATE TABLE match_stap (
  id serial PRIMARY KEY,
  match_id integer NOT NULL REFERENCES match(id) ON DELETE CASCADE,
  van_status text,
  naar_status text NOT NULL CHECK (naar_status IN ('voorgesteld', 'besproken_werkgroep',
    'warme_overdracht', 'gerealiseerd', 'afgevallen')),
  datum date NOT NULL,
  persoon text NOT NULL CHECK (length(trim(persoon)) > 0),
  reden text NOT NULL CHECK (length(trim(reden)) > 0),
  account_id integer REFERENCES account(id),
  tijdstip timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX match_stap_match_idx ON match_stap (match_id, id);
CREATE TRIGGER match_stap_audit AFTER INSERT OR UPDATE OR DELETE ON match_stap
  FOR EACH ROW EXECUTE FUNCTION audit_row();

-- Down Migration
DROP TABLE IF EXISTS match_stap;
DROP INDEX IF EXISTS match_kavel_een_actieve_match, match_kavel_kavel_idx, match_ruimtevraag_idx;
ALTER TABLE match_kavel DROP COLUMN IF EXISTS actief, DROP COLUMN IF EXISTS status_voor;
DROP TABLE IF EXISTS matching_instelling;
