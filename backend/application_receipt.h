/* application_receipt.h - the submission receipt of an application as
 * PDF bytes, made from exactly what the resident submitted. */
#ifndef LIEFLEED_APPLICATION_RECEIPT_H
#define LIEFLEED_APPLICATION_RECEIPT_H

#include <stdbool.h>
#include <stddef.h>

#include "application_input.h"

/* *pdf is malloc()ed (caller frees). The IBAN appears masked. */
bool application_receipt_make(const struct application_input *in,
                              const char *reference, const char *submitted,
                              const char *street_name, const char *wijk_name,
                              const char *font_dir, unsigned char **pdf,
                              size_t *len, char *err, size_t errlen);

#endif
