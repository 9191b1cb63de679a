#!/usr/bin/env bash
# Makes N short, distinct clips of a real person for the many-videos benchmark (issue 12, item 6):
#   scripts/many-clips.sh 200 /tmp/many && SKILLMIRROR_JAVA_OPTS=-Xmx512m ./skillmirror bench job /tmp/many/*.mp4
# Each clip is 2 s of the talking-head clip of the Debian package forensics-samples-files (fetched by
# scripts/fetch-test-media.sh), 640x360 at 30 fps, cut at its own offset so no two clips are the same file.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 COUNT DIR" >&2; exit 2; }
count=$1
dir=$2
source_clip="${SKILLMIRROR_CACHE:-$HOME/.cache/skillmirror}/media/forensics_movie-hello_talking_head.mp4"
[ -f "$source_clip" ] || { echo "$source_clip is missing: run scripts/fetch-test-media.sh first" >&2; exit 1; }
mkdir -p "$dir"
for i in $(seq 1 "$count"); do
  # offsets 0.00 .. 6.27 s, a different start frame for every clip
  offset=$(awk -v i="$i" 'BEGIN { printf "%.2f", (i * 0.033) % 6.3 }')
  ffmpeg -v error -y -ss "$offset" -i "$source_clip" -t 2 -vf scale=640:360,fps=30 -c:v libx264 -preset veryfast \
    -pix_fmt yuv420p -c:a aac "$dir/clip-$(printf '%03d' "$i").mp4"
done
echo "$count clips in $dir"
