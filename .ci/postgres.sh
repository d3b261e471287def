#!/usr/bin/env bash
# Starts the PostgreSQL server the ModerationStorePostgres tests use, and prints the variable they read.
#
#   eval "$(bash .ci/postgres.sh)"      # sets MODERATE_TEST_POSTGRES_URL in the calling shell
#   swift test --filter ModerationStorePostgresTests
#
# Idempotent: run it as root on a fresh Debian 12 machine or on one where it already ran. It installs
# postgresql-15 when pg_ctlcluster is missing, creates the cluster when there is none, starts it, waits until it
# accepts connections, creates the role `moderate` (password `moderate`) and the database `moderate_test` when
# they are missing. Progress goes to stderr; stdout carries only the `export` line.
set -euo pipefail

PG_VERSION="${PG_VERSION:-15}"
PG_CLUSTER="${PG_CLUSTER:-main}"
ROLE=moderate
PASSWORD=moderate
DATABASE=moderate_test

log() { printf 'postgres.sh: %s\n' "$*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
    log "run me as root (I install packages and start the server as the postgres user)"
    exit 1
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -x "/usr/lib/postgresql/${PG_VERSION}/bin/postgres" ]; then
    log "installing postgresql-${PG_VERSION}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq "postgresql-${PG_VERSION}" >&2
fi

if ! pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c { found = 1 } END { exit !found }'; then
    log "creating cluster ${PG_VERSION}/${PG_CLUSTER}"
    pg_createcluster "$PG_VERSION" "$PG_CLUSTER" >&2
fi

PORT="$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c { print $3 }')"

if ! pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" status >/dev/null 2>&1; then
    log "starting cluster ${PG_VERSION}/${PG_CLUSTER} on port ${PORT}"
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start >&2
fi

PG_ISREADY="/usr/lib/postgresql/${PG_VERSION}/bin/pg_isready"
for _ in $(seq 1 60); do
    if "$PG_ISREADY" -q -h 127.0.0.1 -p "$PORT"; then break; fi
    sleep 0.5
done
if ! "$PG_ISREADY" -q -h 127.0.0.1 -p "$PORT"; then
    log "the server did not accept connections within 30 s; its log:"
    tail -n 30 "/var/log/postgresql/postgresql-${PG_VERSION}-${PG_CLUSTER}.log" >&2 || true
    exit 1
fi

as_postgres() { runuser -u postgres -- "$@"; }
psql_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" -d postgres "$@"; }

if [ "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '${ROLE}'")" != "1" ]; then
    log "creating role ${ROLE}"
    psql_admin -c "CREATE ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}' SUPERUSER" >&2
else
    # Keep the password the tests use, whatever an earlier run or a person set.
    psql_admin -c "ALTER ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}' SUPERUSER" >&2
fi

if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '${DATABASE}'")" != "1" ]; then
    log "creating database ${DATABASE}"
    as_postgres createdb -p "$PORT" -O "$ROLE" "$DATABASE" >&2
fi

log "ready: ${ROLE}@127.0.0.1:${PORT}/${DATABASE}"
echo "export MODERATE_TEST_POSTGRES_URL=postgres://${ROLE}:${PASSWORD}@127.0.0.1:${PORT}/${DATABASE}"
