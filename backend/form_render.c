#include "form_render.h"

#include <stdio.h>
#include <string.h>

/* aria-describedby lists the description and the error, when present. */
static void
describedby(const struct field_view *f, char *out, size_t len)
{
    snprintf(out, len, "%s%s%s%s%s", f->description ? f->name : "",
             f->description ? "-uitleg" : "",
             (f->description && f->error) ? " " : "", f->error ? f->name : "",
             f->error ? "-fout" : "");
}

static void
field_head(struct html *h, const struct field_view *f, const char *kind)
{
    HTML(h, "<div class=\"utrecht-form-field utrecht-form-field--{}{}\">\n",
         kind, f->error ? " utrecht-form-field--invalid" : "");
    HTML(h,
         "<div class=\"utrecht-form-field__label\"><label "
         "class=\"utrecht-form-label\" for=\"{}\">{}{}</label></div>\n",
         f->name, f->label, (!f->required && f->optional) ? f->optional : "");
    if (f->description)
        HTML(h,
             "<div class=\"utrecht-form-field__description "
             "utrecht-form-field-description\" id=\"{}-uitleg\">{}</div>\n",
             f->name, f->description);
    if (f->error)
        HTML(h,
             "<div class=\"utrecht-form-field__error-message "
             "utrecht-form-field-error-message\" id=\"{}-fout\">{}</div>\n",
             f->name, f->error);
}

static void
input_attrs(struct html *h, const struct field_view *f)
{
    char ids[160], max[16];

    describedby(f, ids, sizeof(ids));
    HTML(h, " id=\"{}\" name=\"{}\"", f->name, f->name);
    if (ids[0])
        HTML(h, " aria-describedby=\"{}\"", ids);
    if (f->error)
        HTML_LIT(h, " aria-invalid=\"true\"");
    if (f->required)
        HTML_LIT(h, " required");
    if (f->autocomplete)
        HTML(h, " autocomplete=\"{}\"", f->autocomplete);
    if (f->list)
        HTML(h, " list=\"{}\"", f->list);
    if (f->maxlength) {
        snprintf(max, sizeof(max), "%u", f->maxlength);
        HTML(h, " maxlength=\"{}\"", max);
    }
}

void
form_field(struct html *h, const struct field_view *f)
{
    static const char *const types[] = {"text", "email", "tel",
                                        "text", "text",  "password"};
    const char *inv = f->error ? " utrecht-textbox--invalid" : "";

    field_head(h, f, f->kind == FIELD_TEXTAREA ? "textarea" : "text");
    HTML_LIT(h, "<div class=\"utrecht-form-field__input\">");
    if (f->kind == FIELD_TEXTAREA) {
        HTML(h,
             "<textarea class=\"utrecht-textarea utrecht-textarea--html-"
             "textarea{}\" rows=\"6\"",
             f->error ? " utrecht-textarea--invalid" : "");
        input_attrs(h, f);
        HTML(h, ">{}</textarea>", f->value);
    } else {
        HTML(h,
             "<input class=\"utrecht-textbox utrecht-textbox--html-input{}\" "
             "type=\"{}\"",
             inv, types[f->kind]);
        if (f->kind == FIELD_NUMBER)
            HTML_LIT(h, " inputmode=\"numeric\"");
        input_attrs(h, f);
        HTML(h, " value=\"{}\">", f->kind == FIELD_PASSWORD ? "" : f->value);
    }
    HTML_LIT(h, "</div>\n</div>\n");
}

void
form_select(struct html *h, const struct field_view *f, const char *empty_label,
            const struct option_view *opts, size_t nopts)
{
    size_t i;

    field_head(h, f, "select");
    HTML(h,
         "<div class=\"utrecht-form-field__input\"><select "
         "class=\"utrecht-select utrecht-select--html-select{}\"",
         f->error ? " utrecht-select--invalid" : "");
    input_attrs(h, f);
    HTML(h, ">\n<option value=\"\">{}</option>\n", empty_label);
    for (i = 0; i < nopts; i++)
        HTML(h, "<option value=\"{}\"{}>{}</option>\n", opts[i].value,
             (f->value && strcmp(f->value, opts[i].value) == 0) ? " selected"
                                                                : "",
             opts[i].label);
    HTML_LIT(h, "</select></div>\n</div>\n");
}

