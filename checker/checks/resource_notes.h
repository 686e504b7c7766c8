/* Wording shared by the resource rules. */
#ifndef DUMPCHECK_RESOURCE_NOTES_H
#define DUMPCHECK_RESOURCE_NOTES_H

#include "../engine/analysis.h"

/* "'ctx->Mdl'" or "the resource" */
const char *resource_name(struct analysis *a, int obj);
/* Note at the acquisition: "acquired here by IoAllocateMdl in Dump_Start (stored in ctx->Mdl)". */
void resource_note_acquired(struct analysis *a, struct diag *d, int obj);
/* The routine that acquired it, or "?" */
const char *resource_acquirer(struct analysis *a, int obj);

#endif
