#include "phase_times.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { MAX_PHASES = 32 };

static struct {
    int state;                  /* 0 unknown, 1 on, -1 off */
    double last;
    int n;
    const char *name[MAX_PHASES];
    double ms[MAX_PHASES];
} pt;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

bool phase_times_enabled(void)
{
    if (pt.state == 0) {
        const char *s = getenv("DUMPCHECK_STATS");
        pt.state = s && s[0] == '1' ? 1 : -1;
        pt.last = now_ms();
    }
    return pt.state > 0;
}

void phase_mark(const char *name)
{
    if (!phase_times_enabled())
        return;
    double t = now_ms();
    if (pt.n < MAX_PHASES) {
        pt.name[pt.n] = name;
        pt.ms[pt.n] = t - pt.last;
        pt.n++;
    }
    pt.last = t;
}

void phase_times_print(void)
{
    if (!phase_times_enabled() || pt.n == 0)
        return;
    double total = 0;
    fprintf(stderr, "dumpcheck: stats: time:");
    for (int i = 0; i < pt.n; i++) {
        fprintf(stderr, "%s %s %.1f ms", i ? "," : "", pt.name[i], pt.ms[i]);
        total += pt.ms[i];
    }
    fprintf(stderr, "; total %.1f ms\n", total);
    pt.n = 0;
}
