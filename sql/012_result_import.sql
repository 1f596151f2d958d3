-- 012: importing finance's result file (issue 5, "The result import").
--
-- A result file is uploaded, checked and shown as a preview first; only a
-- second step applies it, all rows or none. So batch_result_file (003) now
-- holds a file from its upload on:
--   status      previewed (uploaded and checked, nothing applied) or
--               applied (its rows were applied; final);
--   imported_by / imported_at   who uploaded it, and when (003's columns);
--   applied_by / applied_at     who applied it, and when;
--   batch_id    003 tied a file to one batch; a file may answer several
--               batches, so it is optional now and the batches a file
--               closed are in result_file_batch;
--   row_count, paid_count, refused_count, reversed_count: what applying it
--               did, for the list of recent imports.
-- The same bytes (by SHA-256, UNIQUE in 003) are one row: uploading a file
-- again finds it, and an applied file is never applied twice.
--
-- Also: a failed payout goes back to te_betalen as soon as a makelaar has
-- confirmed the corrected IBAN the resident gave after the failure (SPEC
-- section 4: "A failed payout returns to te_betalen only after the IBAN is
-- corrected"). 003 already refuses that move without such a confirmation
-- (payout_retry_needs_new_iban); this makes the confirmation itself take
-- the step, so no one has to remember it.

ALTER TABLE batch_result_file
    ALTER COLUMN batch_id DROP NOT NULL,
    ADD COLUMN status text NOT NULL DEFAULT 'applied'
        CHECK (status IN ('previewed', 'applied')),
    ADD COLUMN applied_by bigint REFERENCES staff_user (id),
    ADD COLUMN applied_at timestamptz,
    ADD COLUMN row_count integer CHECK (row_count >= 0),
    ADD COLUMN paid_count integer CHECK (paid_count >= 0),
    ADD COLUMN refused_count integer CHECK (refused_count >= 0),
    ADD COLUMN reversed_count integer CHECK (reversed_count >= 0);

-- Files of before this migration were imported in one step.
UPDATE batch_result_file SET applied_by = imported_by,
    applied_at = imported_at;
ALTER TABLE batch_result_file
    ALTER COLUMN status SET DEFAULT 'previewed',
    ADD CONSTRAINT batch_result_file_applied_recorded
        CHECK ((status = 'applied')
               = (applied_by IS NOT NULL AND applied_at IS NOT NULL));
CREATE INDEX batch_result_file_recent ON batch_result_file (imported_at DESC);

-- An applied file is final: only the retention purge may empty its
-- contents. A previewed one may be uploaded again (new uploader and time).
CREATE FUNCTION batch_result_file_before_update() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF NEW.sha256 <> OLD.sha256
       OR (OLD.status = 'applied'
           AND (NEW.status <> OLD.status
                OR NEW.applied_by IS DISTINCT FROM OLD.applied_by
                OR NEW.applied_at IS DISTINCT FROM OLD.applied_at
                OR NEW.imported_by <> OLD.imported_by
                OR NEW.imported_at <> OLD.imported_at
                OR NEW.row_count IS DISTINCT FROM OLD.row_count
                OR NEW.paid_count IS DISTINCT FROM OLD.paid_count
                OR NEW.refused_count IS DISTINCT FROM OLD.refused_count
                OR NEW.reversed_count IS DISTINCT FROM OLD.reversed_count
                OR (NEW.content IS DISTINCT FROM OLD.content
                    AND NEW.content IS NOT NULL))) THEN
        RAISE EXCEPTION 'result file %: an applied file does not change',
            OLD.id
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'batch_result_file_final';
    END IF;
    RETURN NEW;
END
$fn$;
CREATE TRIGGER batch_result_file_before_update
    BEFORE UPDATE ON batch_result_file
    FOR EACH ROW EXECUTE FUNCTION batch_result_file_before_update();
CREATE TRIGGER batch_result_file_no_delete BEFORE DELETE ON batch_result_file
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Which batches a file closed (made imported).
CREATE TABLE result_file_batch (
    file_id bigint NOT NULL REFERENCES batch_result_file (id),
    batch_id bigint NOT NULL REFERENCES payout_batch (id),
    PRIMARY KEY (file_id, batch_id),
    -- a batch is closed by one file
    UNIQUE (batch_id)
);
CREATE TRIGGER result_file_batch_no_change
    BEFORE UPDATE OR DELETE ON result_file_batch
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The re-queue: fires before payout_before_update (triggers of one event
-- run in name order), so the status move it makes is checked there by
-- payout_transition_ok and payout_retry_needs_new_iban like any other.
CREATE FUNCTION payout_requeue_after_new_iban() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF OLD.status = 'mislukt' AND NEW.status = 'mislukt'
       AND NEW.iban_confirmed AND NOT OLD.iban_confirmed
       AND NEW.anonymised_at IS NULL
       AND NEW.iban_changed_at IS NOT NULL
       AND NEW.iban_changed_at >= OLD.failed_at THEN
        NEW.status := 'te_betalen';
    END IF;
    RETURN NEW;
END
$fn$;
CREATE TRIGGER payout_a_requeue_after_new_iban BEFORE UPDATE ON payout
    FOR EACH ROW EXECUTE FUNCTION payout_requeue_after_new_iban();
