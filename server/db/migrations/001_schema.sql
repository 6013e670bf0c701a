-- Up Migration
-- Core data model. All geometry is stored in RD New (EPSG:28992) so that
-- ST_Area/10000 is hectares; areas are generated columns, never typed in.

CREATE EXTENSION IF NOT EXISTS postgis;

-- Every row carries created_at / updated_at / version; the trigger keeps them honest.
CREATE FUNCTION touch_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  NEW.version := OLD.version + 1;
  RETURN NEW;
END $$;

CREATE TABLE gemeente (
  id serial PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^GM[0-9]{4}$'),
  naam text NOT NULL UNIQUE,
  inwoners_2020 integer CHECK (inwoners_2020 > 0),
  in_regio boolean NOT NULL DEFAULT true,
  geom geometry(MultiPolygon, 28992) NOT NULL CHECK (ST_IsValid(geom)),
  oppervlakte_ha double precision GENERATED ALWAYS AS (ST_Area(geom) / 10000) STORED,
  bron text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);

-- Versioned reference table: the VNG 2009 system today, a future
-- Omgevingswet zone system as another `stelsel` without schema changes.
CREATE TABLE milieucategorie (
  stelsel text NOT NULL DEFAULT 'VNG2009',
  code text NOT NULL,
  volgorde integer NOT NULL,
  omschrijving text NOT NULL,
  richtafstand_m integer NOT NULL CHECK (richtafstand_m >= 0),
  richtafstand_gemengd_m integer NOT NULL CHECK (richtafstand_gemengd_m >= 0),
  geldig_vanaf date NOT NULL,
  geldig_tot date,
  bron text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (stelsel, code),
  UNIQUE (stelsel, volgorde)
);

CREATE TABLE terrein (
  id serial PRIMARY KEY,
  naam text NOT NULL,
  naam_bekend boolean NOT NULL DEFAULT true,
  naam_osm text,
  gemeente_id integer NOT NULL REFERENCES gemeente(id),
  osm_landuse text,
  typologie text NOT NULL DEFAULT 'onbekend'
    CHECK (typologie IN ('breed_gedifferentieerd', 'matig_gedifferentieerd', 'onbekend')),
  op_transformatielijst boolean NOT NULL DEFAULT false,
  niet_te_transformeren boolean NOT NULL DEFAULT false,
  watergebonden boolean NOT NULL DEFAULT false,
  milieucategorie_stelsel text NOT NULL DEFAULT 'VNG2009',
  milieucategorie_min text,
  milieucategorie_max text,
  geom geometry(MultiPolygon, 28992) NOT NULL CHECK (ST_IsValid(geom)),
  oppervlakte_ha double precision GENERATED ALWAYS AS (ST_Area(geom) / 10000) STORED,
  bron text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  FOREIGN KEY (milieucategorie_stelsel, milieucategorie_min) REFERENCES milieucategorie(stelsel, code),
  FOREIGN KEY (milieucategorie_stelsel, milieucategorie_max) REFERENCES milieucategorie(stelsel, code)
);

CREATE TABLE kavel (
  id serial PRIMARY KEY,
  terrein_id integer NOT NULL REFERENCES terrein(id),
  naam text,
  status text NOT NULL DEFAULT 'bezet'
    CHECK (status IN ('bezet', 'beschikbaar', 'potentieel', 'in_optie', 'vrijkomend')),
  planstatus text NOT NULL DEFAULT 'hard' CHECK (planstatus IN ('hard', 'zacht')),
  milieucategorie_stelsel text NOT NULL DEFAULT 'VNG2009',
  milieucategorie_min text,
  milieucategorie_max text NOT NULL,
  watergebonden boolean NOT NULL DEFAULT false,
  beschikbaar_vanaf date,
  eigendom text NOT NULL DEFAULT 'onbekend' CHECK (eigendom IN ('gemeente', 'privaat', 'onbekend')),
  geom geometry(MultiPolygon, 28992) NOT NULL CHECK (ST_IsValid(geom)),
  oppervlakte_ha double precision GENERATED ALWAYS AS (ST_Area(geom) / 10000) STORED,
  bron text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  FOREIGN KEY (milieucategorie_stelsel, milieucategorie_min) REFERENCES milieucategorie(stelsel, code),
  FOREIGN KEY (milieucategorie_stelsel, milieucategorie_max) REFERENCES milieucategorie(stelsel, code)
);

