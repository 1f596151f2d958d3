/* The HTML writer: values are escaped in every context, markup is kept. */
#include "testutil.h"

#include <string.h>

#include "html.h"

static char *
render_fmt(const char *value)
{
    struct html h;
    html_init(&h);
    HTML(&h, "<a title=\"{}\">{}</a>", value, value);
    return html_steal(&h, NULL);
}

static void
test_escapes_all_five(void **state)
{
    (void)state;
    char *s = render_fmt("<script>alert('x') & \"y\"</script>");
    assert_string_equal(s, "<a title=\"&lt;script&gt;alert(&#39;x&#39;) "
                           "&amp; &quot;y&quot;&lt;/script&gt;\">"
                           "&lt;script&gt;alert(&#39;x&#39;) &amp; "
                           "&quot;y&quot;&lt;/script&gt;</a>");
    free(s);
}

static void
test_keeps_utf8(void **state)
{
    (void)state;
    char *s = render_fmt("Şükrü Yıldız € ë");
    assert_string_equal(s, "<a title=\"Şükrü Yıldız € ë\">Şükrü Yıldız € "
                           "ë</a>");
    free(s);
}

static void
test_null_is_empty(void **state)
{
    (void)state;
    char *s = render_fmt(NULL);
    assert_string_equal(s, "<a title=\"\"></a>");
    free(s);
}

static void
test_literal_and_nested(void **state)
{
    struct html outer, inner;
    char *s;

    (void)state;
    html_init(&outer);
    html_init(&inner);
    HTML(&inner, "<b>{}</b>", "a<b");
    HTML_LIT(&outer, "<p>");
    html_append_html(&outer, &inner);
    HTML_LIT(&outer, "</p>");
    html_long(&outer, -42);
    s = html_steal(&outer, NULL);
    assert_string_equal(s, "<p><b>a&lt;b</b></p>-42");
    free(s);
    html_free(&inner);
}

static void
test_escape_into_counts(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    assert_true(html_escape_into(&b, "a&b", 3));
    assert_int_equal(b.len, 7);
    assert_string_equal(b.data, "a&amp;b");
    buf_free(&b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escapes_all_five),
        cmocka_unit_test(test_keeps_utf8),
        cmocka_unit_test(test_null_is_empty),
        cmocka_unit_test(test_literal_and_nested),
        cmocka_unit_test(test_escape_into_counts),
    };
    return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
