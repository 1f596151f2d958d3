/* db_staff_application.h - what the makelaar's page of one application
 * reads, and the statements of its light actions (take in review, ask for
 * more information, link the street).
 *
 * Scope lives in the statements: every one that names an application takes
 * the makelaar's wijken ("03,04") and finds nothing outside them, exactly
 * as for an id that does not exist. Results follow db.h: a negative
 * db_status on error, else a row count. Structs are plain data; where a
 * function allocates, its comment says what the caller frees.
 */
#ifndef LIEFLEED_DB_STAFF_APPLICATION_H
#define LIEFLEED_DB_STAFF_APPLICATION_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"

/* Room for text of n characters of UTF-8. */
#define STAFF_TEXT(n) (4 * (n) + 1)

/* One application with its award, payout and settlement. */
struct staff_app {
    long long id;
    int version;
    char reference[16];
    char kind[12]; /* first | follow_up */
    char status[24];
    long long previous_id; /* 0: none */
    char previous_reference[16];
    long long street_id; /* 0: not in the street list */
    char street_name[STAFF_TEXT(200)];
    char wijk[3];
    char wijk_name[STAFF_TEXT(100)];
    char buurt[5]; /* "" when unknown */
    char buurt_name[STAFF_TEXT(100)];
    char plan[STAFF_TEXT(4000)];
    long long households; /* 0: not given */
    char payout_method[16];
    long long requested_cents; /* 0: not given */
    char submitted[20];        /* dd-mm-yyyy hh:mi */
    char decided[20];          /* "" while undecided */
    char decided_by[STAFF_TEXT(200)];
    char rejection_reason[STAFF_TEXT(4000)];
    char language[3];
    bool unknown_street, second_open, over_yearly_maximum;
    long long entered_by_id; /* 0: filed by the resident */
    char entered_by[STAFF_TEXT(200)];
    /* the award, when has_award */
    bool has_award;
    long long award_cents, default_cents;
    int budget_year;
    char reduction_reason[STAFF_TEXT(2000)];
    char awarded[20];
    char awarded_by[STAFF_TEXT(200)];
    /* its payout, when has_payout */
    bool has_payout;
    char payout_status[16];
    char payout_channel[16];
    char payout_reference[36];
    bool iban_confirmed;
    char payout_iban[35]; /* normalised; show it masked */
    char payout_holder[STAFF_TEXT(70)];
    char paid[11];
    /* the settlement (vaststelling), when has_settlement */
    bool has_settlement;
    long long settled_cents;
    bool expense_submitted;
    bool has_award_letter, has_rejection_letter;
};

/* The application id of wijken. 1 and *out filled, or 0. */
int db_staff_app_get(struct db_conn *c, long long id, const char *wijken,
                     struct staff_app *out);

/* A gangmaker of the application. */
struct staff_app_organiser {
    bool second; /* the optional second gangmaker */
    bool anonymised;
    char name[STAFF_TEXT(200)];
    char email[255];
    char phone[21];
    char address[STAFF_TEXT(200)];
    char postcode[8];
    char iban[35]; /* normalised; show it masked */
    char account_holder[STAFF_TEXT(70)];
};

/* The gangmakers (first, then the second when there is one) into out[0..2).
 * Returns their number (0 when the application is not of wijken). */
int db_staff_app_organisers(struct db_conn *c, long long id, const char *wijken,
                            struct staff_app_organiser out[2]);

/* One audit_event about the application, its award or its payout. */
struct staff_app_event {
    char at[20];         /* dd-mm-yyyy hh:mi */
    char actor_kind[12]; /* staff | resident | system | anonymous */
    char actor[STAFF_TEXT(200)];
    char action[101];
    char from[24], to[24]; /* details "from" / "to", "" when absent */
};

/* The history, oldest first (at most 500 events). *out is malloc()ed
 * (caller frees; NULL when none). Returns the count. */
int db_staff_app_history(struct db_conn *c, long long id, const char *wijken,
                         struct staff_app_event **out);

/* One message of the conversation on the status page. */
struct staff_app_message {
    char at[20];
    bool from_staff;
    char staff_name[STAFF_TEXT(200)];
    char body[STAFF_TEXT(4000)]; /* "" after the retention purge */
};

/* The conversation, oldest first (at most 200 messages). *out is
 * malloc()ed (caller frees; NULL when none). Returns the count. */
