#!/usr/bin/env bash
# The main job on embedded SQLite, from nothing: build, create a fresh database, submit sample
# comments (one refused at intake), run the worker until the queue is drained, show the queue.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/setup.sh
swift build --product moderate
moderate=.build/debug/moderate
db=var/demo.sqlite
mkdir -p var
rm -f "$db" "$db-wal" "$db-shm"
export MODERATE_DATABASE="$db"
say() { printf '\n\033[1m%s\033[0m\n' "$*"; }

say "submit: the seed comment, on-topic news talk, spam, abuse, an Urdu comment"
$moderate submit --article a1 --name Reader --email reader@example.com --body "long live Pakistan army"
$moderate submit --article a1 --name Analyst --email analyst@example.com --body "ISIL claimed the bombing in Peshawar; the TTP denied any role."
$moderate submit --article a1 --name Promo --email promo@example.com --body "Check out my channel http://spam.example and subscribe!!! WhatsApp 0300-1234567"
$moderate submit --article a1 --name Angry --email angry@example.com --body "you are a fucking idiot"
$moderate submit --article a1 --name قاری --email qari@example.com --body "پاکستان زندہ باد"
say "submit: a comment over 1,500 characters is refused at intake (exit 65), nothing stored"
if $moderate submit --article a1 --name Long --email long@example.com --body "$(printf 'a%.0s' $(seq 1 1501))"; then
  echo "unexpected: accepted" >&2; exit 1
else
  echo "refused with exit $?"
fi
say "worker --once: decide everything pending"
$moderate worker --once
say "queue list --state all"
$moderate queue list --state all
say "comments --article a1: what the site shows"
$moderate comments --article a1
