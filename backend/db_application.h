/* db_application.h - statements about applications, their organisers,
 * documents and messages. One function per statement; the caller runs
 * them inside db_transaction. */
#ifndef LIEFLEED_DB_APPLICATION_H
#define LIEFLEED_DB_APPLICATION_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"

struct organiser_row {
    const char *name, *email, *phone, *address, *postcode, *iban,
        *account_holder, *language; /* NULL = not given */
};

/* Insert an organiser; its id in *id. */
enum db_status db_organiser_insert(struct db_conn *c,
                                   const struct organiser_row *o,
                                   long long *id);

/* Open applications for the street (by id, or by name when the street is
 * not in the list) and this calendar year's applications that are not
 * rejected or withdrawn. */
enum db_status db_application_street_counts(struct db_conn *c,
                                            long long street_id,
                                            const char *street_name,
                                            long long *open,
                                            long long *this_year);

struct application_row {
    long long street_id; /* 0: not in the street list */
    const char *street_name, *wijk_code, *buurt_code; /* buurt may be NULL */
    long long organiser_id, second_organiser_id;      /* second: 0 = none */
    long long requested_cents;
    const char *plan;
    bool flag_unknown_street, flag_second_open, flag_over_yearly_maximum;
    const unsigned char *token_hash; /* 32 bytes */
    const char *idempotency_key;
    int households;
    const char *payout_method, *language;
    long long entered_by;              /* 0: the resident */
    long long previous_application_id; /* a follow-up of it, or 0: first */
};

/* Insert a new application with the next reference; kind 'follow_up'
 * when previous_application_id is set, else 'first'. Out: id, reference
 * (LL-2026-00042) and submission time "27-11-2026 om 21:40" (Europe/
 * Amsterdam). */
enum db_status db_application_insert(struct db_conn *c,
                                     const struct application_row *a,
                                     long long *id, char reference[24],
                                     char submitted[32]);

/* Store a generated document once (kind: receipt, award_letter, ...). */
enum db_status db_document_insert(struct db_conn *c, long long application_id,
                                  const char *kind, const unsigned char *data,
                                  size_t len, const unsigned char sha256[32]);

/* The stored bytes of a document into *data (malloc()ed, caller frees).
 * 1 found, 0 not (or purged), <0 error. */
int db_document_get(struct db_conn *c, long long application_id,
                    const char *kind, unsigned char **data, size_t *len);

/* A message for the resident, to be delivered by the sender. */
enum db_status db_outbox_insert(struct db_conn *c, long long application_id,
                                const char *kind, const char *channel);

/* What the status page shows. Strings are copies (NUL-terminated). */
struct application_view {
    long long id;
    char reference[24];
    char status[24];
    char street_name[4 * 200 + 1];
    char submitted[32];
    char decided[32];
    char language[3];
    char rejection_reason[4 * 4000 + 1];
    bool has_receipt;
    bool flag_second_open, flag_over_yearly_maximum, flag_unknown_street;
    char payout_method[16];  /* bank | prepaid_card */
    char payout_status[16];  /* "" before the award, else the payout's */
    long long awarded_cents; /* 0 before the award */
    bool has_award_letter;
    bool has_rejection_letter; /* rejected, and its letter is stored */
};

/* The application whose status token hashes to hash. 1 found, 0 not. */
int db_application_by_token(struct db_conn *c, const unsigned char hash[32],
                            struct application_view *out);

#endif
