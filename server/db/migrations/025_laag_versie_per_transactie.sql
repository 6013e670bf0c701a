-- Up Migration
-- A layer's version (migration 024) is raised once per transaction instead of once per
-- statement. Each raise updated the same row again, and within one transaction every
-- update walks all the row versions before it: a transaction of n statements on a
-- layer cost O(n²). Loading 30,000 kavels in one transaction (each kavel's triggers
-- write transformaties) spent most of its time there. One raise is enough: other
-- sessions see the new version exactly when they see the transaction's rows.
ALTER TABLE laag_versie ADD COLUMN tx bigint;

CREATE OR REPLACE FUNCTION laag_versie_verhoog() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE laag_versie SET versie = versie + 1, gewijzigd_op = now(), tx = txid_current()
  WHERE laag = TG_ARGV[0] AND tx IS DISTINCT FROM txid_current();
  RETURN NULL;
END $$;

-- Down Migration
CREATE OR REPLACE FUNCTION laag_versie_verhoog() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE laag_versie SET versie = versie + 1, gewijzigd_op = now() WHERE laag = TG_ARGV[0];
  RETURN NULL;
END $$;
ALTER TABLE laag_versie DROP COLUMN tx;
