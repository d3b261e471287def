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
# A hung test must fail the run, not stall it: the run has a time limit (MODERATE_TEST_MINUTES, 45 by
# default), and when it is crossed the tests that started and never ended are named.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
timeout --kill-after=30s "$(( ${MODERATE_TEST_MINUTES:-45} * 60 ))s" swift test "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  echo "test: the run passed its ${MODERATE_TEST_MINUTES:-45}-minute limit; tests that started and never ended:" >&2
  grep -v -e '◇ Test case ' -e '◇ Test run ' "$log" | sed -n 's/^.*◇ Test \(.*\) started\.$/\1/p' | sort | uniq -c > "$log.started"
  sed -n -e 's/ with [0-9]* test cases* \(passed\|failed\)/ \1/' \
    -e 's/^.*[✔✘➜] Test \(.*\) \(passed after\|failed after\|skipped\).*$/\1/p' "$log" | sort | uniq -c > "$log.ended"
  diff "$log.started" "$log.ended" | sed -n 's/^< */  /p' >&2 || true
  rm -f "$log.started" "$log.ended"
fi
exit "$status"
