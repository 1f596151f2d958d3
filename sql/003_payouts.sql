-- 003: the domain model, part two: payouts, payout batches, the files
-- exchanged with finance, and the checks that keep money conserved.
--
-- The rules of SPEC section 4 held here:
--   - one award has exactly one payout (UNIQUE, plus a deferred check that
--     a toegekend application has its award and its payout at commit);
--   - the payout's amount is the award's amount (foreign key on
--     (award_id, amount_cents)), so for every budget year
--     awarded = te_betalen + in_batch + betaald + mislukt, to the cent;
--   - a payout is in at most one live batch (unique partial index), and it
--     is in_batch exactly when it has a line in a live batch (deferred);
--   - who approved a payout (the awarding makelaar, or the one who
--     confirmed a changed IBAN) cannot put it in a batch;
--   - a changed IBAN blocks the payout until it is confirmed again.

CREATE TABLE payout (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    award_id bigint NOT NULL,
    -- the reference on the CSV, in the SEPA EndToEndId and in the result
    -- file from finance (SEPA allows 35 characters)
    reference text NOT NULL UNIQUE CHECK (reference ~ '^[A-Z0-9-]{1,35}$'),
    amount_cents bigint NOT NULL CHECK (amount_cents > 0),
    status text NOT NULL DEFAULT 'te_betalen'
        CHECK (status IN ('te_betalen', 'in_batch', 'betaald', 'mislukt')),
    -- bank transfer in a batch, or a prepaid card handed over in person
    channel text NOT NULL DEFAULT 'bank'
        CHECK (channel IN ('bank', 'prepaid_card')),
    -- the payee as it was when the payout was approved; changed only
    -- through the IBAN-change path (trigger below)
    iban text CHECK (iban_valid(iban)),
    account_holder text CHECK (length(account_holder) BETWEEN 1 AND 70),
    iban_confirmed boolean NOT NULL DEFAULT true,
    iban_changed_at timestamptz,
    iban_confirmed_by bigint REFERENCES staff_user (id),
    iban_confirmed_at timestamptz,
    paid_at timestamptz,
    failed_at timestamptz,
    failure_reason text CHECK (length(failure_reason) <= 500),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    anonymised_at timestamptz,
    CONSTRAINT payout_one_per_award UNIQUE (award_id),
    CONSTRAINT payout_amount_is_awarded
        FOREIGN KEY (award_id, amount_cents)
        REFERENCES award (id, amount_cents),
    CONSTRAINT payout_paid_has_date
        CHECK (status <> 'betaald' OR paid_at IS NOT NULL),
    CONSTRAINT payout_failed_has_date
        CHECK (status <> 'mislukt' OR failed_at IS NOT NULL),
    CONSTRAINT payout_bank_has_payee
        CHECK (channel <> 'bank' OR anonymised_at IS NOT NULL
               OR (iban IS NOT NULL AND account_holder IS NOT NULL)),
    CONSTRAINT payout_confirmation_recorded
        CHECK (iban_confirmed OR iban_confirmed_by IS NULL),
    -- only finished payouts lose their payee (retention purge)
    CONSTRAINT payout_anonymised_clean
        CHECK (anonymised_at IS NULL
               OR (iban IS NULL AND account_holder IS NULL
                   AND failure_reason IS NULL
                   AND status IN ('betaald', 'mislukt')))
);
-- finance's work lists: what is to be paid, what failed
CREATE INDEX payout_status ON payout (status, created_at);

-- Allowed moves of a payout (SPEC section 4). A prepaid card is handed
-- over without a batch; a bank transfer always goes through one.
CREATE FUNCTION payout_transition_ok(old_status text, new_status text,
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
        ('te_betalen', 'betaald'),
        ('betaald', 'mislukt'),
        ('mislukt', 'te_betalen'))
END
$fn$;

