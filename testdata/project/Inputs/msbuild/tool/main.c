/* A user-mode tool of the same solution: not part of the driver. */
int main(void) { return 0; }
