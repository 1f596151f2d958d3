/* GET /static/<name>.<hash>.css - the stylesheets, cached for a year: the
 * hash in the name changes whenever the content does. */
#include "pages.h"
#include "static_files.h"

enum MHD_Result
page_static(struct request *rq)
{
    const struct static_file *f = static_find(rq->path);

    if (f == NULL)
        return reply_error(rq, 404, NULL);
    return reply_bytes(rq, 200, f->content_type, f->data, f->len, false,
                       "public, max-age=31536000, immutable");
}