CREATE FUNCTION payout_before_update() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF NEW.award_id <> OLD.award_id OR NEW.amount_cents <> OLD.amount_cents
       OR NEW.reference <> OLD.reference THEN
        RAISE EXCEPTION 'payout %: award, amount and reference never change',
            OLD.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'payout_frozen';
    END IF;

    -- A new payee: only while no money is on its way or gone, and it must
    -- be confirmed by a makelaar again before it can be batched.
    IF (NEW.iban, NEW.account_holder, NEW.channel)
       IS DISTINCT FROM (OLD.iban, OLD.account_holder, OLD.channel)
       AND NEW.anonymised_at IS NULL THEN
        IF OLD.status NOT IN ('te_betalen', 'mislukt') THEN
            RAISE EXCEPTION 'payout %: the payee cannot change while %',
                OLD.id, OLD.status
                USING ERRCODE = 'check_violation',
                      CONSTRAINT = 'payout_payee_frozen';
        END IF;
        NEW.iban_confirmed := false;
        NEW.iban_confirmed_by := NULL;
        NEW.iban_confirmed_at := NULL;
        NEW.iban_changed_at := now();
    END IF;

    IF NEW.status <> OLD.status THEN
        IF NOT payout_transition_ok(OLD.status, NEW.status, NEW.channel) THEN
            RAISE EXCEPTION 'payout %: status % cannot become % (%)',
                OLD.id, OLD.status, NEW.status, NEW.channel
                USING ERRCODE = 'check_violation',
                      CONSTRAINT = 'payout_status_transition';
        END IF;
        IF OLD.status = 'mislukt' AND NEW.status = 'te_betalen'
           AND (NOT NEW.iban_confirmed
                OR (NEW.channel = 'bank'
                    AND (NEW.iban_changed_at IS NULL
                         OR NEW.iban_changed_at < OLD.failed_at))) THEN
            RAISE EXCEPTION 'payout %: a failed payout is paid again only '
                'after its IBAN was corrected and confirmed', OLD.id
                USING ERRCODE = 'check_violation',
                      CONSTRAINT = 'payout_retry_needs_new_iban';
        END IF;
    END IF;
    NEW.updated_at := now();
    RETURN NEW;
END
$fn$;
CREATE TRIGGER payout_before_update BEFORE UPDATE ON payout
    FOR EACH ROW EXECUTE FUNCTION payout_before_update();
CREATE TRIGGER payout_no_delete BEFORE DELETE ON payout
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- At commit: an application is toegekend exactly when it has an award, the
-- award was made by whoever decided, and the award has its payout. (The
-- payout's UNIQUE(award_id) makes it exactly one.) Deferred, because the
-- three rows are written one after the other in one transaction.
CREATE FUNCTION award_complete_check() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    app_id bigint;
    app_status text;
    app_decided_by bigint;
    aw award%ROWTYPE;
BEGIN
    IF TG_TABLE_NAME = 'award' THEN
        app_id := NEW.application_id;
    ELSE
        app_id := NEW.id;
    END IF;
    SELECT status, decided_by INTO app_status, app_decided_by
      FROM application WHERE id = app_id;
    SELECT * INTO aw FROM award WHERE application_id = app_id;
    IF app_status = 'toegekend' AND aw.id IS NULL THEN
        RAISE EXCEPTION 'application % is toegekend without an award', app_id
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'application_award_complete';
    END IF;
    IF aw.id IS NOT NULL THEN
        IF app_status <> 'toegekend' THEN
            RAISE EXCEPTION 'award % belongs to application % which is %',
                aw.id, app_id, app_status
                USING ERRCODE = 'check_violation',
                      CONSTRAINT = 'application_award_complete';
        END IF;
        IF aw.awarded_by <> app_decided_by THEN
            RAISE EXCEPTION 'award %: awarded by another than who decided',
                aw.id
                USING ERRCODE = 'check_violation',
                      CONSTRAINT = 'application_award_complete';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM payout WHERE award_id = aw.id) THEN
            RAISE EXCEPTION 'award % has no payout', aw.id
                USING ERRCODE = 'check_violation',
                      CONSTRAINT = 'award_has_payout';
        END IF;
    END IF;
    RETURN NULL;
