-- 002: the domain model of SPEC sections 3-4, part one: settings, budgets,
-- staff and sessions, gangmakers, applications, awards, settlements and
-- spending reports. Payouts and batches follow in 003, the audit log, the
-- outbox and shared scheduling in 004.
--
-- Principle: every rule of SPEC section 4 that the database can hold is a
-- constraint or trigger here, so a bug in one page, two servers racing or
-- a hand-written UPDATE cannot break it. The C code checks the same rules
-- first to give a friendly message; these are the backstop. Triggers raise
-- SQLSTATE 23514 (check_violation) with a CONSTRAINT name so that callers
-- can tell which rule refused (PG_DIAG_CONSTRAINT_NAME).
--
-- Money is always bigint cents. Status values are Dutch, as in the SPEC;
-- everything else is English.

-- ---------------------------------------------------------------------
-- Small helpers
-- ---------------------------------------------------------------------

-- IBAN with the ISO 13616 mod-97 check. STRICT: NULL stays NULL, so a
-- CHECK on a nullable column lets NULL through.
CREATE FUNCTION iban_valid(iban text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT AS $fn$
DECLARE
    r text;
    rem integer := 0;
    ch integer;
BEGIN
    IF iban !~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$' THEN
        RETURN false;
    END IF;
    r := substr(iban, 5) || substr(iban, 1, 4);
    FOR i IN 1 .. length(r) LOOP
        ch := ascii(substr(r, i, 1));
        IF ch BETWEEN 48 AND 57 THEN
            rem := (rem * 10 + ch - 48) % 97;
        ELSE
            rem := (rem * 100 + ch - 55) % 97;   -- 'A' = 10 .. 'Z' = 35
        END IF;
    END LOOP;
    RETURN rem = 1;
END
$fn$;

-- Refuse a statement outright; attached as BEFORE DELETE (and UPDATE where
-- a table is write-once) to the tables whose rows are the record.
CREATE FUNCTION refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION '% on % is not allowed: its rows are the record',
        TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'check_violation',
              CONSTRAINT = TG_TABLE_NAME || '_no_' || lower(TG_OP);
END
$fn$;

-- ---------------------------------------------------------------------
-- Staff accounts, sessions, login throttling
-- ---------------------------------------------------------------------

-- Staff are never deleted (the audit log keeps referring to them); an
-- account is switched off with disabled_at. Four roles, one per account.
CREATE TABLE staff_user (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL
        CHECK (length(email) BETWEEN 3 AND 254
               AND email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
    name text NOT NULL
        CHECK (length(name) BETWEEN 1 AND 200 AND name = btrim(name)),
    role text NOT NULL
        CHECK (role IN ('makelaar', 'financien', 'beheerder', 'beleid')),
    -- libsodium crypto_pwhash_str output; only argon2id is accepted.
    password_hash text NOT NULL
        CHECK (password_hash LIKE '$argon2id$%'
               AND length(password_hash) < 256),
    -- Optional TOTP second factor: the raw shared secret, and the last
    -- time step used so a code cannot be replayed.
    totp_secret bytea CHECK (octet_length(totp_secret) BETWEEN 16 AND 64),
    totp_last_step bigint,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    disabled_at timestamptz,
    CONSTRAINT staff_user_disabled_after_created
        CHECK (disabled_at IS NULL OR disabled_at >= created_at)
);
-- One account per address, whatever its case.
CREATE UNIQUE INDEX staff_user_email_key ON staff_user (lower(email));

-- The wijken a makelaar works in; their queue and every query is scoped
-- to these.
CREATE TABLE staff_user_wijk (
    user_id bigint NOT NULL REFERENCES staff_user (id),
    wijk_code char(2) NOT NULL REFERENCES wijk (code),
    PRIMARY KEY (user_id, wijk_code)
);
CREATE INDEX staff_user_wijk_wijk ON staff_user_wijk (wijk_code);

-- A makelaar without a wijk could see nothing and decide nothing: refuse
-- it at commit (deferred, so the account and its wijken can be written in
-- any order within one transaction).
CREATE FUNCTION staff_user_wijk_required() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    uid bigint;
BEGIN
    IF TG_TABLE_NAME = 'staff_user' THEN
        uid := NEW.id;
    ELSE
        uid := OLD.user_id;
    END IF;
    IF EXISTS (SELECT 1 FROM staff_user u
               WHERE u.id = uid AND u.role = 'makelaar'
                 AND u.disabled_at IS NULL
                 AND NOT EXISTS (SELECT 1 FROM staff_user_wijk w
                                 WHERE w.user_id = u.id)) THEN
        RAISE EXCEPTION 'staff user %: a makelaar needs at least one wijk', uid
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'staff_user_makelaar_has_wijk';
    END IF;
    RETURN NULL;
END
$fn$;

CREATE CONSTRAINT TRIGGER staff_user_makelaar_has_wijk
    AFTER INSERT OR UPDATE OF role, disabled_at ON staff_user
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION staff_user_wijk_required();
CREATE CONSTRAINT TRIGGER staff_user_wijk_keeps_one
    AFTER DELETE OR UPDATE ON staff_user_wijk
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION staff_user_wijk_required();

CREATE TRIGGER staff_user_no_delete BEFORE DELETE ON staff_user
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Sessions live in the database so that any server behind the load
-- balancer can serve any request. The cookie holds a random id; only its
-- SHA-256 is stored, so a copy of the table does not log anyone in.
CREATE TABLE staff_session (
    id_hash bytea PRIMARY KEY CHECK (octet_length(id_hash) = 32),
    user_id bigint NOT NULL REFERENCES staff_user (id),
    -- per-session secret from which the CSRF token of every form derives
    csrf_secret bytea NOT NULL CHECK (octet_length(csrf_secret) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    -- the absolute end (12 hours); the idle limit is last_seen_at + setting
    expires_at timestamptz NOT NULL,
    -- when the second factor was given; NULL when none was asked
    second_factor_at timestamptz,
    -- logout, disabling the account, or a new login ends a session
    ended_at timestamptz,
    CONSTRAINT staff_session_expires_after_created
        CHECK (expires_at > created_at),
    CONSTRAINT staff_session_seen_after_created
        CHECK (last_seen_at >= created_at)
);
CREATE INDEX staff_session_user ON staff_session (user_id)
    WHERE ended_at IS NULL;
-- housekeeping removes expired sessions
CREATE INDEX staff_session_expires ON staff_session (expires_at);

-- Failed logins, counted per account (lower-cased e-mail as typed, also
-- for unknown accounts so that the answer does not reveal which exist) and
-- per client address. Shared by all servers.
CREATE TABLE login_throttle (
    scope text NOT NULL CHECK (scope IN ('account', 'address')),
    subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 320),
    failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
    first_failure_at timestamptz NOT NULL DEFAULT now(),
    last_failure_at timestamptz NOT NULL DEFAULT now(),
    blocked_until timestamptz,
    PRIMARY KEY (scope, subject)
);
CREATE INDEX login_throttle_last ON login_throttle (last_failure_at);

-- ---------------------------------------------------------------------
-- Settings
-- ---------------------------------------------------------------------

-- Whether value is a valid text form of a setting of this kind; integer
-- kinds are range checked. CASE guarantees the cast only runs on a value
-- that matched the pattern.
CREATE FUNCTION setting_value_ok(kind text, value text, min_value bigint,
                                 max_value bigint) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $fn$
SELECT CASE kind
    WHEN 'text' THEN length(value) <= 4000
    WHEN 'boolean' THEN value IN ('true', 'false')
    WHEN 'char' THEN length(value) = 1
    -- empty: not set yet (a SEPA file is refused until it is)
    WHEN 'iban' THEN value = '' OR iban_valid(value)
    WHEN 'integer' THEN
        CASE WHEN value ~ '^-?[0-9]{1,18}$'
             THEN (min_value IS NULL OR value::bigint >= min_value)
                  AND (max_value IS NULL OR value::bigint <= max_value)
             ELSE false END
    WHEN 'cents' THEN
        CASE WHEN value ~ '^[0-9]{1,15}$'
             THEN (min_value IS NULL OR value::bigint >= min_value)
                  AND (max_value IS NULL OR value::bigint <= max_value)
             ELSE false END
    ELSE false
END
$fn$;

-- Settings the beheerder changes at run time. The set of keys, their kind
-- and range belong to the code and are written by migrations; the web
-- interface only updates value (a trigger refuses anything else).
CREATE TABLE setting (
    key text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_]{0,62}$'),
    kind text NOT NULL
        CHECK (kind IN ('text', 'integer', 'cents', 'boolean', 'char',
                        'iban')),
    value text NOT NULL,
    min_value bigint,
    max_value bigint,
    description text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by bigint REFERENCES staff_user (id),
    CONSTRAINT setting_value_typed
        CHECK (setting_value_ok(kind, value, min_value, max_value))
);

CREATE FUNCTION setting_shape_frozen() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF NEW.key <> OLD.key OR NEW.kind <> OLD.kind
       OR NEW.min_value IS DISTINCT FROM OLD.min_value
       OR NEW.max_value IS DISTINCT FROM OLD.max_value THEN
        RAISE EXCEPTION 'setting %: only its value may change', OLD.key
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'setting_shape_frozen';
    END IF;
    NEW.updated_at := now();
    RETURN NEW;
END
$fn$;
CREATE TRIGGER setting_shape_frozen BEFORE UPDATE ON setting
    FOR EACH ROW EXECUTE FUNCTION setting_shape_frozen();
CREATE TRIGGER setting_no_delete BEFORE DELETE ON setting
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

INSERT INTO setting (key, kind, value, min_value, max_value, description)
VALUES
    ('organisation_name', 'text', 'DOCK', NULL, NULL,
     'the welfare organisation whose makelaars approve (letters, pages)'),
    ('potje_default_cents', 'cents', '15000', 100, 100000,
     'default amount of a potje, in cents; an award may be lower, never higher'),
    ('street_status_threshold', 'integer', '2', 1, 100,
     'paid potjes that make a street a Lief en Leedstraat'),
    ('max_potjes_per_street_per_year', 'integer', '2', 1, 52,
     'awards per street per budget year at most'),
    ('decision_term_days', 'integer', '28', 1, 365,
     'days from a complete application to the decision deadline'),
    ('expense_report_due_months', 'integer', '12', 1, 60,
     'months after payment within which the spending report is due'),
    ('retention_awarded_years', 'integer', '7', 1, 30,
     'years after settlement before personal data of an award is removed'),
    ('retention_rejected_years', 'integer', '5', 1, 30,
     'years after rejection before personal data is removed'),
    ('retention_withdrawn_years', 'integer', '1', 1, 30,
     'years after withdrawal before personal data is removed'),
    ('retention_unfinished_days', 'integer', '7', 1, 365,
     'days an unfinished form is kept'),
    ('session_idle_minutes', 'integer', '30', 5, 720,
     'staff sessions end after this many minutes without a request'),
    ('session_absolute_hours', 'integer', '12', 1, 72,
     'staff sessions end this many hours after login'),
    ('totp_required', 'boolean', 'false', NULL, NULL,
     'whether financien and beheerder must use a second factor'),
    ('csv_delimiter', 'char', ';', NULL, NULL,
     'field delimiter of the payout batch CSV'),
    ('csv_decimal_mark', 'char', ',', NULL, NULL,
     'decimal mark of amounts in the payout batch CSV'),
    ('debtor_name', 'text', 'Gemeente Utrecht', NULL, NULL,
     'name of the paying account in the SEPA file'),
    ('debtor_iban', 'iban', '', NULL, NULL,
     'IBAN of the paying account; SEPA files are refused while empty'),
    ('debtor_bic', 'text', '', NULL, NULL,
     'BIC of the paying bank (empty: NOTPROVIDED)'),
    ('kostenplaats', 'text', '', NULL, NULL,
     'cost centre written on every payout line'),
    ('grootboekrekening', 'text', '', NULL, NULL,
     'general ledger account written on every payout line'),
    ('letterhead_text', 'text', 'Gemeente Utrecht', NULL, NULL,
     'sender block printed at the top of letters');

-- Reads an integer setting; raises when the key is missing, so a typo in
-- a trigger cannot silently become NULL.
CREATE FUNCTION setting_int(p_key text) RETURNS bigint
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v bigint;
BEGIN
    SELECT value::bigint INTO v FROM setting
    WHERE key = p_key AND kind IN ('integer', 'cents');
    IF NOT FOUND THEN
        RAISE EXCEPTION 'integer setting % does not exist', p_key;
    END IF;
    RETURN v;
END
$fn$;

-- ---------------------------------------------------------------------
-- Budgets
-- ---------------------------------------------------------------------

-- The city's budget for one calendar year. The per-year columns override
-- the settings of the same meaning when not NULL (the beheerder sets them
-- per year, issue 4).
CREATE TABLE budget_year (
    year smallint PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    city_budget_cents bigint NOT NULL CHECK (city_budget_cents >= 0),
    potje_default_cents bigint CHECK (potje_default_cents > 0),
    max_potjes_per_street integer CHECK (max_potjes_per_street > 0),
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by bigint REFERENCES staff_user (id)
);

-- Each wijk's share of a year. No row means no budget: awards in that
-- wijk and year are refused (the award's foreign key points here).
CREATE TABLE wijk_budget (
    year smallint NOT NULL REFERENCES budget_year (year),
    wijk_code char(2) NOT NULL REFERENCES wijk (code),
    budget_cents bigint NOT NULL CHECK (budget_cents >= 0),
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by bigint REFERENCES staff_user (id),
    PRIMARY KEY (year, wijk_code)
);

-- ---------------------------------------------------------------------
-- Gangmakers
-- ---------------------------------------------------------------------

-- A resident who holds (or co-holds) a potje. No account: they reach their
-- application through a private status link. All personal data is here
-- (and in the IBAN snapshot of the payout), so the retention purge knows
-- where to look; after anonymisation only the row and its id remain.
CREATE TABLE organiser (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text CHECK (length(name) BETWEEN 1 AND 200),
    email text CHECK (length(email) BETWEEN 3 AND 254
                      AND email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
    phone text CHECK (phone ~ '^[0-9+() -]{6,20}$'),
    -- street name and house number as typed; letters go here
    address text CHECK (length(address) BETWEEN 1 AND 200),
    postcode text CHECK (postcode ~ '^[1-9][0-9]{3} [A-Z]{2}$'),
    iban text CHECK (iban_valid(iban)),
    account_holder text CHECK (length(account_holder) BETWEEN 1 AND 70),
    language text NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    anonymised_at timestamptz,
    -- a live record can always be reached: at least by letter
    CONSTRAINT organiser_reachable
        CHECK (anonymised_at IS NOT NULL
               OR (name IS NOT NULL AND address IS NOT NULL)),
    CONSTRAINT organiser_anonymised_clean
        CHECK (anonymised_at IS NULL
               OR (name IS NULL AND email IS NULL AND phone IS NULL
                   AND address IS NULL AND postcode IS NULL
                   AND iban IS NULL AND account_holder IS NULL))
);

-- ---------------------------------------------------------------------
-- Applications
-- ---------------------------------------------------------------------

-- Per-year counters for human references such as LL-2026-00042. A row
-- lock per (prefix, year) serialises concurrent submissions briefly.
CREATE TABLE reference_counter (
    prefix text NOT NULL CHECK (prefix ~ '^[A-Z]{2,4}$'),
    year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    last_value integer NOT NULL CHECK (last_value BETWEEN 1 AND 99999),
    PRIMARY KEY (prefix, year)
);

-- next_reference('LL', 2026) -> 'LL-2026-00042'. Gapless within a
-- committed history; a rolled-back transaction gives its number back.
CREATE FUNCTION next_reference(p_prefix text, p_year integer) RETURNS text
LANGUAGE plpgsql AS $fn$
DECLARE
    n integer;
BEGIN
    INSERT INTO reference_counter AS rc (prefix, year, last_value)
    VALUES (p_prefix, p_year, 1)
    ON CONFLICT (prefix, year)
        DO UPDATE SET last_value = rc.last_value + 1
    RETURNING last_value INTO n;
    RETURN format('%s-%s-%s', p_prefix, p_year, lpad(n::text, 5, '0'));
END
$fn$;

CREATE TABLE application (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reference text NOT NULL UNIQUE
        CHECK (reference ~ '^LL-[0-9]{4}-[0-9]{5}$'),
    kind text NOT NULL CHECK (kind IN ('first', 'follow_up')),
    -- a follow-up names the potje it follows when known
    previous_application_id bigint REFERENCES application (id),
    -- NULL while the typed street is not in the street list (flagged);
    -- the makelaar links or creates the street before awarding
    street_id bigint REFERENCES street (id),
    street_name text NOT NULL CHECK (length(street_name) BETWEEN 1 AND 200),
    wijk_code char(2) NOT NULL REFERENCES wijk (code),
    buurt_code char(4) REFERENCES buurt (code),
    organiser_id bigint NOT NULL REFERENCES organiser (id),
    second_organiser_id bigint REFERENCES organiser (id),
    status text NOT NULL DEFAULT 'ingediend'
        CHECK (status IN ('ingediend', 'in_behandeling', 'aanvulling_gevraagd',
                          'toegekend', 'afgewezen', 'ingetrokken')),
    requested_amount_cents bigint CHECK (requested_amount_cents > 0),
    -- what the street plans to do; free text, removed by the purge
    plan text CHECK (length(plan) <= 4000),
    -- shown to the resident; required for afgewezen
    rejection_reason text CHECK (length(rejection_reason) <= 4000),
    -- the makelaar who typed it in for a resident (assisted intake)
    entered_by bigint REFERENCES staff_user (id),
    decided_by bigint REFERENCES staff_user (id),
    decided_at timestamptz,
    -- flags shown in the makelaar's queue; set by the application code
    flag_unknown_street boolean NOT NULL DEFAULT false,
    flag_second_open boolean NOT NULL DEFAULT false,
    flag_over_yearly_maximum boolean NOT NULL DEFAULT false,
    -- optimistic locking: every UPDATE adds one (trigger below), so
    -- "UPDATE ... WHERE id = $1 AND version = $2" detects a concurrent edit
    version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    -- SHA-256 of the secret in the resident's status link
    status_token_hash bytea NOT NULL UNIQUE
        CHECK (octet_length(status_token_hash) = 32),
    -- the form's one-time key: a resubmitted form finds its application
    idempotency_key text UNIQUE
        CHECK (length(idempotency_key) BETWEEN 16 AND 128),
    submitted_at timestamptz NOT NULL DEFAULT now(),
    -- the decision term runs from a complete application and pauses while
    -- information is asked; the code keeps this up to date
    decision_due_at timestamptz,
    updated_at timestamptz NOT NULL DEFAULT now(),
    anonymised_at timestamptz,
    CONSTRAINT application_two_organisers_differ
        CHECK (second_organiser_id <> organiser_id),
    CONSTRAINT application_buurt_in_wijk
        CHECK (buurt_code IS NULL OR substr(buurt_code, 1, 2) = wijk_code),
    CONSTRAINT application_first_has_no_previous
        CHECK (kind = 'follow_up' OR previous_application_id IS NULL),
    CONSTRAINT application_rejection_has_reason
        CHECK (status <> 'afgewezen' OR anonymised_at IS NOT NULL
               OR length(btrim(coalesce(rejection_reason, ''))) > 0),
    -- a decision always has a maker and a moment, and only decisions do
    CONSTRAINT application_decision_recorded
        CHECK ((status IN ('toegekend', 'afgewezen'))
               = (decided_by IS NOT NULL AND decided_at IS NOT NULL)),
    -- segregation of duties: who entered it for a resident cannot decide
    CONSTRAINT application_segregation_of_duties
        CHECK (decided_by <> entered_by),
    CONSTRAINT application_awarded_has_street
        CHECK (status <> 'toegekend' OR street_id IS NOT NULL),
    CONSTRAINT application_anonymised_clean
        CHECK (anonymised_at IS NULL
               OR (plan IS NULL AND rejection_reason IS NULL))
);
-- the makelaar's queue: per wijk and status, oldest first
CREATE INDEX application_queue ON application (wijk_code, status, submitted_at);
-- a street's history and the "second open application" flag
CREATE INDEX application_street ON application (street_id, submitted_at);
CREATE INDEX application_organiser ON application (organiser_id);
CREATE INDEX application_second_organiser ON application (second_organiser_id)
    WHERE second_organiser_id IS NOT NULL;
CREATE INDEX application_previous ON application (previous_application_id)
    WHERE previous_application_id IS NOT NULL;

-- Allowed moves of an application (SPEC section 4). Decisions and
-- withdrawal are final.
CREATE FUNCTION application_transition_ok(old_status text, new_status text)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $fn$
SELECT (old_status, new_status) IN (
    ('ingediend', 'in_behandeling'),
    ('ingediend', 'ingetrokken'),
    ('in_behandeling', 'aanvulling_gevraagd'),
    ('in_behandeling', 'toegekend'),
    ('in_behandeling', 'afgewezen'),
    ('in_behandeling', 'ingetrokken'),
    ('aanvulling_gevraagd', 'in_behandeling'),
    ('aanvulling_gevraagd', 'afgewezen'),
    ('aanvulling_gevraagd', 'ingetrokken'))
$fn$;

-- Whether user_id is an enabled makelaar of wijk (decisions and awards).
CREATE FUNCTION is_active_makelaar_of(user_id bigint, wijk char(2))
RETURNS boolean LANGUAGE sql STABLE AS $fn$
SELECT EXISTS (
    SELECT 1 FROM staff_user u JOIN staff_user_wijk w ON w.user_id = u.id
    WHERE u.id = $1 AND u.role = 'makelaar' AND u.disabled_at IS NULL
      AND w.wijk_code = $2)
$fn$;

CREATE FUNCTION application_before_update() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF NEW.reference <> OLD.reference THEN
        RAISE EXCEPTION 'application %: the reference never changes', OLD.id
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'application_reference_frozen';
    END IF;
    IF NEW.status <> OLD.status THEN
        IF NOT application_transition_ok(OLD.status, NEW.status) THEN
            RAISE EXCEPTION 'application %: status % cannot become %',
                OLD.id, OLD.status, NEW.status
                USING ERRCODE = 'check_violation',
                      CONSTRAINT = 'application_status_transition';
        END IF;
        -- (a missing decider is application_decision_recorded's to report)
        IF NEW.status IN ('toegekend', 'afgewezen')
           AND NEW.decided_by IS NOT NULL
           AND NOT is_active_makelaar_of(NEW.decided_by, NEW.wijk_code) THEN
            RAISE EXCEPTION 'application %: decided by someone who is not '
                'an active makelaar of wijk %', OLD.id, NEW.wijk_code
                USING ERRCODE = 'check_violation',
                      CONSTRAINT = 'application_decided_by_makelaar';
        END IF;
    END IF;
    NEW.version := OLD.version + 1;
    NEW.updated_at := now();
    RETURN NEW;
END
$fn$;
CREATE TRIGGER application_before_update BEFORE UPDATE ON application
    FOR EACH ROW EXECUTE FUNCTION application_before_update();
CREATE TRIGGER application_no_delete BEFORE DELETE ON application
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The conversation on the status page: questions of the makelaar
-- (aanvulling_gevraagd) and the resident's answers.
CREATE TABLE application_message (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id bigint NOT NULL REFERENCES application (id),
    author text NOT NULL CHECK (author IN ('staff', 'applicant')),
    staff_user_id bigint REFERENCES staff_user (id),
    body text CHECK (length(body) BETWEEN 1 AND 4000),
    created_at timestamptz NOT NULL DEFAULT now(),
    anonymised_at timestamptz,
    CONSTRAINT application_message_author
        CHECK ((author = 'staff') = (staff_user_id IS NOT NULL)),
    CONSTRAINT application_message_body
        CHECK ((body IS NULL) = (anonymised_at IS NOT NULL))
);
CREATE INDEX application_message_application
    ON application_message (application_id, created_at);

-- Generated letters (receipt, award letter, rejection letter): made once,
-- stored, and served byte for byte ever after. They contain personal data,
-- so the purge empties content and keeps the hash.
CREATE TABLE document (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id bigint NOT NULL REFERENCES application (id),
    kind text NOT NULL
        CHECK (kind IN ('receipt', 'award_letter', 'rejection_letter')),
    content bytea,
    sha256 bytea NOT NULL CHECK (octet_length(sha256) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    purged_at timestamptz,
    UNIQUE (application_id, kind),
    CONSTRAINT document_content_matches_hash
        CHECK (content IS NULL OR sha256 = sha256(content)),
    CONSTRAINT document_purged
        CHECK ((content IS NULL) = (purged_at IS NOT NULL))
);

-- ---------------------------------------------------------------------
-- Awards (toekenning), settlements (vaststelling), spending reports
-- ---------------------------------------------------------------------

-- One award per application. Its amount is charged to the budget of one
-- wijk and year (foreign key: that budget must exist). Awards are never
-- changed or removed: the payout and the letters refer to them.
CREATE TABLE award (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id bigint NOT NULL UNIQUE REFERENCES application (id),
    budget_year smallint NOT NULL,
    wijk_code char(2) NOT NULL,
    amount_cents bigint NOT NULL CHECK (amount_cents > 0),
    -- the default potje at the time of the award (setting or budget year)
    default_amount_cents bigint NOT NULL CHECK (default_amount_cents > 0),
    -- why less than the default; shown in the award letter
    reduction_reason text CHECK (length(reduction_reason) <= 2000),
    awarded_by bigint NOT NULL REFERENCES staff_user (id),
    awarded_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (budget_year, wijk_code)
        REFERENCES wijk_budget (year, wijk_code),
    -- the target of the payout's and settlement's (award, amount) keys,
    -- which make their amounts equal to or bounded by this one
    UNIQUE (id, amount_cents),
    CONSTRAINT award_not_above_default
        CHECK (amount_cents <= default_amount_cents),
    CONSTRAINT award_reduction_has_reason
        CHECK (amount_cents = default_amount_cents
               OR length(btrim(coalesce(reduction_reason, ''))) > 0)
);
CREATE INDEX award_budget ON award (budget_year, wijk_code);

-- At award time: the awarder is an active makelaar of the wijk and did not
-- enter the application; the amount fits in what remains of the wijk's and
-- the city's budget; the street has not reached its yearly maximum. The
-- budget rows and the street row are locked FOR UPDATE so two awards
-- racing for the last euro (or the last potje of a street) queue up here,
-- whatever the isolation level.
CREATE FUNCTION award_before_insert() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    app application%ROWTYPE;
    city_budget bigint;
    wijk_budget_cents bigint;
    year_default bigint;
    year_max integer;
    spent bigint;
    street_awards integer;
BEGIN
    SELECT * INTO app FROM application WHERE id = NEW.application_id;
    IF NEW.wijk_code <> app.wijk_code THEN
        RAISE EXCEPTION 'award: charged to wijk % but the application is in %',
            NEW.wijk_code, app.wijk_code
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'award_wijk_of_application';
    END IF;
    IF NOT is_active_makelaar_of(NEW.awarded_by, NEW.wijk_code) THEN
        RAISE EXCEPTION 'award: % is not an active makelaar of wijk %',
            NEW.awarded_by, NEW.wijk_code
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'award_by_makelaar_of_wijk';
    END IF;
    IF NEW.awarded_by = app.entered_by THEN
        RAISE EXCEPTION 'award: the makelaar who entered application % '
            'cannot award it', app.id
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'award_segregation_of_duties';
    END IF;

    SELECT b.city_budget_cents, b.potje_default_cents,
           b.max_potjes_per_street
      INTO city_budget, year_default, year_max
      FROM budget_year b WHERE b.year = NEW.budget_year FOR UPDATE;
    SELECT w.budget_cents INTO wijk_budget_cents
      FROM wijk_budget w
     WHERE w.year = NEW.budget_year AND w.wijk_code = NEW.wijk_code
       FOR UPDATE;

    IF NEW.default_amount_cents
       <> coalesce(year_default, setting_int('potje_default_cents')) THEN
        RAISE EXCEPTION 'award: default amount % is not the default of %',
            NEW.default_amount_cents, NEW.budget_year
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'award_default_is_current';
    END IF;

    SELECT coalesce(sum(amount_cents), 0) INTO spent FROM award
     WHERE budget_year = NEW.budget_year AND wijk_code = NEW.wijk_code;
    IF spent + NEW.amount_cents > wijk_budget_cents THEN
        RAISE EXCEPTION 'award: % cents exceeds the remaining budget of '
            'wijk % in % (% of % cents awarded)', NEW.amount_cents,
            NEW.wijk_code, NEW.budget_year, spent, wijk_budget_cents
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'award_within_wijk_budget';
    END IF;
    SELECT coalesce(sum(amount_cents), 0) INTO spent FROM award
     WHERE budget_year = NEW.budget_year;
    IF spent + NEW.amount_cents > city_budget THEN
        RAISE EXCEPTION 'award: % cents exceeds the remaining city budget '
            'of % (% of % cents awarded)', NEW.amount_cents,
            NEW.budget_year, spent, city_budget
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'award_within_city_budget';
    END IF;

    PERFORM 1 FROM street WHERE id = app.street_id FOR UPDATE;
    SELECT count(*) INTO street_awards
      FROM award a JOIN application ap ON ap.id = a.application_id
     WHERE ap.street_id = app.street_id AND a.budget_year = NEW.budget_year;
    IF street_awards
       >= coalesce(year_max, setting_int('max_potjes_per_street_per_year')) THEN
        RAISE EXCEPTION 'award: street % already has % potjes in %',
            app.street_id, street_awards, NEW.budget_year
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'award_street_yearly_maximum';
    END IF;
    RETURN NEW;
END
$fn$;
CREATE TRIGGER award_before_insert BEFORE INSERT ON award
    FOR EACH ROW EXECUTE FUNCTION award_before_insert();

-- Only the wording of the reduction reason may be corrected afterwards.
CREATE FUNCTION award_frozen() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF (NEW.application_id, NEW.budget_year, NEW.wijk_code, NEW.amount_cents,
        NEW.default_amount_cents, NEW.awarded_by, NEW.awarded_at)
       IS DISTINCT FROM
       (OLD.application_id, OLD.budget_year, OLD.wijk_code, OLD.amount_cents,
        OLD.default_amount_cents, OLD.awarded_by, OLD.awarded_at) THEN
        RAISE EXCEPTION 'award %: an award never changes', OLD.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'award_frozen';
    END IF;
    RETURN NEW;
END
$fn$;
CREATE TRIGGER award_frozen BEFORE UPDATE ON award
    FOR EACH ROW EXECUTE FUNCTION award_frozen();
CREATE TRIGGER award_no_delete BEFORE DELETE ON award
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- A budget may not be lowered below what is already awarded from it.
CREATE FUNCTION budget_covers_awards() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    spent bigint;
BEGIN
    IF TG_TABLE_NAME = 'wijk_budget' THEN
        SELECT coalesce(sum(amount_cents), 0) INTO spent FROM award
         WHERE budget_year = NEW.year AND wijk_code = NEW.wijk_code;
        IF spent > NEW.budget_cents THEN
            RAISE EXCEPTION 'wijk % in %: budget % is below the % cents '
                'already awarded', NEW.wijk_code, NEW.year,
                NEW.budget_cents, spent
                USING ERRCODE = 'check_violation',
                      CONSTRAINT = 'wijk_budget_covers_awards';
        END IF;
    ELSE
        SELECT coalesce(sum(amount_cents), 0) INTO spent FROM award
         WHERE budget_year = NEW.year;
        IF spent > NEW.city_budget_cents THEN
            RAISE EXCEPTION 'year %: city budget % is below the % cents '
                'already awarded', NEW.year, NEW.city_budget_cents, spent
                USING ERRCODE = 'check_violation',
                      CONSTRAINT = 'budget_year_covers_awards';
        END IF;
    END IF;
    NEW.updated_at := now();
    RETURN NEW;
END
$fn$;
CREATE TRIGGER wijk_budget_covers_awards BEFORE UPDATE ON wijk_budget
    FOR EACH ROW EXECUTE FUNCTION budget_covers_awards();
CREATE TRIGGER budget_year_covers_awards BEFORE UPDATE ON budget_year
    FOR EACH ROW EXECUTE FUNCTION budget_covers_awards();
CREATE TRIGGER wijk_budget_no_delete BEFORE DELETE ON wijk_budget
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER budget_year_no_delete BEFORE DELETE ON budget_year
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The final amount of a potje (Awb 4:46): equal to or lower than awarded,
-- possibly zero when nothing was spent. (award_id, awarded_cents) is a
-- foreign key to the award's (id, amount_cents), so the bound below is
-- against the real awarded amount, declaratively.
CREATE TABLE settlement (
    award_id bigint PRIMARY KEY,
    awarded_cents bigint NOT NULL,
    amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
    reason text CHECK (length(reason) <= 2000),
    settled_by bigint NOT NULL REFERENCES staff_user (id),
    settled_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (award_id, awarded_cents) REFERENCES award (id, amount_cents),
    CONSTRAINT settlement_not_above_award
        CHECK (amount_cents <= awarded_cents),
    CONSTRAINT settlement_lower_has_reason
        CHECK (amount_cents = awarded_cents
               OR length(btrim(coalesce(reason, ''))) > 0)
);

-- The kostenoverzicht of one award: when it is due, when it was handed in.
CREATE TABLE expense_report (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    award_id bigint NOT NULL UNIQUE REFERENCES award (id),
    due_on date NOT NULL,
    submitted_at timestamptz,
    last_reminder_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
-- reminders: reports still open, by due date
CREATE INDEX expense_report_open ON expense_report (due_on)
    WHERE submitted_at IS NULL;

-- One line of spending. Deliberately no free text: the SPEC forbids names
-- and health details of neighbours, and a description field invites them.
CREATE TABLE expense_line (
    report_id bigint NOT NULL REFERENCES expense_report (id),
    line_no smallint NOT NULL CHECK (line_no BETWEEN 1 AND 500),
    spent_on date NOT NULL CHECK (spent_on >= DATE '2000-01-01'),
    occasion text NOT NULL
        CHECK (occasion IN ('birth', 'illness', 'death', 'new_neighbour',
                            'anniversary_birthday', 'get_together', 'other')),
    amount_cents bigint NOT NULL
        CHECK (amount_cents > 0 AND amount_cents <= 10000000),
    PRIMARY KEY (report_id, line_no)
);
