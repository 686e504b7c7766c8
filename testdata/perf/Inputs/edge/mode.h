/* Changes a macro its includer may have set. */
#ifndef EDGE_MODE_H
#define EDGE_MODE_H
#undef EDGE_MODE
#define EDGE_MODE 2
#endif