END
$fn$;
CREATE CONSTRAINT TRIGGER application_award_complete
    AFTER INSERT OR UPDATE OF status ON application
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION award_complete_check();
CREATE CONSTRAINT TRIGGER award_has_payout
    AFTER INSERT ON award
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION award_complete_check();

-- ---------------------------------------------------------------------
-- Batches
-- ---------------------------------------------------------------------

-- A frozen set of payouts handed to finance as files. Once generated, the
-- files never change (a download is byte-identical every time); the hashes
-- are checked against the contents by the database itself. After the
-- retention period the contents (which hold IBANs) may be purged; the
-- hashes stay.
CREATE TABLE payout_batch (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- also the SEPA MsgId, hence at most 35 characters
    number text NOT NULL UNIQUE CHECK (number ~ '^[A-Z0-9-]{1,35}$'),
    status text NOT NULL DEFAULT 'live'
        CHECK (status IN ('live', 'cancelled', 'imported')),
    -- derived, for the (batch_id, live) foreign key of batch_line below
    is_live boolean GENERATED ALWAYS AS (status = 'live') STORED,
    created_by bigint NOT NULL REFERENCES staff_user (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    cancelled_by bigint REFERENCES staff_user (id),
    cancelled_at timestamptz,
    imported_by bigint REFERENCES staff_user (id),
    imported_at timestamptz,
    -- control totals, fixed when the files are generated
    line_count integer CHECK (line_count >= 0),
    total_cents bigint CHECK (total_cents >= 0),
    csv bytea,
    csv_sha256 bytea CHECK (octet_length(csv_sha256) = 32),
    sepa_xml bytea,
    sepa_sha256 bytea CHECK (octet_length(sepa_sha256) = 32),
    statement_pdf bytea,
    statement_sha256 bytea CHECK (octet_length(statement_sha256) = 32),
    files_purged_at timestamptz,
    UNIQUE (id, is_live),
    CONSTRAINT payout_batch_csv_hash
        CHECK (csv IS NULL
               OR (csv_sha256 IS NOT NULL AND csv_sha256 = sha256(csv))),
    CONSTRAINT payout_batch_sepa_hash
        CHECK (sepa_xml IS NULL
               OR (sepa_sha256 IS NOT NULL
                   AND sepa_sha256 = sha256(sepa_xml))),
    CONSTRAINT payout_batch_statement_hash
        CHECK (statement_pdf IS NULL
               OR (statement_sha256 IS NOT NULL
                   AND statement_sha256 = sha256(statement_pdf))),
    CONSTRAINT payout_batch_cancel_recorded
        CHECK ((status = 'cancelled')
               = (cancelled_by IS NOT NULL AND cancelled_at IS NOT NULL)),
    CONSTRAINT payout_batch_import_recorded
        CHECK ((status = 'imported')
               = (imported_by IS NOT NULL AND imported_at IS NOT NULL))
);
CREATE INDEX payout_batch_status ON payout_batch (status, created_at);

CREATE FUNCTION payout_batch_before_insert() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM staff_user
                   WHERE id = NEW.created_by AND role = 'financien'
                     AND disabled_at IS NULL) THEN
        RAISE EXCEPTION 'payout batch: % is not an active financien user',
            NEW.created_by
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'payout_batch_by_financien';
    END IF;
    RETURN NEW;
END
$fn$;
CREATE TRIGGER payout_batch_before_insert BEFORE INSERT ON payout_batch
    FOR EACH ROW EXECUTE FUNCTION payout_batch_before_insert();

-- Write-once fields (a purge may empty the file contents, nothing else),
-- and live -> cancelled | imported as the only moves.
CREATE FUNCTION payout_batch_before_update() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    lines bigint;
    total bigint;
