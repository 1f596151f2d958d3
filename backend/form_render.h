/* form_render.h - form fields in the NL Design System pattern.
 *
 * Every field has a visible label, an optional description, and when it
 * is invalid an error message next to it; the input points at both with
 * aria-describedby and says aria-invalid. The error summary at the top
 * links to each invalid field. All text is escaped (html.h).
 */
#ifndef LIEFLEED_FORM_RENDER_H
#define LIEFLEED_FORM_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "html.h"

enum field_kind {
    FIELD_TEXT,
    FIELD_EMAIL,
    FIELD_TEL,
    FIELD_NUMBER,
    FIELD_TEXTAREA,
    FIELD_PASSWORD, /* the value is never written back */
};

struct field_view {
    enum field_kind kind;
    const char *name; /* also the id */
    const char *label;
    const char *description;  /* optional */
    const char *value;        /* as typed; optional */
    const char *error;        /* optional */
    const char *autocomplete; /* optional */
    const char *list;         /* id of a datalist; optional */
    const char *optional;     /* shown after the label of an optional field */
    bool required;
    unsigned maxlength; /* 0: none */
};

struct option_view {
    const char *value;
    const char *label;
};

struct form_error {
    const char *field; /* the id to link to */
    const char *message;
};

void form_field(struct html *h, const struct field_view *f);

/* A <select> with an empty first option labelled empty_label. */
void form_select(struct html *h, const struct field_view *f,
                 const char *empty_label, const struct option_view *opts,
                 size_t nopts);

/* A fieldset of radio buttons; f->value selects one. */
void form_radios(struct html *h, const struct field_view *f,
                 const struct option_view *opts, size_t nopts);

/* One checkbox; checked when f->value is non-empty. */
void form_checkbox(struct html *h, const struct field_view *f);

/* The summary at the top, or nothing when n is 0. */
void form_error_summary(struct html *h, const char *title,
                        const struct form_error *errs, size_t n);

#endif
