/* Compiled only for Win32 (a condition with != and 'and'). */
#ifdef _WIN64
#error "win32_only.c is built for Win32 only"
#endif
int flt_win32_only;
