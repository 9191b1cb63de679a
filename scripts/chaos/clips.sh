#!/usr/bin/env bash
# Cuts the test media (scripts/fetch-test-media.sh) into the chaos benchmark's clips: 2-4 s each, different content and
# lengths, each with a person the pose stage finds, some with speech (clips.txt: the first N lines are used).
# Usage: clips.sh OUT_DIR [N] [SPEC]
set -euo pipefail
out=${1:?usage: clips.sh OUT_DIR [N] [SPEC]}
want=${2:-24}
spec=${3:-$(dirname "$0")/clips.txt}
media=${SKILLMIRROR_CACHE:-$HOME/.cache/skillmirror}/media
mkdir -p "$out"
n=0
while read -r name source start seconds filter audio; do
    [[ -z $name || $name == \#* ]] && continue
    (( n < want )) || break
    n=$((n + 1))
    [[ -f $media/$source ]] || { echo "missing $media/$source: run scripts/fetch-test-media.sh" >&2; exit 2; }
    file=$(printf '%s/%02d-%s.mp4' "$out" "$n" "$name")
    [[ -s $file ]] && continue
    if [[ $start == loop* ]]; then # a very short clip played N times
        input=(-stream_loop $((${start#loop} - 1)) -i "$media/$source")
    else
        input=(-ss "$start" -t "$seconds" -i "$media/$source")
    fi
    if [[ $audio == yes ]]; then sound=(-ac 1 -c:a aac -b:a 64k); else sound=(-an); fi
    ffmpeg -nostdin -hide_banner -loglevel error -y "${input[@]}" -vf "$filter" -c:v libx264 -preset veryfast \
        -crf 26 -pix_fmt yuv420p "${sound[@]}" -movflags +faststart "$file"
done < "$spec"
if (( n < want )); then
    echo "$spec names only $n clips (asked for $want)" >&2
    exit 2
fi
