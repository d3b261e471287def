#!/usr/bin/env bash
# What `sqlite_synchronous: full` (the default) costs `submit --jsonl` against `normal`: the same
# COMMENTS lines, made from the shared corpora, submitted into a fresh SQLite database under each
# setting, interleaved A/B/A/B for ROUNDS rounds; prints each run and the median ratio full/normal.
#
#   Benchmarks/sqlite-synchronous.sh                      # 20,000 comments, 5 rounds
#   COMMENTS=50000 ROUNDS=7 BENCH_TMP=/var/tmp Benchmarks/sqlite-synchronous.sh
#
# The database goes under BENCH_TMP (default: the system's temporary folder): measure on the disk
# the database will live on, since the cost of FULL is the disk's flush latency.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${CORPUS_DIR:-$root/../shared/data/corpus}
comments=${COMMENTS:-20000}
rounds=${ROUNDS:-5}
work=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/moderate-sync.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$root" && swift build -c release --product moderate >&2)
moderate="$root/.build/release/moderate"
python3 - "$corpus" "$comments" "$work/in.jsonl" <<'PY'
import glob, json, os, sys
corpus, wanted, target = sys.argv[1], int(sys.argv[2]), sys.argv[3]
texts = []
for path in sorted(glob.glob(os.path.join(corpus, "*.jsonl"))):
    with open(path, encoding="utf-8") as source:
        texts += [json.loads(line)["text"] for line in source if line.strip()]
with open(target, "w", encoding="utf-8") as out:
    for i in range(wanted):
        out.write(json.dumps({"article": "a%d" % (i % 50), "name": "Reader %d" % i, "email": "r%d@example.com" % i,
                              "body": texts[i % len(texts)], "key": "k%d" % i}, ensure_ascii=False) + "\n")
PY
export MODERATE_RULES="$root/Rules" MODERATE_CONFIG= MODERATE_LOG_LEVEL=warning
now() { date +%s.%N; }
run() {  # run SETTING ROUND: prints the seconds one submit took
  local database="$work/$1-$2.sqlite" start end
  start=$(now)
  MODERATE_SQLITE_SYNCHRONOUS=$1 MODERATE_DATABASE=$database "$moderate" submit --jsonl "$work/in.jsonl" > "$work/out.jsonl" || true
  end=$(now)
  rm -f "$database" "$database-wal" "$database-shm"
  python3 -c "print('%.3f' % ($end - $start))"
}
full=() normal=()
for round in $(seq "$rounds"); do
  a=$(run full "$round"); b=$(run normal "$round")
  full+=("$a") normal+=("$b")
  printf 'round %d  full %7.3f s  normal %7.3f s  ratio %.3f\n' "$round" "$a" "$b" "$(python3 -c "print($a / $b)")"
done
stored=$(grep -c '"id"' "$work/out.jsonl" || true)
python3 - "$comments" "$stored" "${full[*]}" "${normal[*]}" <<'PY'
import statistics, sys
comments, stored = int(sys.argv[1]), int(sys.argv[2])
full = [float(x) for x in sys.argv[3].split()]
normal = [float(x) for x in sys.argv[4].split()]
ratios = sorted(f / n for f, n in zip(full, normal))
print("%d lines, %d stored each run" % (comments, stored))
print("median full   %.3f s  (%.0f comments/s)" % (statistics.median(full), comments / statistics.median(full)))
print("median normal %.3f s  (%.0f comments/s)" % (statistics.median(normal), comments / statistics.median(normal)))
print("ratio full/normal: median %.3f, range %.3f-%.3f" % (statistics.median(ratios), ratios[0], ratios[-1]))
PY
