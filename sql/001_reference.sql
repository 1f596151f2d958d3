-- 001: reference data of the municipality: wijken, buurten, streets.
-- Codes follow the city's open data: wijk 01..10, buurt 4 digits whose first
-- two are the wijk.

CREATE TABLE wijk (
    code char(2) PRIMARY KEY CHECK (code ~ '^(0[1-9]|10)$'),
    name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100)
);

CREATE TABLE buurt (
    code char(4) PRIMARY KEY CHECK (code ~ '^[0-9]{4}$'),
    wijk_code char(2) NOT NULL REFERENCES wijk (code),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    CHECK (substr(code, 1, 2) = wijk_code)
);

-- A street is identified by its name within the municipality; long streets
-- run through several buurten (and wijken), hence street_buurt.
CREATE TABLE street (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200
                              AND name = btrim(name)),
    created_at timestamptz NOT NULL DEFAULT now()
);
-- Names compare without regard to case, so "Oudegracht" is "oudegracht".
CREATE UNIQUE INDEX street_name_key ON street (lower(name));

CREATE TABLE street_buurt (
    street_id bigint NOT NULL REFERENCES street (id),
    buurt_code char(4) NOT NULL REFERENCES buurt (code),
    PRIMARY KEY (street_id, buurt_code)
);
CREATE INDEX street_buurt_buurt ON street_buurt (buurt_code);
