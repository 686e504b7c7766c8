#ifndef WDK_COMMON_DEFINE
#error "WDK_COMMON_DEFINE comes from C_DEFINES in sources.inc"
#endif
