-- Up Migration
-- Matching after the review of issue 10: stored regional results (proposals are made
-- from exactly what the regisseur saw), the kavel a company left when its match was
-- realised, and match notes taken out of the audit reasons that every role reads.

-- A computed regional optimum, kept so that "voorstellen" turns exactly this result
-- into matches. `invoer_versies` fingerprints the data it was computed from (per
-- table); the proposals are refused when it no longer matches. Derived data, not a
-- record users edit: not audited; only the newest results are kept.
CREATE TABLE regio_resultaat (
  id serial PRIMARY KEY,
  account_id integer REFERENCES account(id),
  berekend_op timestamptz NOT NULL DEFAULT now(),
  peildatum date NOT NULL,
  instellingen jsonb NOT NULL,
  invoer_versies jsonb NOT NULL,
  optimaal jsonb NOT NULL,
  -- Set when proposals were made from it: a result is used once.
  voorgesteld_op timestamptz
);

-- The company's kavel before a realised match: it became vrijkomend (schuifruimte).
ALTER TABLE match ADD COLUMN oude_kavel_id integer REFERENCES kavel(id);

-- Earlier versions wrote the regisseur's free-text reason of a match step into the
-- audit reason of every record the step touched (kavels, the ruimtevraag), where every
-- role reads it through the history routes. The note stays in match_stap (regie only);
-- elsewhere it becomes a general text. The audit rows of a step carry its account and
-- are written after its transaction began (match_stap.tijdstip = now()).
-- The append-only guard is lifted for this statement only, inside the migration's
-- transaction (ALTER TABLE locks the log), and put back at once.
-- scrub:begin
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
UPDATE audit_log l
SET reden = 'Matchworkflow (de toelichting staat bij de match)'
WHERE l.tabel <> 'match_stap' AND l.reden IS NOT NULL
  AND EXISTS (SELECT 1 FROM match_stap s
              WHERE s.reden = l.reden AND s.account_id IS NOT DISTINCT FROM l.account_id
                AND l.tijdstip >= s.tijdstip AND l.tijdstip < s.tijdstip + interval '1 hour');
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;
-- scrub:end

-- Down Migration
-- The scrubbed notes stay gone (they are still in match_stap).
ALTER TABLE match DROP COLUMN IF EXISTS oude_kavel_id;
DROP TABLE IF EXISTS regio_resultaat;
