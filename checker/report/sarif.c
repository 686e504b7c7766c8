/* --format=sarif: placeholder until the SARIF writer lands. */
#include "../driver.h"
int report_sarif(FILE *out, const struct diag_list *l, const struct options *o)
{
    (void)l; (void)o;
    fputs("{}\n", out);
    return 0;
}