int db_staff_app_messages(struct db_conn *c, long long id, const char *wijken,
                          struct staff_app_message **out);

/* An earlier (or later) potje of the same street. */
struct staff_street_potje {
    long long id;
    char reference[16];
    char status[24];
    char submitted[11];
    long long award_cents; /* 0: no award */
    char payout_status[16];
    char paid[11];
};

/* The other applications of street_id in wijken, newest first (at most
 * 100), leaving out except_id. *out is malloc()ed (caller frees; NULL when
 * none). Returns the count. */
int db_staff_street_potjes(struct db_conn *c, long long street_id,
                           long long except_id, const char *wijken,
                           struct staff_street_potje **out);

/* The street's Lief en Leedstraat status (view street_potje_status) and
 * its awards in the current year, in every wijk it runs through. */
struct staff_street_status {
    long long paid_count;
    bool lief_en_leedstraat;
    char since[11];         /* dd-mm-yyyy, "" when not */
    long long awards_year;  /* awards of the current budget year */
    long long max_per_year; /* the yearly maximum per street */
};

/* 1 and *out filled, or 0 when there is no such street. */
int db_staff_street_status(struct db_conn *c, long long street_id,
                           struct staff_street_status *out);

/* What remains to award this year (Europe/Amsterdam) in wijk and in the
 * city. A budget that is not set has its has_ flag false. */
struct staff_budget {
    int year;
    bool has_wijk, has_city;
    long long wijk_cents, wijk_awarded_cents, wijk_remaining_cents;
    long long city_cents, city_awarded_cents, city_remaining_cents;
};

/* Returns 1. */
int db_staff_budget(struct db_conn *c, const char *wijk,
                    struct staff_budget *out);

/* Call fn for each street name of the list that runs through wijk, in
 * alphabetical order (at most 5000). Returns the count. */
int db_staff_wijk_streets(struct db_conn *c, const char *wijk,
                          void (*fn)(void *cls, const char *name), void *cls);

/* The state an action starts from, read with a row lock. */
struct staff_app_lock {
    char status[24];
    int version;
    long long street_id; /* 0: unknown street */
    char wijk[3];
    bool has_email; /* the gangmaker can be sent an e-mail */
};

/* Lock the application id of wijken (FOR UPDATE) and read its state.
 * 1 and *out filled, or 0 when it is not of wijken or does not exist. */
int db_staff_app_lock(struct db_conn *c, long long id, const char *wijken,
                      struct staff_app_lock *out);

/* Move the application to status when its version is still version.
 * Returns 1, 0 when the version moved on (somebody else changed it), or
 * DB_REFUSED with db_last_constraint() "application_status_transition"
 * when the move is not allowed from the current status. */
int db_staff_app_set_status(struct db_conn *c, long long id, int version,
                            const char *wijken, const char *status);

/* Add a question of staff_user_id (1 to 4000 characters) to the
 * conversation; *message_id is its id. Returns 1. */
int db_staff_app_question_insert(struct db_conn *c, long long id,
                                 long long staff_user_id, const char *body,
                                 long long *message_id);

/* The street of the list named name (any case, surrounding spaces
 * ignored) that runs through wijk. 1 with *street_id and canonical (as in
 * the list, canonical_size bytes of room) filled, or 0. */
int db_staff_street_in_wijk(struct db_conn *c, const char *name,
                            const char *wijk, long long *street_id,
                            char *canonical, size_t canonical_size);

/* Link the application with an unknown street to street_id when its
 * version is still version: street_id and the list's name; buurt_code
 * when the street has exactly one buurt in the wijk; the unknown-street
 * flag cleared and the second-open and yearly-maximum flags recomputed
 * for the street. Returns 1, or 0 when the version moved on or the street
 * was linked meanwhile. */
int db_staff_app_link_street(struct db_conn *c, long long id, int version,
                             const char *wijken, long long street_id);

/* Who changed the application last, for a "somebody else was first"
 * answer: its status now and the last audit event about it. */
struct staff_app_change {
    char status[24];
    int version;
    char at[20];         /* "" when no event */
    char actor_kind[12]; /* staff | resident | system | anonymous */
    char actor[STAFF_TEXT(200)];
    char action[101];
};

/* 1 and *out filled, or 0 when the application is not of wijken. */
int db_staff_app_last_change(struct db_conn *c, long long id,
                             const char *wijken, struct staff_app_change *out);

#endif
