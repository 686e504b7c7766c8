/* The language server's Content-Length framing, and the JSON of each
 * message it frames. */
#define _GNU_SOURCE
#include "fuzz_util.h"

#include <fcntl.h>
#include <sys/mman.h>

#include "lsp/lsp.h"

static void each(const char *body, size_t len, void *ud)
{
    (void)ud;
    if (!body)
        return;
    cJSON *msg = cJSON_ParseWithLength(body, len);
    cJSON_Delete(msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fd = memfd_create("lsp-input", MFD_CLOEXEC);
    if (fd < 0)
        abort();
    if (size && write(fd, data, size) != (ssize_t)size)
        abort();
    lseek(fd, 0, SEEK_SET);
    lsp_read_messages(fd, each, NULL);
    close(fd);
    return 0;
}
