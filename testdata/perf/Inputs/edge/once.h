#pragma once
#define EDGE_ONCE_VALUE 3