CREATE TABLE kanszone (
  id serial PRIMARY KEY,
  naam text NOT NULL,
  gemeente_id integer NOT NULL REFERENCES gemeente(id),
  terrein_id integer REFERENCES terrein(id),
  soort text NOT NULL DEFAULT 'challenge_071' CHECK (soort IN ('challenge_071', 'rijkspilot', 'overig')),
  omschrijving text,
  geom geometry(MultiPolygon, 28992) NOT NULL CHECK (ST_IsValid(geom)),
  oppervlakte_ha double precision GENERATED ALWAYS AS (ST_Area(geom) / 10000) STORED,
  bron text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);

CREATE TABLE transformatie (
  id serial PRIMARY KEY,
  naam text NOT NULL,
  gemeente_id integer NOT NULL REFERENCES gemeente(id),
  nieuwe_functie text NOT NULL DEFAULT 'wonen' CHECK (nieuwe_functie IN ('wonen', 'gemengd', 'overig')),
  status text NOT NULL DEFAULT 'idee'
    CHECK (status IN ('idee', 'studie', 'ontwerp_ter_inzage', 'vastgesteld', 'gerealiseerd', 'vervallen')),
  datum_terinzagelegging date,
  datum_vaststelling date,
  zittende_bedrijven jsonb NOT NULL DEFAULT '[]'::jsonb,
  geom geometry(MultiPolygon, 28992) NOT NULL CHECK (ST_IsValid(geom)),
  oppervlakte_ha double precision GENERATED ALWAYS AS (ST_Area(geom) / 10000) STORED,
  bron text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);

CREATE TABLE compensatie (
  id serial PRIMARY KEY,
  naam text NOT NULL,
  gemeente_id integer NOT NULL REFERENCES gemeente(id),
  milieucategorie_stelsel text NOT NULL DEFAULT 'VNG2009',
  milieucategorie_min text,
  milieucategorie_max text,
  watergebonden boolean NOT NULL DEFAULT false,
  planstatus text NOT NULL DEFAULT 'zacht' CHECK (planstatus IN ('hard', 'zacht')),
  status text NOT NULL DEFAULT 'gepland'
    CHECK (status IN ('gepland', 'geregeld', 'planologisch_mogelijk', 'gerealiseerd', 'vervallen')),
  besluitpunt_ref text,
  besluitpunt_datum date,
  geom geometry(MultiPolygon, 28992) NOT NULL CHECK (ST_IsValid(geom)),
  oppervlakte_ha double precision GENERATED ALWAYS AS (ST_Area(geom) / 10000) STORED,
  bron text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  FOREIGN KEY (milieucategorie_stelsel, milieucategorie_min) REFERENCES milieucategorie(stelsel, code),
  FOREIGN KEY (milieucategorie_stelsel, milieucategorie_max) REFERENCES milieucategorie(stelsel, code)
);

CREATE TABLE bestuursovereenkomst (
  id serial PRIMARY KEY,
  naam text NOT NULL,
  datum_ondertekening date,
  basis_pct numeric(5, 2) NOT NULL DEFAULT 50 CHECK (basis_pct BETWEEN 0 AND 100),
  provincie_betrokken boolean NOT NULL DEFAULT true,
  maatwerk_omschrijving text,
  maatwerk_bedrag numeric(14, 2),
  document_url text,
  bron text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);

CREATE TABLE bestuursovereenkomst_partij (
  bestuursovereenkomst_id integer NOT NULL REFERENCES bestuursovereenkomst(id) ON DELETE CASCADE,
  gemeente_id integer NOT NULL REFERENCES gemeente(id),
  rol text NOT NULL CHECK (rol IN ('transformerend', 'compenserend', 'overig')),
  PRIMARY KEY (bestuursovereenkomst_id, gemeente_id)
);

