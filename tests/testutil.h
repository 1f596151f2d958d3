/* testutil.h - small helpers shared by the cmocka suites. */
#ifndef LIEFLEED_TESTUTIL_H
#define LIEFLEED_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

/* The database of the test run (set by scripts/test.sh); the db suites
 * skip nothing: without it they fail loudly. */
static inline const char *
test_database_url(void)
{
    const char *u = getenv("LIEFLEED_DATABASE_URL");
    if (u == NULL || *u == '\0')
        fail_msg("LIEFLEED_DATABASE_URL is not set: run through make test");
    return u;
}

#endif