BEGIN
    IF NEW.number <> OLD.number OR NEW.created_by <> OLD.created_by
       OR NEW.created_at <> OLD.created_at
       OR (OLD.line_count IS NOT NULL
           AND NEW.line_count IS DISTINCT FROM OLD.line_count)
       OR (OLD.total_cents IS NOT NULL
           AND NEW.total_cents IS DISTINCT FROM OLD.total_cents)
       OR (OLD.csv_sha256 IS NOT NULL
           AND NEW.csv_sha256 IS DISTINCT FROM OLD.csv_sha256)
       OR (OLD.sepa_sha256 IS NOT NULL
           AND NEW.sepa_sha256 IS DISTINCT FROM OLD.sepa_sha256)
       OR (OLD.statement_sha256 IS NOT NULL
           AND NEW.statement_sha256 IS DISTINCT FROM OLD.statement_sha256)
       OR ((NEW.csv IS NULL AND OLD.csv IS NOT NULL
            OR NEW.sepa_xml IS NULL AND OLD.sepa_xml IS NOT NULL
            OR NEW.statement_pdf IS NULL AND OLD.statement_pdf IS NOT NULL)
           AND NEW.files_purged_at IS NULL) THEN
        RAISE EXCEPTION 'payout batch %: its number, author and files are '
            'fixed', OLD.number
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'payout_batch_frozen';
    END IF;
    IF NEW.status <> OLD.status AND OLD.status <> 'live' THEN
        RAISE EXCEPTION 'payout batch %: status % is final', OLD.number,
            OLD.status
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'payout_batch_status_transition';
    END IF;
    -- The control totals printed on the batch statement are the lines'.
    IF OLD.line_count IS NULL
       AND (NEW.line_count IS NOT NULL OR NEW.total_cents IS NOT NULL) THEN
        SELECT count(*), coalesce(sum(p.amount_cents), 0)
          INTO lines, total
          FROM batch_line l JOIN payout p ON p.id = l.payout_id
         WHERE l.batch_id = NEW.id;
    END IF;
    IF lines IS NOT NULL
       AND (NEW.line_count IS DISTINCT FROM lines
            OR NEW.total_cents IS DISTINCT FROM total) THEN
        RAISE EXCEPTION 'payout batch %: control totals % lines, % cents '
            'do not match its lines', OLD.number, NEW.line_count,
            NEW.total_cents
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'payout_batch_control_totals';
    END IF;
    -- An imported batch has finance's answer on every line.
    IF NEW.status = 'imported' AND OLD.status = 'live'
       AND EXISTS (SELECT 1 FROM batch_line
                   WHERE batch_id = NEW.id AND result IS NULL) THEN
        RAISE EXCEPTION 'payout batch %: lines without a result', OLD.number
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'payout_batch_import_complete';
    END IF;
    RETURN NEW;
END
$fn$;
CREATE TRIGGER payout_batch_before_update BEFORE UPDATE ON payout_batch
    FOR EACH ROW EXECUTE FUNCTION payout_batch_before_update();
CREATE TRIGGER payout_batch_no_delete BEFORE DELETE ON payout_batch
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- One payout in one batch. 'live' copies the batch's is_live through the
-- (batch_id, live) foreign key with ON UPDATE CASCADE: when a batch is
-- cancelled or imported, PostgreSQL itself sets live = false on its lines.
-- That lets a partial unique index say "at most one live batch".
CREATE TABLE batch_line (
    batch_id bigint NOT NULL,
    line_no integer NOT NULL CHECK (line_no >= 1),
    payout_id bigint NOT NULL REFERENCES payout (id),
    live boolean NOT NULL DEFAULT true,
    -- the outcome from finance's result file
    result text CHECK (result IN ('betaald', 'geweigerd')),
    result_on date,
    result_reason text CHECK (length(result_reason) <= 500),
    PRIMARY KEY (batch_id, line_no),
    UNIQUE (batch_id, payout_id),
    CONSTRAINT batch_line_live_is_batch_live
        FOREIGN KEY (batch_id, live) REFERENCES payout_batch (id, is_live)
        ON UPDATE CASCADE,
    CONSTRAINT batch_line_result_dated
        CHECK ((result IS NULL) = (result_on IS NULL))
);
CREATE UNIQUE INDEX batch_line_one_live_batch ON batch_line (payout_id)
    WHERE live;
