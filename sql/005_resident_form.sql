-- 005: what the resident's application form needs beyond the domain model:
-- the form's own fields on application, a server secret shared by all
-- servers (CSRF tokens, encrypted one-time answers), and a rate limit that
-- holds across servers.

ALTER TABLE application
    -- roughly how many households the street (or section) has
    ADD COLUMN households integer CHECK (households BETWEEN 1 AND 10000),
    -- bank transfer, or a prepaid card for residents on benefits or in a
    -- payment arrangement
    ADD COLUMN payout_method text NOT NULL DEFAULT 'bank'
        CHECK (payout_method IN ('bank', 'prepaid_card')),
    -- when the resident agreed to the privacy statement
    ADD COLUMN privacy_consent_at timestamptz,
    -- the language the resident used; messages follow it
    ADD COLUMN language text NOT NULL DEFAULT 'nl'
        CHECK (language IN ('nl', 'en'));

-- Keys the servers share. Created by the first server that needs one
-- (INSERT ... ON CONFLICT DO NOTHING), read by all; never logged.
CREATE TABLE app_secret (
    name text PRIMARY KEY CHECK (name ~ '^[a-z][a-z_]*$'),
    value bytea NOT NULL CHECK (octet_length(value) = 32),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Requests per client and purpose in fixed windows. The client is an HMAC
-- of its address, not the address itself (personal data).
CREATE TABLE rate_limit (
    purpose text NOT NULL CHECK (purpose ~ '^[a-z][a-z_]*$'),
    client bytea NOT NULL CHECK (octet_length(client) = 32),
    window_start timestamptz NOT NULL,
    hits integer NOT NULL CHECK (hits >= 1),
    PRIMARY KEY (purpose, client, window_start)
);
CREATE INDEX rate_limit_window ON rate_limit (window_start);