void
form_radios(struct html *h, const struct field_view *f,
            const struct option_view *opts, size_t nopts)
{
    char ids[160];
    size_t i;

    describedby(f, ids, sizeof(ids));
    HTML(h,
         "<div class=\"utrecht-form-fieldset{}\"><fieldset "
         "class=\"utrecht-form-fieldset__fieldset\" id=\"{}\"",
         f->error ? " utrecht-form-fieldset--invalid" : "", f->name);
    if (ids[0])
        HTML(h, " aria-describedby=\"{}\"", ids);
    HTML(h,
         ">\n<legend class=\"utrecht-form-fieldset__legend "
         "utrecht-form-label\">{}</legend>\n",
         f->label);
    if (f->description)
        HTML(h,
             "<div class=\"utrecht-form-field-description\" "
             "id=\"{}-uitleg\">{}</div>\n",
             f->name, f->description);
    if (f->error)
        HTML(h,
             "<div class=\"utrecht-form-field-error-message\" "
             "id=\"{}-fout\">{}</div>\n",
             f->name, f->error);
    for (i = 0; i < nopts; i++) {
        char id[96];
        snprintf(id, sizeof(id), "%s-%s", f->name, opts[i].value);
        HTML(h,
             "<div class=\"utrecht-form-field utrecht-form-field--radio\">"
             "<div class=\"utrecht-form-field__input\"><input type=\"radio\" "
             "class=\"utrecht-radio-button utrecht-radio-button--html-input\" "
             "id=\"{}\" name=\"{}\" value=\"{}\"",
             id, f->name, opts[i].value);
        if (f->value && strcmp(f->value, opts[i].value) == 0)
            HTML_LIT(h, " checked");
        if (f->error)
            HTML_LIT(h, " aria-invalid=\"true\"");
        HTML(h,
             "></div><div class=\"utrecht-form-field__label\"><label "
             "class=\"utrecht-form-label utrecht-form-label--radio-button\" "
             "for=\"{}\">{}</label></div></div>\n",
             id, opts[i].label);
    }
    HTML_LIT(h, "</fieldset></div>\n");
}

void
form_checkbox(struct html *h, const struct field_view *f)
{
    char ids[160];

    describedby(f, ids, sizeof(ids));
    HTML(h,
         "<div class=\"utrecht-form-field utrecht-form-field--checkbox{}\">\n",
         f->error ? " utrecht-form-field--invalid" : "");
    if (f->error)
        HTML(h,
             "<div class=\"utrecht-form-field__error-message "
             "utrecht-form-field-error-message\" id=\"{}-fout\">{}</div>\n",
             f->name, f->error);
    HTML(h,
         "<div class=\"utrecht-form-field__input\"><input type=\"checkbox\" "
         "class=\"utrecht-checkbox utrecht-checkbox--html-input\" id=\"{}\" "
         "name=\"{}\" value=\"ja\"",
         f->name, f->name);
    if (f->value && f->value[0])
        HTML_LIT(h, " checked");
    if (f->error)
        HTML_LIT(h, " aria-invalid=\"true\"");
    if (ids[0])
        HTML(h, " aria-describedby=\"{}\"", ids);
    HTML(h,
         "></div>\n<div class=\"utrecht-form-field__label\"><label "
         "class=\"utrecht-form-label utrecht-form-label--checkbox\" "
         "for=\"{}\">{}</label></div>\n",
         f->name, f->label);
    if (f->description)
        HTML(h,
             "<div class=\"utrecht-form-field__description "
             "utrecht-form-field-description\" id=\"{}-uitleg\">{}</div>\n",
             f->name, f->description);
    HTML_LIT(h, "</div>\n");
}

void
form_error_summary(struct html *h, const char *title,
                   const struct form_error *errs, size_t n)
{
    size_t i;

    if (n == 0)
        return;
    HTML(h,
         "<div class=\"utrecht-alert utrecht-alert--error ll-error-summary\" "
         "role=\"alert\" aria-labelledby=\"foutoverzicht\">\n"
         "<div class=\"utrecht-alert__content\">"
         "<h2 class=\"utrecht-heading-2\" id=\"foutoverzicht\">{}</h2>\n"
         "<ul class=\"utrecht-unordered-list\">\n",
         title);
    for (i = 0; i < n; i++)
        HTML(h,
             "<li class=\"utrecht-unordered-list__item\"><a "
             "class=\"utrecht-link\" href=\"#{}\">{}</a></li>\n",
             errs[i].field, errs[i].message);
    HTML_LIT(h, "</ul>\n</div></div>\n");
}
