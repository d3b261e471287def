#!/usr/bin/env bash
# The hand-written JSON line reader against Foundation's JSONDecoder, side by side in one run:
#
# 1. parsing alone: Benchmarks/json-reader/ParseLines.swift, built with swiftc -O together with the
#    reader's sources, times JSONLineReader, JSONDecoder (a Decodable struct of SubmissionLine's
#    fields) and JSONSerialization on the same lines;
# 2. a whole `moderate check --jsonl F --rules Rules > /dev/null`, two release builds: this
#    checkout, and the same with Benchmarks/json-reader/SubmissionLine+JSONDecoder.swift in place of
#    Sources/ModerationApp/SubmissionLine.swift. The variant is built in this checkout's .build (an
#    incremental build, where a copy of the repository would build everything again): the script
#    swaps the file in, builds, copies the binary out and puts the file back on exit, whatever
#    happens (not after a kill -9: then `git diff` shows it). Both builds must write the same verdicts.
#    Inputs: the labeled corpora ../shared/data/corpus/*.jsonl concatenated, and the 10,000
#    generated comments of compare-pcre2.sh (gen_workload.py); the shipped Rules. PAIRS (default 8)
#    interleaved pairs a input; best and median of each side;
# 3. callgrind's instruction totals of the same command (deterministic) on the first
#    CALLGRIND_LINES (default 5,000) lines of each input, and of a run with no input (loading).
#
#   Benchmarks/json-reader.sh
#   PAIRS=3 CALLGRIND=0 Benchmarks/json-reader.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_DIR:-$root/../shared}
pairs=${PAIRS:-8}
callgrind_lines=${CALLGRIND_LINES:-5000}
work=$(mktemp -d)
submission=$root/Sources/ModerationApp/SubmissionLine.swift
cp -p "$submission" "$work/SubmissionLine.swift.original"
trap 'cp -p "$work/SubmissionLine.swift.original" "$submission"; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

"$root/Scripts/setup.sh"

# The inputs.
cat "$shared"/data/corpus/*.jsonl > "$work/corpus.jsonl"
python3 "$shared/bench/gen_workload.py" --rules 50 --comments 10000 --patterns "$work/patterns.txt" \
  --corpus "$work/generated.jsonl" >/dev/null

# 1. Parsing alone.
app=$root/Sources/ModerationApp
cp "$root/Benchmarks/json-reader/ParseLines.swift" "$work/main.swift"
swiftc -O -swift-version 5 -suppress-warnings -o "$work/parse-lines" "$app/JSONLineParser.swift" \
  "$app/JSONLineParser+Strings.swift" "$app/JSONLineReader.swift" "$app/UTF8Validation.swift" \
  "$app/JSONNumberText.swift" "$work/main.swift"
for input in corpus generated; do
  echo "== parsing alone, $input.jsonl"
  "$work/parse-lines" "$work/$input.jsonl"
done

# 2. Two release builds.
build() { (cd "$root" && swift build -c release --static-swift-stdlib --product moderate >&2); }
build
cp "$root/.build/release/moderate" "$work/moderate-hand"
cp "$root/Benchmarks/json-reader/SubmissionLine+JSONDecoder.swift" "$submission"
build
cp "$root/.build/release/moderate" "$work/moderate-foundation"
cp -p "$work/SubmissionLine.swift.original" "$submission"
hand=$work/moderate-hand
foundation=$work/moderate-foundation

for input in corpus generated; do
  "$hand" check --jsonl "$work/$input.jsonl" --rules "$root/Rules" > "$work/hand.out" || true
  "$foundation" check --jsonl "$work/$input.jsonl" --rules "$root/Rules" > "$work/foundation.out" || true
  if ! cmp -s "$work/hand.out" "$work/foundation.out"; then
    echo "$input.jsonl: the two builds' verdicts differ" >&2
    diff "$work/hand.out" "$work/foundation.out" | head -6 >&2 || true
    exit 1
  fi
done

now() { date +%s.%N; }
run() { "$1" check --jsonl "$2" --rules "$root/Rules" > /dev/null || true; }

echo "== a whole check --jsonl run, $pairs interleaved pairs (hand-written, then JSONDecoder; the order alternates)"
printf '%-10s %7s %12s %12s %12s %12s %8s %8s\n' input lines "hand best s" "hand med s" "found best s" "found med s" "best ×" "med ×"
for input in corpus generated; do
  : > "$work/times"
  for pair in $(seq "$pairs"); do
    for side in $( ((pair % 2)) && echo "hand foundation" || echo "foundation hand"); do
      binary=$hand
      [ "$side" = foundation ] && binary=$foundation
      start=$(now)
      run "$binary" "$work/$input.jsonl"
      echo "$side $(python3 -c "print($(now) - $start)")" >> "$work/times"
    done
  done
  python3 - "$input" "$(wc -l < "$work/$input.jsonl")" "$work/times" <<'PY'
import statistics, sys
input, lines, path = sys.argv[1:]
times = {"hand": [], "foundation": []}
for line in open(path):
    side, seconds = line.split()
    times[side].append(float(seconds))
h, f = times["hand"], times["foundation"]
print("%-10s %7s %12.3f %12.3f %12.3f %12.3f %7.2fx %7.2fx" % (
    input, lines, min(h), statistics.median(h), min(f), statistics.median(f),
    min(f) / min(h), statistics.median(f) / statistics.median(h)))
print("           all hand s:       " + " ".join("%.2f" % t for t in h))
print("           all JSONDecoder s: " + " ".join("%.2f" % t for t in f))
PY
done
echo "× = JSONDecoder build's time ÷ hand-written build's time."

# 3. Instructions (valgrind cannot read the debug information: copies without it).
if [ "${CALLGRIND:-1}" = 1 ]; then
  strip --strip-debug -o "$work/hand.sd" "$hand"
  strip --strip-debug -o "$work/foundation.sd" "$foundation"
  count() {
    SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
      "$1" check --jsonl "$2" --rules "$root/Rules" 2>&1 >/dev/null | sed -nE 's/.*Collected : ([0-9]+).*/\1/p'
  }
  echo "== instructions (callgrind), first $callgrind_lines lines"
  printf '%-10s %16s %16s %8s %14s %14s\n' input "hand" "JSONDecoder" "×" "hand /line" "found. /line"
  hand_load=$(count "$work/hand.sd" /dev/null)
  foundation_load=$(count "$work/foundation.sd" /dev/null)
  printf '%-10s %16s %16s\n' "(loading)" "$hand_load" "$foundation_load"
  for input in corpus generated; do
    head -n "$callgrind_lines" "$work/$input.jsonl" > "$work/small.jsonl"
    h=$(count "$work/hand.sd" "$work/small.jsonl")
    f=$(count "$work/foundation.sd" "$work/small.jsonl")
    python3 -c "print('%-10s %16d %16d %7.2fx %14.0f %14.0f' % ('$input', $h, $f, $f / $h, ($h - $hand_load) / $callgrind_lines, ($f - $foundation_load) / $callgrind_lines))"
  done
  echo "× = JSONDecoder build's instructions ÷ hand-written build's, loading included; /line = beyond loading, a line."
fi
