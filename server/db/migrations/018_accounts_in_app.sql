-- Up Migration
-- Accounts run in the app (issue 16): one-time links to set a password, two-factor
-- sign-in (TOTP with recovery codes), sign-in through a gemeente's identity provider
-- (OpenID Connect), and a history of every change to an account, its sessions, links
-- and second factor. Every secret column is listed in audit_geheime_kolom, so the
-- audit trigger never records it.

-- An account made by a first OIDC sign-in waits, inactive and without a role, until a
-- beheerder gives it one. An account made by a beheerder has no password until its
-- owner sets one through a one-time link.
ALTER TABLE account ALTER COLUMN rol DROP NOT NULL;
ALTER TABLE account ALTER COLUMN wachtwoord_hash DROP NOT NULL;
ALTER TABLE account ADD CONSTRAINT account_rol_voor_actief CHECK (rol IS NOT NULL OR NOT actief);
ALTER TABLE account
  ADD COLUMN wachtwoord_gewijzigd_op timestamptz,
  ADD COLUMN oidc_issuer text,
  ADD COLUMN oidc_subject text,
  ADD CONSTRAINT account_oidc_paar CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL));
CREATE UNIQUE INDEX account_oidc_idx ON account (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL;

-- Sessions get an id (to name one without its token), how they were opened, and when
-- their second factor was given. Their changes are audited (who ended a session, when
-- the second factor was given); a sign-in itself is the session row, which is kept.
ALTER TABLE sessie
  ADD COLUMN id serial UNIQUE,
  ADD COLUMN methode text NOT NULL DEFAULT 'wachtwoord' CHECK (methode IN ('wachtwoord', 'oidc')),
  ADD COLUMN tweede_factor_op timestamptz;
CREATE TRIGGER sessie_audit AFTER UPDATE OR DELETE ON sessie FOR EACH ROW EXECUTE FUNCTION audit_row();

-- Throttling and replay protection of the second factor use the sign-in attempts too.
ALTER TABLE login_poging
  ADD COLUMN soort text NOT NULL DEFAULT 'wachtwoord' CHECK (soort IN ('wachtwoord', 'tweede_factor')),
  -- The TOTP time step a successful code belonged to, and a hash of the secret it was a code
  -- of: a code is accepted once, and codes of a replaced secret say nothing about the new one.
  ADD COLUMN totp_stap bigint,
  ADD COLUMN totp_geheim_hash text;
CREATE INDEX login_poging_soort_idx ON login_poging (soort, email, tijdstip);

-- A one-time link to set a password: valid 24 hours, usable once, only its hash stored.
CREATE TABLE wachtwoord_link (
  id serial PRIMARY KEY,
  account_id integer NOT NULL REFERENCES account(id),
  token_hash text NOT NULL UNIQUE,
  doel text NOT NULL CHECK (doel IN ('nieuw', 'herstel')),
  verloopt_op timestamptz NOT NULL,
  gebruikt_op timestamptz,
  -- Set when a newer link replaces it, or the account is deactivated.
  vervallen_op timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX wachtwoord_link_account_idx ON wachtwoord_link (account_id);
CREATE TRIGGER wachtwoord_link_audit AFTER INSERT OR UPDATE OR DELETE ON wachtwoord_link
  FOR EACH ROW EXECUTE FUNCTION audit_row();

-- The second factor of an account: the TOTP secret (RFC 6238) once confirmed, a new one
-- while enrolment is under way, and the hashes of the unused recovery codes.
CREATE TABLE tweede_factor (
  id serial PRIMARY KEY,
  account_id integer NOT NULL UNIQUE REFERENCES account(id),
  geheim text,
  bevestigd_op timestamptz,
  nieuw_geheim text,
  herstelcodes text[] NOT NULL DEFAULT '{}',
  -- The count is kept beside the (secret) hashes so the history can say a code was used.
  herstelcodes_over integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK ((geheim IS NULL) = (bevestigd_op IS NULL)),
  CHECK (herstelcodes_over = cardinality(herstelcodes))
);
CREATE TRIGGER tweede_factor_touch BEFORE UPDATE ON tweede_factor FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER tweede_factor_audit AFTER INSERT OR UPDATE OR DELETE ON tweede_factor
  FOR EACH ROW EXECUTE FUNCTION audit_row();

-- An OpenID Connect sign-in under way: state, nonce and PKCE verifier, bound to the
-- browser by a cookie holding the key (only its hash is stored). Used once, 10 minutes.
CREATE TABLE oidc_aanmelding (
  sleutel_hash text PRIMARY KEY,
  aanbieder text NOT NULL,
  state text NOT NULL,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  verloopt_op timestamptz NOT NULL
);

INSERT INTO audit_geheime_kolom (tabel, kolom) VALUES
  ('sessie', 'token_hash'),
  ('sessie', 'csrf_token'),
  ('wachtwoord_link', 'token_hash'),
  ('tweede_factor', 'geheim'),
  ('tweede_factor', 'nieuw_geheim'),
  ('tweede_factor', 'herstelcodes');

-- The history of an account reads the audit rows of its sessions, links and factor.
CREATE INDEX audit_log_account_ref_idx ON audit_log (((coalesce(na, voor)->>'account_id')))
  WHERE tabel IN ('sessie', 'wachtwoord_link', 'tweede_factor');

-- Down Migration
DROP INDEX IF EXISTS audit_log_account_ref_idx;
DELETE FROM audit_geheime_kolom WHERE tabel IN ('sessie', 'wachtwoord_link', 'tweede_factor');
DROP TABLE IF EXISTS oidc_aanmelding, tweede_factor, wachtwoord_link;
DROP INDEX IF EXISTS login_poging_soort_idx;
ALTER TABLE login_poging DROP COLUMN IF EXISTS soort, DROP COLUMN IF EXISTS totp_stap, DROP COLUMN IF EXISTS totp_geheim_hash;
DROP TRIGGER IF EXISTS sessie_audit ON sessie;
ALTER TABLE sessie DROP COLUMN IF EXISTS id, DROP COLUMN IF EXISTS methode, DROP COLUMN IF EXISTS tweede_factor_op;
DROP INDEX IF EXISTS account_oidc_idx;
ALTER TABLE account DROP CONSTRAINT IF EXISTS account_oidc_paar, DROP CONSTRAINT IF EXISTS account_rol_voor_actief,
  DROP COLUMN IF EXISTS oidc_issuer, DROP COLUMN IF EXISTS oidc_subject, DROP COLUMN IF EXISTS wachtwoord_gewijzigd_op;
-- Fails while accounts without a role or password exist: give them one (or remove them) first.
ALTER TABLE account ALTER COLUMN rol SET NOT NULL, ALTER COLUMN wachtwoord_hash SET NOT NULL;