-- a payout's batch history
CREATE INDEX batch_line_payout ON batch_line (payout_id);

-- A line may be added only to a batch whose files are not made yet, for a
-- bank payout that is te_betalen with a confirmed IBAN, and never by the
-- person who approved that payout (segregation of duties).
CREATE FUNCTION batch_line_before_insert() RETURNS trigger
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
    IF p.status <> 'te_betalen' OR p.channel <> 'bank'
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
CREATE TRIGGER batch_line_before_insert BEFORE INSERT ON batch_line
    FOR EACH ROW EXECUTE FUNCTION batch_line_before_insert();

-- Which payout sits on which line never changes; live follows the batch
-- (cascade) and the result is filled in by the import.
CREATE FUNCTION batch_line_before_update() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF NEW.batch_id <> OLD.batch_id OR NEW.line_no <> OLD.line_no
       OR NEW.payout_id <> OLD.payout_id THEN
        RAISE EXCEPTION 'batch line %/%: its payout never changes',
            OLD.batch_id, OLD.line_no
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'batch_line_frozen';
    END IF;
    IF NEW.live AND NOT OLD.live THEN
        RAISE EXCEPTION 'batch line %/%: a batch does not come back to life',
            OLD.batch_id, OLD.line_no
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'batch_line_frozen';
    END IF;
    RETURN NEW;
END
$fn$;
CREATE TRIGGER batch_line_before_update BEFORE UPDATE ON batch_line
    FOR EACH ROW EXECUTE FUNCTION batch_line_before_update();
CREATE TRIGGER batch_line_no_delete BEFORE DELETE ON batch_line
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- At commit: a payout is in_batch exactly when it has a line in a live
-- batch. So a batch cannot be cancelled without putting its payouts back
-- to te_betalen, nor imported without giving each its result.
CREATE FUNCTION payout_batch_state_check() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    pid bigint;
    st text;
    live_lines integer;
BEGIN
    IF TG_TABLE_NAME = 'payout' THEN
        pid := NEW.id;
    ELSE
        pid := NEW.payout_id;
    END IF;
    SELECT status INTO st FROM payout WHERE id = pid;
    SELECT count(*) INTO live_lines FROM batch_line
     WHERE payout_id = pid AND live;
    IF (st = 'in_batch') <> (live_lines > 0) THEN
        RAISE EXCEPTION 'payout %: status % but % live batch line(s)',
            pid, st, live_lines
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'payout_in_batch_matches_lines';
    END IF;
    RETURN NULL;
END
$fn$;
CREATE CONSTRAINT TRIGGER payout_in_batch_matches_lines
    AFTER INSERT OR UPDATE OF status ON payout
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION payout_batch_state_check();
CREATE CONSTRAINT TRIGGER batch_line_matches_payout
    AFTER INSERT OR UPDATE OF live ON batch_line
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION payout_batch_state_check();

-- Result files imported from finance, kept whole. The same file (by hash)
-- is imported once: a second import finds it here and changes nothing.
CREATE TABLE batch_result_file (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    batch_id bigint NOT NULL REFERENCES payout_batch (id),
    sha256 bytea NOT NULL UNIQUE CHECK (octet_length(sha256) = 32),
    content bytea,
    imported_by bigint NOT NULL REFERENCES staff_user (id),
    imported_at timestamptz NOT NULL DEFAULT now(),
    purged_at timestamptz,
    CONSTRAINT batch_result_file_hash
        CHECK (content IS NULL OR sha256 = sha256(content)),
    CONSTRAINT batch_result_file_purged
        CHECK ((content IS NULL) = (purged_at IS NOT NULL))
);
CREATE INDEX batch_result_file_batch ON batch_result_file (batch_id);

-- ---------------------------------------------------------------------
-- Derived figures
-- ---------------------------------------------------------------------

