// The system zlib (Debian: zlib1g-dev), for streaming gzip reads.
#include <zlib.h>
