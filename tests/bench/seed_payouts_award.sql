-- seed_payouts_award.sql - part two of the finance benchmark's seed, one
-- budget year per run (one transaction): the makelaar :mk takes that
-- year's applications in review, then awards them with award and payout
-- te_betalen in one transaction, the way the award page does (the deferred
-- checks want application, award and payout together at commit).
--
--   psql -v year=2030 -v mk=3 -f seed_payouts_award.sql
\set ON_ERROR_STOP 1
BEGIN;
UPDATE application SET status = 'in_behandeling'
WHERE reference LIKE 'LL-' || :year || '-%' AND status = 'ingediend';
COMMIT;

BEGIN;
UPDATE application SET status = 'toegekend', decided_by = :mk,
       decided_at = now()
WHERE reference LIKE 'LL-' || :year || '-%' AND status = 'in_behandeling';

INSERT INTO award (application_id, budget_year, wijk_code, amount_cents,
                   default_amount_cents, awarded_by)
SELECT a.id, :year, a.wijk_code, d.cents, d.cents, :mk
FROM application a,
     (SELECT coalesce((SELECT potje_default_cents FROM budget_year
                       WHERE year = :year),
                      setting_int('potje_default_cents')) AS cents) d
WHERE a.reference LIKE 'LL-' || :year || '-%' AND a.status = 'toegekend'
  AND NOT EXISTS (SELECT 1 FROM award x WHERE x.application_id = a.id)
ORDER BY a.id;

INSERT INTO payout (award_id, reference, amount_cents, channel, iban,
                    account_holder)
SELECT w.id, a.reference || '-U1', w.amount_cents, 'bank', o.iban,
       o.account_holder
FROM award w
JOIN application a ON a.id = w.application_id
JOIN organiser o ON o.id = a.organiser_id
WHERE w.budget_year = :year
  AND NOT EXISTS (SELECT 1 FROM payout p WHERE p.award_id = w.id)
ORDER BY w.id;
COMMIT;
