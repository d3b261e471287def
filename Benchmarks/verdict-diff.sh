#!/usr/bin/env bash
# Verdicts of two builds side by side: `moderate check --jsonl` over every labeled corpus
# (../shared/data/corpus/*.jsonl), as they are and with a name, email and article filled in (the
# corpora carry only text, so as they are every line is rejected by the policy), with the shipped
# Rules; counts the lines that differ, and of those the ones whose only change is an added
# `"would_be"` field, and how many verdicts would change if the shadow rules were enforced.
#   Benchmarks/verdict-diff.sh BEFORE_BINARY [AFTER_BINARY]
# AFTER_BINARY defaults to .build/debug/moderate. Each binary needs its
# moderate_TextFolding.resources beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
before=$1
after=${2:-.build/debug/moderate}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for corpus in ../shared/data/corpus/*.jsonl; do
  name=$(basename "$corpus" .jsonl)
  python3 -c '
import json, sys
with open(sys.argv[2], "w") as out:
    for line in open(sys.argv[1]):
        v = json.loads(line); v.update(name="Reader", email="reader@example.com", article="a1")
        out.write(json.dumps(v, ensure_ascii=False) + "\n")
' "$corpus" "$work/$name.filled.jsonl"
  for input in "$corpus" "$work/$name.filled.jsonl"; do
    MODERATE_CONFIG= "$before" check --jsonl "$input" --rules Rules > "$work/before" 2> /dev/null || true
    MODERATE_CONFIG= "$after" check --jsonl "$input" --rules Rules > "$work/after" 2> /dev/null || true
    python3 - "$work/before" "$work/after" "$name$([ "$input" = "$corpus" ] || echo ' (filled)')" <<'PY'
import json, sys
before = open(sys.argv[1]).read().splitlines()
after = open(sys.argv[2]).read().splitlines()
changed = only_would_be = would_be = differs = 0
for b, a in zip(before, after):
    v = json.loads(a)
    if "would_be" in v:
        would_be += 1
        differs += v["would_be"] != v["decision"]
    if a == b:
        continue
    changed += 1
    rest = a[len(b) - 1:]
    only_would_be += a.startswith(b[:-1]) and rest.startswith(',"would_be":"') and rest.endswith('"}') and len(rest) < 24
print(f"{sys.argv[3]}: {len(after)} lines ({len(before)} before), {changed} changed, {only_would_be} of them only by an added would_be; "
      f"would_be on {would_be}, differing from the decision on {differs}")
PY
  done
done
