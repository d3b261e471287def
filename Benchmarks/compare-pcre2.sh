#!/usr/bin/env bash
# Side by side, in one run, on one core: `moderate check --jsonl` (whole process: read comments,
# evaluate, write verdicts) against `pcre2_bench` (C calling PCRE2's JIT on every comment × every
# pattern) on the same generated patterns and comments. Checks that both find the same
# (comment, rule) hits, and prints the ratios.
#
#   Benchmarks/compare-pcre2.sh                 # 50, 500 and 2,000 rules × 10,000 comments
#   RULES="50 2000" COMMENTS=5000 REPEATS=1 Benchmarks/compare-pcre2.sh
#
# Each side's figure is its best of REPEATS (default 5) interleaved runs.
#
#   INSTRUCTIONS=1 Benchmarks/compare-pcre2.sh  # also moderate's instruction counts (valgrind)
#
# Instruction counts do not drift with the machine's load, so two builds compare exactly: each
# workload's loading (a process with no input) and its instructions a comment beyond that, under
# callgrind with deterministic hashing, on a copy of the binary without its debug information
# (which valgrind cannot read). PCRE2's JIT code is counted too. A count is not a time (cache
# misses are free in it), so the ratios above stay the measure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench=${BENCH_DIR:-$root/../shared/bench}
rules_sizes=${RULES:-"50 500 2000"}
comments=${COMMENTS:-10000}
repeats=${REPEATS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$root/Scripts/setup.sh"
cc -O2 -o "$work/pcre2_bench" "$bench/pcre2_bench.c" -lpcre2-8
(cd "$root" && swift build -c release --static-swift-stdlib --product moderate >&2)
moderate="$root/.build/release/moderate"
one_core="taskset -c 0"
command -v taskset >/dev/null 2>&1 || one_core=""

now() { date +%s.%N; }

# A rules folder with one `hold` rule a pattern (ids bench.r0000…) and a policy with no required fields.
to_rules() {
  python3 - "$1" "$2" <<'PY'
import os, sys
patterns, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "policy.yaml"), "w") as f:
    f.write("mode: post-moderation\nlength_unit: characters\nfields:\n  body: { required: false }\nscores: { hold: 5, reject: 10 }\n")
with open(patterns, encoding="utf-8") as f, open(os.path.join(out, "bench.yaml"), "w", encoding="utf-8") as y:
    y.write("rules:\n")
    for i, line in enumerate(l.rstrip("\n") for l in f):
        if not line:
            continue
        flags = ""
        if line.startswith("(?i)"):
            line, flags = line[4:], "\n    flags: [caseless]"
        y.write("  - id: bench.r%04d\n    pattern: '%s'%s\n    action: hold\n" % (i, line.replace("'", "''"), flags))
PY
}

# `comment-index rule-index` a line, sorted, from check's verdict lines.
our_hits() {
  python3 - "$1" <<'PY'
import json, sys
pairs = set()
for index, line in enumerate(open(sys.argv[1], encoding="utf-8")):
    for hit in json.loads(line).get("hits", []):
        pairs.add((index, int(hit["rule"].split(".r")[1])))
for c, r in sorted(pairs):
    print(c, r)
PY
}

printf '%-6s %-9s %12s %12s %12s %10s %10s %8s %s\n' rules comments "raw c/s" "raw+io c/s" "ours c/s" "ratio" "load s" "hits" "same hits"
for n in $rules_sizes; do
  python3 "$bench/gen_workload.py" --rules "$n" --comments "$comments" --patterns "$work/p$n.txt" --corpus "$work/corpus.jsonl" >/dev/null
  to_rules "$work/p$n.txt" "$work/rules$n"
  # Each side's best of $repeats runs, interleaved (raw, load, ours, raw, load, ours, …): the
  # machine is shared, and a pause of a tenth of a second halves a 0.4 s run's rate.
  raw_wall=999999; raw_cps=0; load=999999; ours_wall=999999
  for _ in $(seq "$repeats"); do
    start=$(now)
    raw=$($one_core "$work/pcre2_bench" --dump "$work/raw$n.hits" "$work/p$n.txt" "$work/corpus.jsonl")
    raw_wall=$(python3 -c "print(min($raw_wall, $(now) - $start))")
    raw_cps=$(python3 -c "print(max($raw_cps, $(sed -E 's/.*comments_per_s=([0-9.]+).*/\1/' <<<"$raw")))")
    start=$(now)
    # Load: a whole `check` process with no input (read and compile the rules, build the prefilters).
    $one_core "$moderate" check --rules "$work/rules$n" --jsonl /dev/null >/dev/null
    load=$(python3 -c "print(round(min($load, $(now) - $start), 3))")
    start=$(now)
    $one_core "$moderate" check --rules "$work/rules$n" --jsonl "$work/corpus.jsonl" > "$work/ours$n.jsonl"
    ours_wall=$(python3 -c "print(min($ours_wall, $(now) - $start))")
  done
  our_hits "$work/ours$n.jsonl" > "$work/ours$n.hits"
  sort -n -k1,1 -k2,2 "$work/raw$n.hits" > "$work/raw$n.sorted"
  same=no
  cmp -s "$work/raw$n.sorted" "$work/ours$n.hits" && same=yes
  python3 - "$n" "$comments" "$raw_cps" "$raw_wall" "$ours_wall" "$load" "$(wc -l < "$work/ours$n.hits")" "$same" <<'PY'
import sys
n, m, raw_cps, raw_wall, ours_wall, load, hits, same = sys.argv[1:]
m = int(m)
ours = m / float(ours_wall)
raw_io = m / float(raw_wall)
print("%-6s %-9s %12.0f %12.0f %12.0f %9.2fx %10s %8s %s" % (n, m, float(raw_cps), raw_io, ours, ours / raw_io, load, hits, same))
PY
  if [ "${INSTRUCTIONS:-0}" = 1 ]; then
    [ -f "$work/moderate.sd" ] || strip --strip-debug -o "$work/moderate.sd" "$moderate"
    count() {
      SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        "$work/moderate.sd" check --rules "$work/rules$n" --jsonl "$1" 2>&1 >/dev/null | sed -nE 's/.*Collected : ([0-9]+).*/\1/p'
    }
    loading=$(count /dev/null)
    whole=$(count "$work/corpus.jsonl")
    python3 -c "print('  instructions: loading %.3f G, %.0f a comment' % ($loading / 1e9, ($whole - $loading) / $comments))"
  fi
  if [ "$same" != yes ]; then
    echo "hits differ for $n rules:" >&2
    diff "$work/raw$n.sorted" "$work/ours$n.hits" | head -10 >&2 || true
  fi
done
echo "ratio = ours ÷ raw+io: whole process against whole process (raw+io = pcre2_bench's comments ÷ its wall time, loading included); each the best of $repeats interleaved runs."
echo "load s = a whole moderate check process with no input: start, read and compile the rules, build the prefilters."