-- Money conservation (SPEC section 4), per budget year: everything awarded
-- is in exactly one of the four payout states. balanced must always be
-- true; tests check it after every scenario.
CREATE VIEW budget_year_reconciliation AS
SELECT b.year,
       b.city_budget_cents,
       coalesce(a.awards, 0) AS awards,
       coalesce(a.awarded_cents, 0) AS awarded_cents,
       coalesce(p.payouts, 0) AS payouts,
       coalesce(p.te_betalen_cents, 0) AS te_betalen_cents,
       coalesce(p.in_batch_cents, 0) AS in_batch_cents,
       coalesce(p.betaald_cents, 0) AS betaald_cents,
       coalesce(p.mislukt_cents, 0) AS mislukt_cents,
       coalesce(a.awarded_cents, 0)
         - coalesce(p.te_betalen_cents, 0) - coalesce(p.in_batch_cents, 0)
         - coalesce(p.betaald_cents, 0) - coalesce(p.mislukt_cents, 0)
         AS difference_cents,
       coalesce(a.awarded_cents, 0)
         = coalesce(p.te_betalen_cents, 0) + coalesce(p.in_batch_cents, 0)
           + coalesce(p.betaald_cents, 0) + coalesce(p.mislukt_cents, 0)
       AND coalesce(a.awards, 0) = coalesce(p.payouts, 0) AS balanced
FROM budget_year b
LEFT JOIN (
    SELECT budget_year, count(*) AS awards, sum(amount_cents) AS awarded_cents
    FROM award GROUP BY budget_year
) a ON a.budget_year = b.year
LEFT JOIN (
    SELECT aw.budget_year,
           count(*) AS payouts,
           sum(p.amount_cents) FILTER (WHERE p.status = 'te_betalen')
             AS te_betalen_cents,
           sum(p.amount_cents) FILTER (WHERE p.status = 'in_batch')
             AS in_batch_cents,
           sum(p.amount_cents) FILTER (WHERE p.status = 'betaald')
             AS betaald_cents,
           sum(p.amount_cents) FILTER (WHERE p.status = 'mislukt')
             AS mislukt_cents
    FROM payout p JOIN award aw ON aw.id = p.award_id
    GROUP BY aw.budget_year
) p ON p.budget_year = b.year;

-- What is left to award per wijk and year (the makelaar's application
-- page and the award refusal message show these figures).
CREATE VIEW wijk_budget_usage AS
SELECT w.year, w.wijk_code, w.budget_cents,
       coalesce(sum(a.amount_cents), 0) AS awarded_cents,
       w.budget_cents - coalesce(sum(a.amount_cents), 0) AS remaining_cents
FROM wijk_budget w
LEFT JOIN award a ON a.budget_year = w.year AND a.wijk_code = w.wijk_code
GROUP BY w.year, w.wijk_code, w.budget_cents;

-- Lief en Leedstraat status, derived from paid payouts and never stored:
-- a street with at least the threshold of paid potjes, since the day the
-- threshold-th was paid. A reversed payment (mislukt) no longer counts.
CREATE VIEW street_potje_status AS
WITH paid AS (
    SELECT ap.street_id, p.paid_at,
           row_number() OVER (PARTITION BY ap.street_id
                              ORDER BY p.paid_at, p.id) AS n
    FROM payout p
    JOIN award a ON a.id = p.award_id
    JOIN application ap ON ap.id = a.application_id
    WHERE p.status = 'betaald'
), threshold AS (
    SELECT setting_int('street_status_threshold') AS n
)
SELECT s.id AS street_id,
       count(paid.street_id) AS paid_count,
       min(paid.paid_at) FILTER (WHERE paid.n = t.n) AS lief_en_leed_since,
       count(paid.street_id) >= t.n AS is_lief_en_leedstraat
FROM street s
CROSS JOIN threshold t
LEFT JOIN paid ON paid.street_id = s.id
GROUP BY s.id, t.n;
