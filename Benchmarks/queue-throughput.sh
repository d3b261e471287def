#!/usr/bin/env bash
# Whole-process queue rates with the shipped rules: `submit --jsonl` (comments stored per second) and
# one `worker --once` (decisions per second), then WORKERS `worker --once` side by side on a fresh copy
# of the queue (concurrent claims), on SQLite and, when DATABASE_URL names one, PostgreSQL.
#
#   Benchmarks/queue-throughput.sh                                   # 20,000 comments on SQLite
#   COMMENTS=50000 DATABASE_URL='postgres://u:p@127.0.0.1/db?schema=bench' Benchmarks/queue-throughput.sh
#   WORKERS=1 Benchmarks/queue-throughput.sh                         # skip the concurrent workers
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench=${BENCH_DIR:-$root/../shared/bench}
comments=${COMMENTS:-20000}
workers=${WORKERS:-4}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && swift build -c release --static-swift-stdlib --product moderate >&2)
moderate="$root/.build/release/moderate"
python3 "$bench/gen_workload.py" --rules 50 --comments "$comments" --patterns "$work/p.txt" --corpus "$work/raw.jsonl" >/dev/null
python3 - "$work/raw.jsonl" "$work/in.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2], "w", encoding="utf-8") as out:
    for i, line in enumerate(src):
        text = json.loads(line)["text"]
        out.write(json.dumps({"article": "a%d" % (i % 50), "name": "Reader %d" % i, "email": "r%d@example.com" % i,
                              "body": text}, ensure_ascii=False) + "\n")
PY
now() { date +%s.%N; }
rate() { python3 -c "print('%.0f' % ($1 / ($3 - $2)))"; }
run() {
  local label=$1 database=$2
  export MODERATE_DATABASE=$database MODERATE_RULES="$root/Rules" MODERATE_CONFIG= MODERATE_LOG_LEVEL=warning
  local start end
  start=$(now); "$moderate" submit --jsonl "$work/in.jsonl" > /dev/null; end=$(now)
  printf '%-10s submit --jsonl  %6d comments  %8s comments/s\n' "$label" "$comments" "$(rate "$comments" "$start" "$end")"
  start=$(now); "$moderate" worker --once 2>/dev/null; end=$(now)
  printf '%-10s worker --once   %6d comments  %8s decisions/s (one worker, shipped rules)\n' "$label" "$comments" "$(rate "$comments" "$start" "$end")"
  if [ "$workers" -gt 1 ]; then
    "$moderate" submit --jsonl "$work/in.jsonl" > /dev/null
    start=$(now)
    for _ in $(seq "$workers"); do "$moderate" worker --once 2>/dev/null & done
    wait
    end=$(now)
    printf '%-10s worker --once x%d %5d comments  %8s decisions/s (concurrent claims, shipped rules)\n' "$label" "$workers" "$comments" "$(rate "$comments" "$start" "$end")"
  fi
}
run sqlite "$work/bench.sqlite"
if [ -n "${DATABASE_URL:-}" ]; then run postgres "$DATABASE_URL"; fi
