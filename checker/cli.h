#ifndef DUMPCHECK_CLI_H
#define DUMPCHECK_CLI_H
int cli_main(int argc, char **argv);
#endif
