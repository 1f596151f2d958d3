-- 009: merging two spellings of one street (issue 4, "Streets").
--
-- A beheerder finds that "Burg. Reigerstraat" and "Burgemeester
-- Reigerstraat" are the same street. The merge moves every application of
-- the one (the source) to the other (the target), in one transaction, and
-- records on the source that it now lives on as the target. The source
-- row stays (applications, letters and the audit log keep their ids); it
-- no longer shows as a street of its own. Awards and paid payouts follow
-- their applications, so the Lief en Leedstraat status (the view
-- street_potje_status, joined via application.street_id) counts them for
-- the target from the moment of the merge.
--
-- Held here, whatever page or hand-written UPDATE does it:
--   - a street is never merged into itself, nor into a street that is
--     itself merged (no chains: every merged street names a live one);
--   - a merge is final: merged_into never goes back to NULL, and changes
--     only to re-point to a street the target was merged into later;
--   - who and when are recorded with it;
--   - at commit, no application points at a merged street;
--   - an application filed later under the old spelling lands on the
--     target (BEFORE trigger below): the resident's typed street_name is
--     kept, only street_id follows the merge.

ALTER TABLE street
    ADD COLUMN merged_into bigint REFERENCES street (id),
    ADD COLUMN merged_at timestamptz,
    ADD COLUMN merged_by bigint REFERENCES staff_user (id),
    ADD CONSTRAINT street_not_merged_into_itself
        CHECK (merged_into <> id),
    ADD CONSTRAINT street_merge_recorded
        CHECK ((merged_into IS NULL) = (merged_at IS NULL)
               AND (merged_into IS NULL) = (merged_by IS NULL));
-- the streets that were merged into one (re-pointing, the street page)
CREATE INDEX street_merged_into ON street (merged_into)
    WHERE merged_into IS NOT NULL;

CREATE FUNCTION street_before_merge() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    target_merged bigint;
BEGIN
    IF NEW.merged_into IS NOT DISTINCT FROM OLD.merged_into THEN
        RETURN NEW;
    END IF;
    IF NEW.merged_into IS NULL THEN
        RAISE EXCEPTION 'street %: a merge cannot be undone', OLD.id
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'street_merge_final';
    END IF;
    -- lock the target so that it cannot be merged away at the same time
    SELECT merged_into INTO target_merged FROM street
     WHERE id = NEW.merged_into FOR UPDATE;
    IF target_merged IS NOT NULL THEN
        RAISE EXCEPTION 'street %: target % is itself merged into %',
            OLD.id, NEW.merged_into, target_merged
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'street_merge_target_live';
    END IF;
    RETURN NEW;
END
$fn$;
CREATE TRIGGER street_before_merge BEFORE UPDATE OF merged_into ON street
    FOR EACH ROW EXECUTE FUNCTION street_before_merge();

-- At commit: a merged street has no applications left (the merge moved
-- them all), so no potje is counted for a street that no longer shows.
CREATE FUNCTION street_merge_moved_check() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    sid bigint;
BEGIN
    IF TG_TABLE_NAME = 'street' THEN
        sid := NEW.id;
    ELSE
        sid := NEW.street_id;
    END IF;
    IF EXISTS (SELECT 1 FROM street s JOIN application a ON a.street_id = s.id
               WHERE s.id = sid AND s.merged_into IS NOT NULL) THEN
        RAISE EXCEPTION 'street % is merged but still has applications', sid
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'street_merge_moves_applications';
    END IF;
    RETURN NULL;
END
$fn$;
CREATE CONSTRAINT TRIGGER street_merge_moves_applications
    AFTER UPDATE OF merged_into ON street
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION street_merge_moved_check();
CREATE CONSTRAINT TRIGGER application_street_not_merged
    AFTER INSERT OR UPDATE OF street_id ON application
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION street_merge_moved_check();

-- An application that names a merged street (the old spelling typed on
-- the form, or a street id looked up before the merge) is filed on the
-- street it was merged into. FOR SHARE waits for a merge in progress, so
-- an application filed during a merge follows it too.
CREATE FUNCTION application_street_follows_merge() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    target bigint;
BEGIN
    IF NEW.street_id IS NOT NULL THEN
        SELECT merged_into INTO target FROM street
         WHERE id = NEW.street_id FOR SHARE;
        IF target IS NOT NULL THEN
            NEW.street_id := target;
        END IF;
    END IF;
    RETURN NEW;
END
$fn$;
CREATE TRIGGER application_street_follows_merge
    BEFORE INSERT OR UPDATE OF street_id ON application
    FOR EACH ROW EXECUTE FUNCTION application_street_follows_merge();

-- The wijken a street runs through: from the reference data (street_buurt)
-- and from where its applications say they are (a street a makelaar added
-- for an unknown name may have no buurt yet). Scopes the staff street
-- pages: a makelaar sees a street when it runs through one of their wijken.
CREATE VIEW street_wijk AS
SELECT sb.street_id, b.wijk_code
FROM street_buurt sb JOIN buurt b ON b.code = sb.buurt_code
UNION
SELECT a.street_id, a.wijk_code
FROM application a WHERE a.street_id IS NOT NULL;
