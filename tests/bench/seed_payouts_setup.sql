-- seed_payouts_setup.sql - part one of the finance benchmark's seed (see
-- scripts/bench.sh): budgets and :n applications filed, set-based, through
-- the same rules as the web application (no trigger is switched off).
--
--   psql -v n=10000 -v first_year=2030 -v years=10 -f seed_payouts_setup.sql
--
-- The awards are spread over :years budget years and every wijk, because
-- each award's trigger sums what its wijk and city already have that
-- year: one year of 10,000 awards would make seeding quadratic. Streets
-- may take many potjes here (max_potjes_per_street of the bench years).
\set ON_ERROR_STOP 1
BEGIN;

-- the city's account, as the beheerder sets it (the SEPA file needs it)
UPDATE setting SET value = 'NL20INGB0001234567' WHERE key = 'debtor_iban';
UPDATE setting SET value = 'INGBNL2A' WHERE key = 'debtor_bic';

INSERT INTO budget_year (year, city_budget_cents, max_potjes_per_street)
SELECT y, 100000000000, 1000000
FROM generate_series(:first_year, :first_year + :years - 1) AS y;

INSERT INTO wijk_budget (year, wijk_code, budget_cents)
SELECT y, w.code, 10000000000
FROM generate_series(:first_year, :first_year + :years - 1) AS y, wijk w;

-- streets that run through exactly one wijk, numbered within the list
CREATE TEMP TABLE bench_street AS
SELECT row_number() OVER (ORDER BY s.id) - 1 AS k, s.id, s.name,
       min(b.wijk_code) AS wijk_code
FROM street s
JOIN street_buurt sb ON sb.street_id = s.id
JOIN buurt b ON b.code = sb.buurt_code
WHERE s.merged_into IS NULL
GROUP BY s.id, s.name
HAVING count(DISTINCT b.wijk_code) = 1;

-- one gangmaker per application; a handful of valid Dutch IBANs
INSERT INTO organiser (name, email, address, postcode, iban, account_holder)
SELECT 'Bench Gangmaker ' || g, 'bench' || g || '@example.nl',
       'Benchstraat ' || g, '3511 AB',
       (ARRAY['NL91ABNA0417164300', 'NL20INGB0001234567',
              'NL44RABO0123456789'])[1 + g % 3],
       'B. Gangmaker ' || g
FROM generate_series(1, :n) AS g;

-- the applications, as residents file them: ingediend. Application g is in
-- budget year first_year + g % years (its reference carries that year).
INSERT INTO application (reference, kind, street_id, street_name, wijk_code,
                         organiser_id, status_token_hash, households,
                         payout_method, plan)
SELECT format('LL-%s-%s', :first_year + g % :years,
              lpad((g / :years + 1)::text, 5, '0')),
       'first', s.id, s.name, s.wijk_code, o.id,
       sha256(convert_to('bench-' || g, 'UTF8')), 20, 'bank',
       'Benchmark'
FROM generate_series(1, :n) AS g
JOIN bench_street s ON s.k = g % (SELECT count(*) FROM bench_street)
JOIN organiser o ON o.email = 'bench' || g || '@example.nl';

INSERT INTO reference_counter (prefix, year, last_value)
SELECT 'LL', y, :n / :years + 1
FROM generate_series(:first_year, :first_year + :years - 1) AS y
ON CONFLICT (prefix, year) DO UPDATE SET last_value = EXCLUDED.last_value;

COMMIT;
