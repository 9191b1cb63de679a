#!/usr/bin/env bash
# Runs a command and prefixes each line it prints (stdout and stderr) with the seconds since this script started,
# e.g. how long `./skillmirror analyze` takes to show its first line:
#   scripts/timed-lines.sh ./skillmirror analyze --skill running-gait CLIP | head -3
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }
start=$(date +%s%N)
"$@" 2>&1 | while IFS= read -r line; do
  now=$(date +%s%N)
  printf '%7.2f s  %s\n' "$(( (now - start) / 1000000 ))e-3" "$line"
done
