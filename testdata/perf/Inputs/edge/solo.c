ULONG EdgeSolo(ULONG x) { return x * 2; }
