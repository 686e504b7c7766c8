/* Included first into every file by ForcedIncludeFiles. */
#define FLT_FORCED 1
