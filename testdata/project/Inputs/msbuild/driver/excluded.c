/* Excluded from the Release|x64 build: it does not compile. */
this is not C;
