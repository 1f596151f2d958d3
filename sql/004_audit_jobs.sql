-- 004: the record and the shared machinery: the append-only audit log,
-- the outbox of messages to residents, idempotency keys of forms, and the
-- scheduled jobs that several servers share.

-- Who did what, when. Written in the same transaction as the change it
-- records. It refers to residents only by record id (never name, e-mail,
-- address or IBAN), so the retention purge never needs to touch it, and
-- the table refuses UPDATE, DELETE and TRUNCATE.
CREATE TABLE audit_event (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    -- staff: actor_user_id says who; resident: through the status link of
    -- the object; system: a scheduled job or the command line; anonymous:
    -- e.g. a failed login for an unknown account
    actor_kind text NOT NULL
        CHECK (actor_kind IN ('staff', 'resident', 'system', 'anonymous')),
    actor_user_id bigint REFERENCES staff_user (id),
    -- dotted, e.g. 'user.add', 'application.award', 'batch.download'
    action text NOT NULL
        CHECK (action ~ '^[a-z][a-z_]*(\.[a-z][a-z_]*)+$'
               AND length(action) <= 100),
    object_type text NOT NULL
        CHECK (object_type ~ '^[a-z][a-z_]*$' AND length(object_type) <= 50),
    -- usually a bigint id; text so that settings (by key) fit as well
    object_id text CHECK (length(object_id) BETWEEN 1 AND 100),
    -- before/after values of states and amounts; never personal data
    details jsonb NOT NULL DEFAULT '{}'::jsonb
        CHECK (jsonb_typeof(details) = 'object'),
    CONSTRAINT audit_event_actor
        CHECK ((actor_kind = 'staff') = (actor_user_id IS NOT NULL))
);
CREATE INDEX audit_event_at ON audit_event (at);
-- an object's history (application page, street page)
CREATE INDEX audit_event_object ON audit_event (object_type, object_id, id);
CREATE INDEX audit_event_actor ON audit_event (actor_user_id, at)
    WHERE actor_user_id IS NOT NULL;
CREATE INDEX audit_event_action ON audit_event (action, at);

CREATE FUNCTION audit_event_append_only() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP
        USING ERRCODE = 'check_violation',
              CONSTRAINT = 'audit_event_append_only';
END
$fn$;
CREATE TRIGGER audit_event_no_update_delete
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

-- Messages to residents, created in the same transaction as the change
-- they announce; a sender delivers them later (e-mail, or a printed
-- letter). The address is looked up from the organiser when sending, so
-- nothing personal is stored here and the purge can leave it alone.
CREATE TABLE outbox_message (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id bigint REFERENCES application (id),
    organiser_id bigint REFERENCES organiser (id),
    -- the kind of news, e.g. 'submitted', 'award', 'information_requested'
    kind text NOT NULL CHECK (kind ~ '^[a-z][a-z_]*$' AND length(kind) <= 50),
    channel text NOT NULL CHECK (channel IN ('email', 'letter')),
    status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
    attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    -- a sender claims a message for a while; another server may take it
    -- over once locked_until has passed
    locked_by text CHECK (length(locked_by) <= 200),
    locked_until timestamptz,
    sent_at timestamptz,
    last_error text CHECK (length(last_error) <= 500),
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT outbox_message_has_recipient
        CHECK (application_id IS NOT NULL OR organiser_id IS NOT NULL),
    CONSTRAINT outbox_message_sent_dated
        CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX outbox_message_due ON outbox_message (next_attempt_at)
    WHERE status = 'pending';
CREATE INDEX outbox_message_application ON outbox_message (application_id);

-- The one-time key of a submitted form, shared by all servers: a form
-- sent twice (double click, retry, another server) is handled once, and
-- the second submission gets the first one's result.
CREATE TABLE idempotency_key (
    key text PRIMARY KEY CHECK (length(key) BETWEEN 16 AND 128),
    -- which form, e.g. 'application_submit' (optional, for the log)
    purpose text
        CHECK (purpose ~ '^[a-z][a-z_]*$' AND length(purpose) <= 50),
    created_at timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz,
    -- what to answer a repeat with, e.g. the address to redirect to
    result text CHECK (length(result) <= 2000)
);
-- housekeeping removes old keys
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);

-- Scheduled work shared by all servers: a server runs a job when
-- next_run_at has passed and it wins the job_run row for that due time.
CREATE TABLE scheduled_job (
    name text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_]{0,62}$'),
    next_run_at timestamptz NOT NULL,
    last_run_at timestamptz,
    last_run_by text CHECK (length(last_run_by) <= 200)
);

-- One row per run. UNIQUE (job_name, due_at): of several servers that
-- find the same job due, exactly one can record the run.
CREATE TABLE job_run (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_name text NOT NULL REFERENCES scheduled_job (name),
    due_at timestamptz NOT NULL,
    server_id text NOT NULL CHECK (length(server_id) BETWEEN 1 AND 200),
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    UNIQUE (job_name, due_at),
    CONSTRAINT job_run_finished_after_start
        CHECK (finished_at IS NULL OR finished_at >= started_at)
);
CREATE INDEX job_run_started ON job_run (started_at);
