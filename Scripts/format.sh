#!/usr/bin/env bash
# Formats the Swift sources with swift-format and the repository's .swift-format.
#   Scripts/format.sh           rewrite files in place
#   Scripts/format.sh --check   change nothing; list unformatted files and exit 1 if there are any
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Package.swift Sources Tests Benchmarks/Package.swift Benchmarks/Benchmarks)
if [ "${1:-}" != "--check" ]; then
  exec swift format format --in-place --recursive --parallel "${paths[@]}"
fi
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
tar cf - .swift-format "${paths[@]}" | tar xf - -C "$scratch"
(cd "$scratch" && swift format format --in-place --recursive --parallel "${paths[@]}")
status=0
while IFS= read -r file; do
  if ! cmp -s "$file" "$scratch/$file"; then
    echo "format: $file is not formatted (run Scripts/format.sh)" >&2
    status=1
  fi
done < <(cd "$scratch" && find "${paths[@]}" -name '*.swift' -type f)
[ "$status" -eq 0 ] && echo "format: every Swift file is formatted" >&2
exit "$status"
