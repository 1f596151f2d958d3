/* bare_csv.c - the baseline for the finance part of `make bench`: the
 * fastest a program can turn the payout rows of a batch into CSV. libpq in
 * single-row mode streams the rows of one SELECT (the columns of the batch
 * CSV: reference, award date, payee, IBAN, amount, wijk, street), and
 * libcsv's csv_fwrite writes every field, ';' between and CRLF after.
 * Nothing else: no transaction, no state change, no SEPA, no PDF, no
 * storage. Prints "ROWS SECONDS" on standard output.
 *
 * Usage: bare_csv CONNINFO OUTFILE [WHERE-CLAUSE]
 *   (the optional clause narrows the payouts, e.g. "p.status = 'te_betalen'")
 */
#define _POSIX_C_SOURCE 200809L
#include <csv.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double
now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
    static const char head[] =
        "SELECT p.reference,"
        " to_char(w.awarded_at, 'DD-MM-YYYY'),"
        " p.account_holder, p.iban,"
        " to_char(p.amount_cents / 100.0, 'FM999990D00'),"
        " a.wijk_code, a.street_name"
        " FROM payout p JOIN award w ON w.id = p.award_id"
        " JOIN application a ON a.id = w.application_id";
    char sql[1024];
    PGconn *pg;
    PGresult *res;
    FILE *out;
    long rows = 0;
    double t0;
    int ok = 1;

    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: bare_csv CONNINFO OUTFILE [WHERE-CLAUSE]\n");
        return 2;
    }
    snprintf(sql, sizeof(sql), "%s%s%s ORDER BY p.id", head,
             argc == 4 ? " WHERE " : "", argc == 4 ? argv[3] : "");
    t0 = now_s();
    pg = PQconnectdb(argv[1]);
    if (PQstatus(pg) != CONNECTION_OK) {
        fprintf(stderr, "bare_csv: %s", PQerrorMessage(pg));
        PQfinish(pg);
        return 1;
    }
    out = fopen(argv[2], "w");
    if (out == NULL) {
        perror("bare_csv");
        PQfinish(pg);
        return 1;
    }
    fputs("referentie;datum;naam;iban;bedrag;wijk;straat\r\n", out);
    if (!PQsendQuery(pg, sql) || !PQsetSingleRowMode(pg)) {
        fprintf(stderr, "bare_csv: %s", PQerrorMessage(pg));
        ok = 0;
    }
    while (ok && (res = PQgetResult(pg)) != NULL) {
        ExecStatusType st = PQresultStatus(res);

        if (st == PGRES_SINGLE_TUPLE) {
            int f, nf = PQnfields(res);

            for (f = 0; f < nf; f++) {
                if (f > 0)
                    fputc(';', out);
                csv_fwrite(out, PQgetvalue(res, 0, f),
                           (size_t)PQgetlength(res, 0, f));
            }
            fputs("\r\n", out);
            rows++;
        } else if (st != PGRES_TUPLES_OK) {
            fprintf(stderr, "bare_csv: %s", PQresultErrorMessage(res));
            ok = 0;
        }
        PQclear(res);
    }
    if (fclose(out) != 0)
        ok = 0;
    PQfinish(pg);
    if (!ok)
        return 1;
    printf("%ld %.6f\n", rows, now_s() - t0);
    return 0;
}
