/* --format=json: placeholder until the LSP diagnostic writer lands. */
#include "../driver.h"
int report_json(FILE *out, const struct diag_list *l, const struct options *o)
{
    (void)l; (void)o;
    fputs("{}\n", out);
    return 0;
}
