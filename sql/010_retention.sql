-- 010: retention (SPEC section 8) and spot checks (steekproef), issue 4.
--
-- Retention periods are the settings of 002, one per outcome, in years
-- (days for unfinished forms), with the SPEC's defaults:
--   retention_awarded_years    7  after the settlement (vaststelling); a
--                                 potje never settled counts from its
--                                 payment (betaald) or, when the payment
--                                 failed for good, from failed_at. While a
--                                 payout is te_betalen or in_batch the
--                                 money is under way and nothing is purged.
--   retention_rejected_years   5  after the decision (decided_at)
--   retention_withdrawn_years  1  after the withdrawal (withdrawn_at below)
--   retention_unfinished_days  7  forms are stored only once filed; the
--                                 form's one-time keys go after 7 days
--                                 (housekeeping in db_job.c)
-- Applications still open (ingediend, in_behandeling,
-- aanvulling_gevraagd) are never purged. The purge itself is
-- backend/purge.c (`liefleed purge` and the daily job retention_purge).

-- When the resident withdrew. updated_at moves with every later change
-- (including the purge), so the withdrawal gets its own moment. Rows
-- withdrawn before this migration fall back to updated_at in the purge.
ALTER TABLE application ADD COLUMN withdrawn_at timestamptz;

CREATE FUNCTION application_withdrawn_at() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF NEW.status = 'ingetrokken' AND OLD.status <> 'ingetrokken'
       AND NEW.withdrawn_at IS NULL THEN
        NEW.withdrawn_at := now();
    END IF;
    RETURN NEW;
END
$fn$;
CREATE TRIGGER application_withdrawn_at BEFORE UPDATE OF status
    ON application
    FOR EACH ROW EXECUTE FUNCTION application_withdrawn_at();

-- ---------------------------------------------------------------------
-- Spot checks (steekproef)
-- ---------------------------------------------------------------------

-- A sample of the settled potjes of one budget year, drawn by a beheerder.
-- The draw is reproducible: the items are the settled awards of the year
-- ordered by sha256(seed || award id as 8 bytes big-endian), the first
-- ceil(count * percent / 100) of them. seed is 64 random bits as text.
CREATE TABLE spot_check (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    percent smallint NOT NULL CHECK (percent BETWEEN 1 AND 100),
    seed bigint NOT NULL,
    -- settled awards of the year at the time of the draw (the population)
    population integer NOT NULL CHECK (population >= 0),
    drawn_by bigint NOT NULL REFERENCES staff_user (id),
    drawn_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX spot_check_year ON spot_check (year, drawn_at);

-- The draw is the record: never changed or removed.
CREATE TRIGGER spot_check_no_update BEFORE UPDATE ON spot_check
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER spot_check_no_delete BEFORE DELETE ON spot_check
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- One checked potje. The outcome is recorded once by a makelaar of the
-- potje's wijk. A settlement is final (its amount is what was paid out
-- and accounted for), so a lower amount found by the check is recorded
-- here as lower_final_cents, next to the settlement, not over it.
CREATE TABLE spot_check_item (
    spot_check_id bigint NOT NULL REFERENCES spot_check (id),
    award_id bigint NOT NULL REFERENCES settlement (award_id),
    outcome text CHECK (outcome IN ('in_orde', 'deels', 'niet_in_orde')),
    lower_final_cents bigint CHECK (lower_final_cents >= 0),
    checked_by bigint REFERENCES staff_user (id),
    checked_at timestamptz,
    -- the makelaar's remark; free text, removed by the retention purge
    note text CHECK (length(note) BETWEEN 1 AND 1000),
    PRIMARY KEY (spot_check_id, award_id),
    CONSTRAINT spot_check_item_checked_recorded
        CHECK ((outcome IS NULL) = (checked_by IS NULL)
               AND (outcome IS NULL) = (checked_at IS NULL)),
    -- in order: the settlement stands; otherwise a lower amount may be set
    CONSTRAINT spot_check_item_lower_only_when_not_fine
        CHECK (lower_final_cents IS NULL OR outcome IN ('deels', 'niet_in_orde'))
);
CREATE INDEX spot_check_item_award ON spot_check_item (award_id);

-- Once recorded, an outcome is final (only the note may be emptied by the
-- purge); the lower amount is at most the settled amount; only an active
-- makelaar of the potje's wijk records it.
CREATE FUNCTION spot_check_item_before_update() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    settled bigint;
    wijk char(2);
BEGIN
    IF NEW.spot_check_id <> OLD.spot_check_id
       OR NEW.award_id <> OLD.award_id THEN
        RAISE EXCEPTION 'spot check item: its potje never changes'
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'spot_check_item_frozen';
    END IF;
    IF OLD.outcome IS NOT NULL
       AND ((NEW.outcome, NEW.lower_final_cents, NEW.checked_by,
             NEW.checked_at)
            IS DISTINCT FROM (OLD.outcome, OLD.lower_final_cents,
                              OLD.checked_by, OLD.checked_at)
            OR NEW.note IS NOT NULL
               AND NEW.note IS DISTINCT FROM OLD.note) THEN
        RAISE EXCEPTION 'spot check item %/%: the outcome is final',
            OLD.spot_check_id, OLD.award_id
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'spot_check_item_outcome_final';
    END IF;
    IF OLD.outcome IS NULL AND NEW.outcome IS NOT NULL THEN
        SELECT s.amount_cents, w.wijk_code INTO settled, wijk
          FROM settlement s JOIN award w ON w.id = s.award_id
         WHERE s.award_id = NEW.award_id;
        IF NEW.lower_final_cents IS NOT NULL
           AND NEW.lower_final_cents >= settled THEN
            RAISE EXCEPTION 'spot check item %/%: % is not below the '
                'settled % cents', OLD.spot_check_id, OLD.award_id,
                NEW.lower_final_cents, settled
                USING ERRCODE = 'check_violation',
                      CONSTRAINT = 'spot_check_item_lower_than_settled';
        END IF;
        IF NOT is_active_makelaar_of(NEW.checked_by, wijk) THEN
            RAISE EXCEPTION 'spot check item %/%: % is not an active '
                'makelaar of wijk %', OLD.spot_check_id, OLD.award_id,
                NEW.checked_by, wijk
                USING ERRCODE = 'check_violation',
                      CONSTRAINT = 'spot_check_item_by_makelaar_of_wijk';
        END IF;
    END IF;
    RETURN NEW;
END
$fn$;
CREATE TRIGGER spot_check_item_before_update BEFORE UPDATE ON spot_check_item
    FOR EACH ROW EXECUTE FUNCTION spot_check_item_before_update();
CREATE TRIGGER spot_check_item_no_delete BEFORE DELETE ON spot_check_item
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
