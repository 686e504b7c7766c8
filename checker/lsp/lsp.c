/* --lsp: placeholder until the language server lands. */
#include <stdio.h>
#include "../options.h"
int lsp_main(const struct options *o);
int lsp_main(const struct options *o)
{
    (void)o;
    fputs("dumpcheck: error: --lsp is not available in this build\n", stderr);
    return EXIT_CANNOT_CHECK;
}
