-- Up Migration
-- Personal read-only access tokens for the OGC API (QGIS cannot use the app's cookie
-- and CSRF token). Only a hash is stored; the token is shown once, when it is made.

CREATE TABLE toegangstoken (
  id serial PRIMARY KEY,
  account_id integer NOT NULL REFERENCES account(id),
  naam text NOT NULL CHECK (length(naam) BETWEEN 1 AND 100),
  token_hash text NOT NULL UNIQUE,
  -- The first characters of the token, so a user can tell tokens apart.
  voorvoegsel text NOT NULL,
  aangemaakt_op timestamptz NOT NULL DEFAULT now(),
  verloopt_op timestamptz NOT NULL,
  laatst_gebruikt_op timestamptz,
  ingetrokken_op timestamptz
);
CREATE INDEX toegangstoken_account_idx ON toegangstoken (account_id);

-- Down Migration
DROP TABLE IF EXISTS toegangstoken;
