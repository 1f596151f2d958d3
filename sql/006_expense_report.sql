-- 006: the resident's spending report (kostenoverzicht), issue 3.
--
-- A line gets a short note of the resident's own ("bloemen", "taart"):
-- the issue asks for a short free-text field. It is kept to 100
-- characters and the form says in plain words not to write names or
-- health details of neighbours.
--
-- The rules that hold whatever the order of clicks, two tabs or a
-- hand-written statement (the C code checks the same first, to give a
-- friendly message; these are the backstop, SQLSTATE 23514 with a
-- CONSTRAINT name as in 002):
--   - a paid potje has its report from the moment it is paid, with its due
--     date (setting expense_report_due_months), so reminders can find it;
--   - lines change only while the report is not submitted, and a
--     submitted report stays submitted;
--   - the lines of a report never add up to more than the award;
--   - a line is dated on or after the day the potje was paid (Europe/
--     Amsterdam) and not in the future.

ALTER TABLE expense_line
    ADD COLUMN note text CHECK (length(note) BETWEEN 1 AND 100);

-- ---------------------------------------------------------------------
-- The report of a paid potje
-- ---------------------------------------------------------------------

CREATE FUNCTION payout_paid_opens_report() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF NEW.status = 'betaald' AND NEW.paid_at IS NOT NULL THEN
        INSERT INTO expense_report (award_id, due_on)
        VALUES (NEW.award_id,
                ((NEW.paid_at AT TIME ZONE 'Europe/Amsterdam')::date
                 + make_interval(
                     months => setting_int('expense_report_due_months')::int)
                )::date)
        ON CONFLICT (award_id) DO NOTHING;
    END IF;
    RETURN NULL;
END
$fn$;
CREATE TRIGGER payout_paid_opens_report
    AFTER INSERT OR UPDATE OF status ON payout
    FOR EACH ROW EXECUTE FUNCTION payout_paid_opens_report();

-- Payouts paid before this migration get their report too.
INSERT INTO expense_report (award_id, due_on)
SELECT p.award_id,
       ((p.paid_at AT TIME ZONE 'Europe/Amsterdam')::date
        + make_interval(
            months => setting_int('expense_report_due_months')::int))::date
FROM payout p
WHERE p.status = 'betaald' AND p.paid_at IS NOT NULL
ON CONFLICT (award_id) DO NOTHING;

-- A report is never removed, its award never changes, and once submitted
-- it stays submitted at the moment it was.
CREATE FUNCTION expense_report_before_update() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF NEW.award_id <> OLD.award_id
       OR (OLD.submitted_at IS NOT NULL
           AND NEW.submitted_at IS DISTINCT FROM OLD.submitted_at) THEN
        RAISE EXCEPTION 'expense report %: its award and submission are '
            'final', OLD.id
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'expense_report_submitted_final';
    END IF;
    RETURN NEW;
END
$fn$;
CREATE TRIGGER expense_report_before_update BEFORE UPDATE ON expense_report
    FOR EACH ROW EXECUTE FUNCTION expense_report_before_update();
CREATE TRIGGER expense_report_no_delete BEFORE DELETE ON expense_report
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- ---------------------------------------------------------------------
-- Its lines
-- ---------------------------------------------------------------------

-- After the row's own CHECK constraints (so a bad value is reported by
-- its constraint first). The report row is locked FOR UPDATE, so two lines
-- added at the same moment (two tabs) queue up here and cannot both take
-- the last euro. Emptying the note is always allowed: the retention purge
-- may remove the resident's words and keep the figures.
CREATE FUNCTION expense_line_check() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    rid bigint;
    submitted timestamptz;
    awarded bigint;
    paid_on date;
    total bigint;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.note IS NULL
       AND (NEW.report_id, NEW.line_no, NEW.spent_on, NEW.occasion,
            NEW.amount_cents)
           = (OLD.report_id, OLD.line_no, OLD.spent_on, OLD.occasion,
              OLD.amount_cents) THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        rid := OLD.report_id;
    ELSE
        rid := NEW.report_id;
    END IF;
    SELECT r.submitted_at, w.amount_cents,
           (p.paid_at AT TIME ZONE 'Europe/Amsterdam')::date
      INTO submitted, awarded, paid_on
      FROM expense_report r
      JOIN award w ON w.id = r.award_id
      LEFT JOIN payout p ON p.award_id = w.id
     WHERE r.id = rid
       FOR UPDATE OF r;
    IF submitted IS NOT NULL
       OR (TG_OP = 'UPDATE' AND OLD.report_id <> NEW.report_id) THEN
        RAISE EXCEPTION 'expense report %: submitted, its lines are final',
            rid
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'expense_report_open';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN NULL;
    END IF;
    IF paid_on IS NULL OR NEW.spent_on < paid_on
       OR NEW.spent_on > (now() AT TIME ZONE 'Europe/Amsterdam')::date THEN
        RAISE EXCEPTION 'expense line %/%: dated % outside the paid period '
            '(paid on %)', rid, NEW.line_no, NEW.spent_on, paid_on
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'expense_line_date_in_range';
    END IF;
    SELECT coalesce(sum(amount_cents), 0) INTO total
      FROM expense_line WHERE report_id = rid;
    IF total > awarded THEN
        RAISE EXCEPTION 'expense report %: % cents of lines exceeds the '
            'award of % cents', rid, total, awarded
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'expense_report_within_award';
    END IF;
    RETURN NULL;
END
$fn$;
CREATE TRIGGER expense_line_check
    AFTER INSERT OR UPDATE OR DELETE ON expense_line
    FOR EACH ROW EXECUTE FUNCTION expense_line_check();
