/* Left out by the configuration's exclude: glob. */
this does not compile;
