/* compile_commands.json: the reader and, for every entry it accepts, the
 * argument filter (with the response and configuration files it reads). */
#include "fuzz_util.h"

#include "compile_db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_input_file("compile_commands.json", data, size);
    struct compile_db db;
    char *err = NULL;
    if (compile_db_read(path, &db, &err) != 0) {
        free(err);
        return 0;
    }
    for (int i = 0; i < db.n; i++) {
        struct strlist raw = {0}, kept = {0}, dropped = {0};
        compile_command_args(&db.cmds[i], &raw);
        compile_args_filter(raw.v, raw.n, db.cmds[i].directory, &kept, &dropped);
        strlist_free(&raw);
        strlist_free(&kept);
        strlist_free(&dropped);
    }
    if (db.n > 0)
        (void)compile_db_find(&db, db.cmds[0].file);
    compile_db_free(&db);
    return 0;
}