CREATE TABLE kostenpost (
  id serial PRIMARY KEY,
  bestuursovereenkomst_id integer NOT NULL REFERENCES bestuursovereenkomst(id) ON DELETE CASCADE,
  categorie text NOT NULL CHECK (categorie IN ('onderzoek', 'nota_van_uitgangspunten', 'locatiekeuze',
    'programma_van_eisen', 'ontwerp_plan', 'realisatie', 'overig')),
  omschrijving text,
  bedrag numeric(14, 2) NOT NULL CHECK (bedrag >= 0),
  datum date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);

CREATE TABLE compensatie_toewijzing (
  id serial PRIMARY KEY,
  compensatie_id integer NOT NULL REFERENCES compensatie(id),
  transformatie_id integer NOT NULL REFERENCES transformatie(id),
  hectares double precision NOT NULL CHECK (hectares > 0),
  bestuursovereenkomst_id integer REFERENCES bestuursovereenkomst(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (compensatie_id, transformatie_id)
);

-- Published regional figures (demand forecasts and planned supply), kept with their source.
CREATE TABLE vraagraming (
  id serial PRIMARY KEY,
  soort text NOT NULL CHECK (soort IN ('uitbreidingsvraag', 'vervangingsvraag')),
  gemeente_id integer REFERENCES gemeente(id),
  periode_van integer NOT NULL,
  periode_tot integer NOT NULL,
  netto_ha_min double precision NOT NULL CHECK (netto_ha_min >= 0),
  netto_ha_max double precision NOT NULL CHECK (netto_ha_max >= netto_ha_min),
  bron text NOT NULL,
  peildatum date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);

CREATE TABLE planaanbod_gepubliceerd (
  id serial PRIMARY KEY,
  planstatus text NOT NULL CHECK (planstatus IN ('hard', 'zacht')),
  gemeente_id integer REFERENCES gemeente(id),
  netto_ha double precision NOT NULL CHECK (netto_ha >= 0),
  bron text NOT NULL,
  peildatum date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);

CREATE TABLE bedrijf (
  id serial PRIMARY KEY,
  naam text NOT NULL,
  kvk_nummer text CHECK (kvk_nummer ~ '^[0-9]{8}$'),
  sector text,
  arbeidsplaatsen integer CHECK (arbeidsplaatsen >= 0),
  huidige_kavel_id integer REFERENCES kavel(id),
  gebruikspositie text CHECK (gebruikspositie IN ('huurder', 'eigenaar')),
  milieucategorie_stelsel text NOT NULL DEFAULT 'VNG2009',
  milieucategorie_activiteit text,
  bron text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  FOREIGN KEY (milieucategorie_stelsel, milieucategorie_activiteit) REFERENCES milieucategorie(stelsel, code)
);

CREATE TABLE ruimtevraag (
  id serial PRIMARY KEY,
  bedrijf_id integer NOT NULL REFERENCES bedrijf(id),
  min_ha double precision NOT NULL CHECK (min_ha > 0),
  max_ha double precision NOT NULL CHECK (max_ha >= min_ha),
  milieucategorie_stelsel text NOT NULL DEFAULT 'VNG2009',
  milieucategorie text NOT NULL,
  watergebonden boolean NOT NULL DEFAULT false,
  gewenste_gemeente_ids integer[] NOT NULL DEFAULT '{}',
  gewenst_vanaf date,
  gewenst_tot date,
  reden text NOT NULL CHECK (reden IN ('groei', 'transformatie', 'verkeerde_plek', 'nieuwvestiging')),
  voorrang boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_behandeling', 'gematcht', 'ingetrokken')),
  accountmanager text,
  notities text,
  bron text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  FOREIGN KEY (milieucategorie_stelsel, milieucategorie) REFERENCES milieucategorie(stelsel, code)
);

CREATE TABLE match (
  id serial PRIMARY KEY,
  ruimtevraag_id integer NOT NULL REFERENCES ruimtevraag(id),
  score double precision,
  criteria jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL DEFAULT 'voorgesteld' CHECK (status IN ('voorgesteld', 'besproken_werkgroep',
    'warme_overdracht', 'gerealiseerd', 'afgevallen')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);

CREATE TABLE match_kavel (
  match_id integer NOT NULL REFERENCES match(id) ON DELETE CASCADE,
  kavel_id integer NOT NULL REFERENCES kavel(id),
  PRIMARY KEY (match_id, kavel_id)
);

-- Reference layer used to derive `watergebonden`; not edited in the app.
CREATE TABLE water (
  id serial PRIMARY KEY,
  soort text NOT NULL CHECK (soort IN ('vlak', 'vaarweg')),
  klasse text,
  geom geometry(Geometry, 28992) NOT NULL CHECK (ST_IsValid(geom)),
  bron text NOT NULL
);

CREATE INDEX gemeente_geom_idx ON gemeente USING gist (geom);
CREATE INDEX terrein_geom_idx ON terrein USING gist (geom);
CREATE INDEX kavel_geom_idx ON kavel USING gist (geom);
CREATE INDEX kavel_terrein_idx ON kavel (terrein_id);
CREATE INDEX kanszone_geom_idx ON kanszone USING gist (geom);
CREATE INDEX transformatie_geom_idx ON transformatie USING gist (geom);
CREATE INDEX compensatie_geom_idx ON compensatie USING gist (geom);
CREATE INDEX water_geom_idx ON water USING gist (geom);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['gemeente', 'milieucategorie', 'terrein', 'kavel', 'kanszone', 'transformatie',
    'compensatie', 'bestuursovereenkomst', 'kostenpost', 'compensatie_toewijzing', 'vraagraming',
    'planaanbod_gepubliceerd', 'bedrijf', 'ruimtevraag', 'match']
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION touch_row()',
      t || '_touch', t);
  END LOOP;
END $$;

-- VNG "Bedrijven en milieuzonering" (2009): guide distances to a quiet residential
-- area; in a mixed area (gemengd gebied) one step lower.
INSERT INTO milieucategorie (stelsel, code, volgorde, omschrijving, richtafstand_m, richtafstand_gemengd_m, geldig_vanaf, bron) VALUES
  ('VNG2009', '1',   1,  'Categorie 1',   10,   0,    '2009-01-01', 'VNG, Bedrijven en milieuzonering (2009)'),
  ('VNG2009', '2',   2,  'Categorie 2',   30,   10,   '2009-01-01', 'VNG, Bedrijven en milieuzonering (2009)'),
  ('VNG2009', '3.1', 3,  'Categorie 3.1', 50,   30,   '2009-01-01', 'VNG, Bedrijven en milieuzonering (2009)'),
  ('VNG2009', '3.2', 4,  'Categorie 3.2', 100,  50,   '2009-01-01', 'VNG, Bedrijven en milieuzonering (2009)'),
  ('VNG2009', '4.1', 5,  'Categorie 4.1', 200,  100,  '2009-01-01', 'VNG, Bedrijven en milieuzonering (2009)'),
  ('VNG2009', '4.2', 6,  'Categorie 4.2', 300,  200,  '2009-01-01', 'VNG, Bedrijven en milieuzonering (2009)'),
  ('VNG2009', '5.1', 7,  'Categorie 5.1', 500,  300,  '2009-01-01', 'VNG, Bedrijven en milieuzonering (2009)'),
  ('VNG2009', '5.2', 8,  'Categorie 5.2', 700,  500,  '2009-01-01', 'VNG, Bedrijven en milieuzonering (2009)'),
  ('VNG2009', '5.3', 9,  'Categorie 5.3', 1000, 700,  '2009-01-01', 'VNG, Bedrijven en milieuzonering (2009)'),
  ('VNG2009', '6',   10, 'Categorie 6',   1500, 1000, '2009-01-01', 'VNG, Bedrijven en milieuzonering (2009)');

-- Down Migration
DROP TABLE IF EXISTS water, match_kavel, match, ruimtevraag, bedrijf, planaanbod_gepubliceerd, vraagraming,
  compensatie_toewijzing, kostenpost, bestuursovereenkomst_partij, bestuursovereenkomst, compensatie,
  transformatie, kanszone, kavel, terrein, milieucategorie, gemeente CASCADE;
DROP FUNCTION IF EXISTS touch_row();
