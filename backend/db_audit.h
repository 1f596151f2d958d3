/* db_audit.h - the append-only audit log, written in the caller's
 * transaction. details is a JSON object of states and amounts, never
 * personal data. */
#ifndef LIEFLEED_DB_AUDIT_H
#define LIEFLEED_DB_AUDIT_H

#include "db.h"

/* actor_user_id 0: no staff user (actor_kind resident/system/anonymous). */
enum db_status db_audit_insert(struct db_conn *c, const char *actor_kind,
                               long long actor_user_id, const char *action,
                               const char *object_type, long long object_id,
                               const char *details_json);

#endif
