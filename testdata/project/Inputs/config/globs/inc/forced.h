#define GLOB_FORCED 1
