#!/bin/sh
# A PostgreSQL streaming standby of the compose file's primary (docker/compose.replica.yaml).
# On its first start (an empty data folder) it copies the primary with pg_basebackup -R, which also
# writes standby.signal and primary_conninfo, so PostgreSQL starts as a hot standby that streams
# the primary's WAL. Later starts find the copy and resume streaming from where they were.
set -eu
: "${PRIMARY_HOST:?}" "${PRIMARY_USER:?}" "${PRIMARY_DB:?}" "${PRIMARY_PASSWORD:?}"
: "${REPLICATION_USER:?}" "${REPLICATION_PASSWORD:?}"
PGDATA="${PGDATA:-/var/lib/postgresql/18/docker}"

# The replication role, made on the primary or given the current password (both idempotent), so
# the password can be changed by setting it anew and restarting this service.
PGPASSWORD="$PRIMARY_PASSWORD" psql -h "$PRIMARY_HOST" -U "$PRIMARY_USER" -d "$PRIMARY_DB" \
  -v ON_ERROR_STOP=1 -v user="$REPLICATION_USER" -v password="$REPLICATION_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I WITH REPLICATION LOGIN', :'user')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I WITH REPLICATION LOGIN PASSWORD %L', :'user', :'password') \gexec
SQL

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  echo "standby: copying the primary ($PRIMARY_HOST) into $PGDATA"
  mkdir -p "$PGDATA"
  chmod 700 "$PGDATA"
  PGPASSWORD="$REPLICATION_PASSWORD" pg_basebackup -h "$PRIMARY_HOST" -U "$REPLICATION_USER" \
    -D "$PGDATA" -R -X stream --checkpoint=fast
fi

# pg_basebackup -R writes the connection into postgresql.auto.conf; the password also stays in the
# environment, where the WAL receiver's libpq finds it should the file lack it.
export PGPASSWORD="$REPLICATION_PASSWORD"
exec postgres -D "$PGDATA" -c hot_standby=on
