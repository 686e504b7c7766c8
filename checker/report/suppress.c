/* Placeholder until suppressions land. */
#include "suppress.h"
void suppressions_apply(const struct options *o, struct diag_list *findings)
{
    (void)o; (void)findings;
}
int baseline_apply(const struct options *o, struct diag_list *findings, struct diag_list *problems)
{
    (void)o; (void)findings; (void)problems;
    return 0;
}
