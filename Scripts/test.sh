#!/usr/bin/env bash
# The test command: installs build needs, starts a local PostgreSQL when one is installed (the
# PostgreSQL tests are skipped without it), then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/setup.sh
if [ -z "${MODERATE_TEST_POSTGRES_URL:-}" ] && [ -x .ci/postgres.sh ] && { command -v pg_ctlcluster >/dev/null 2>&1 || [ "${CI:-}" = true ]; }; then
  eval "$(.ci/postgres.sh)"
fi
if [ -n "${MODERATE_TEST_POSTGRES_URL:-}" ]; then
  echo "test: PostgreSQL tests run against ${MODERATE_TEST_POSTGRES_URL%%:*}://…" >&2
else
  echo "test: no PostgreSQL server; its tests are skipped" >&2
fi
exec swift test "$@"
