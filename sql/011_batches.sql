-- 011: payout batches for finance (issue 5).
--
-- Prepaid-card payouts go into batches too: they are in the batch CSV with
-- their channel (finance orders the cards from it), left out of the SEPA
-- file and listed apart on the statement. So a card may now also move
-- te_betalen -> in_batch -> betaald | mislukt | te_betalen (cancelled
-- batch). The direct te_betalen -> betaald of a card handed over without a
-- batch stays allowed (older records and the test fixtures use it).
--
-- Batch numbers come from next_reference('BT', year): 'BT-2026-00001',
-- gapless within the committed history like application references.
-- A cancelled batch keeps the reason finance gave (staff text, not personal
-- data; it stays out of the audit details).

CREATE OR REPLACE FUNCTION payout_transition_ok(old_status text,
                                                new_status text,
                                                channel text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $fn$
SELECT CASE
    WHEN channel = 'bank' THEN (old_status, new_status) IN (
        ('te_betalen', 'in_batch'),
        ('in_batch', 'betaald'),
        ('in_batch', 'mislukt'),
        ('in_batch', 'te_betalen'),   -- the batch was cancelled
        ('betaald', 'mislukt'),       -- the bank returned the money
        ('mislukt', 'te_betalen'))    -- after the IBAN was corrected
    ELSE (old_status, new_status) IN (
        ('te_betalen', 'in_batch'),   -- ordered through a batch
        ('in_batch', 'betaald'),
        ('in_batch', 'mislukt'),
        ('in_batch', 'te_betalen'),   -- the batch was cancelled
        ('te_betalen', 'betaald'),    -- handed over without a batch
        ('betaald', 'mislukt'),
        ('mislukt', 'te_betalen'))
END
$fn$;

-- As in 003, with prepaid cards allowed: a line may be added only to a
-- batch whose files are not made yet, for a payout that is te_betalen with
-- a confirmed payee (a channel change needs a makelaar's confirmation just
-- like a new IBAN), and never by the person who approved that payout.
CREATE OR REPLACE FUNCTION batch_line_before_insert() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    b payout_batch%ROWTYPE;
    p payout%ROWTYPE;
    approver bigint;
BEGIN
    SELECT * INTO b FROM payout_batch WHERE id = NEW.batch_id;
    SELECT * INTO p FROM payout WHERE id = NEW.payout_id;
    IF b.status <> 'live' OR b.csv IS NOT NULL OR b.line_count IS NOT NULL THEN
        RAISE EXCEPTION 'payout batch %: no lines can be added any more',
            b.number
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'batch_line_batch_open';
    END IF;
    IF p.status <> 'te_betalen'
       OR p.channel NOT IN ('bank', 'prepaid_card')
       OR NOT p.iban_confirmed THEN
        RAISE EXCEPTION 'payout % (%, %, IBAN confirmed: %) cannot be '
            'batched', p.reference, p.status, p.channel, p.iban_confirmed
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'batch_line_payout_ready';
    END IF;
    SELECT awarded_by INTO approver FROM award WHERE id = p.award_id;
    IF b.created_by = approver OR b.created_by = p.iban_confirmed_by THEN
        RAISE EXCEPTION 'payout %: who approved it cannot put it in a batch',
            p.reference
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'batch_line_segregation_of_duties';
    END IF;
    RETURN NEW;
END
$fn$;

ALTER TABLE payout_batch
    ADD COLUMN cancel_reason text
        CHECK (length(btrim(cancel_reason)) BETWEEN 1 AND 500),
    ADD CONSTRAINT payout_batch_cancel_reason_only_cancelled
        CHECK (cancel_reason IS NULL OR status = 'cancelled');

-- The batch list of the finance overview, newest first.
CREATE INDEX payout_batch_created ON payout_batch (created_at DESC, id DESC);
