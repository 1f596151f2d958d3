/* db_street.h - looking streets up for the application form. */
#ifndef LIEFLEED_DB_STREET_H
#define LIEFLEED_DB_STREET_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"

struct street_match {
    long long id;
    char name[201];  /* as in the street list */
    char wijken[40]; /* the wijk codes it runs through: "09,10" */
    char buurt[5];   /* its buurt when it has exactly one, else "" */
};

/* Find a street by name, case-insensitively. 1 found, 0 not, <0 error. */
int db_street_find(struct db_conn *c, const char *name,
                   struct street_match *out);

/* Call fn for every street name in alphabetical order (the form's
 * suggestions). Returns the count or a negative db_status. */
int db_street_names(struct db_conn *c, void (*fn)(void *cls, const char *name),
                    void *cls);

/* Call fn for every wijk (code, name as in the reference data) in code
 * order. Returns the count or a negative db_status. */
int db_wijk_names(struct db_conn *c,
                  void (*fn)(void *cls, const char *code, const char *name),
                  void *cls);

/* The name of wijk code into out. 1 found, 0 not, <0 error. */
int db_wijk_name(struct db_conn *c, const char *code, char *out, size_t outlen);
#endif
