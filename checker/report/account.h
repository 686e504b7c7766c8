/* The run's account (what was proved and assumed) as JSON, shared by
 * --format=json --summary and SARIF's run properties. */
#ifndef DUMPCHECK_ACCOUNT_H
#define DUMPCHECK_ACCOUNT_H

#include <cjson/cJSON.h>

struct run_result;
cJSON *account_json(const struct run_result *r);

#endif
