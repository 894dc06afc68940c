// libpq: PostgreSQL's C client (connections, queries, COPY FROM STDIN).
#include <postgresql/libpq-fe.h>
