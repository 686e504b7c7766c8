#if !defined(_WIN32) || !defined(TC_WINDOWS_DRIVER)
#error "the build script defines _WIN32 and TC_WINDOWS_DRIVER"
#endif
#include <ntddk.h>
#include <ntdddump.h>
