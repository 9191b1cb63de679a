#!/usr/bin/env bash
# Fetches the real media the tests use, by Debian package name, into a cache (never into the repo).
#   scripts/fetch-test-media.sh [CACHE_DIR]     (default: ${SKILLMIRROR_CACHE:-~/.cache/skillmirror}/media)
# Each file's source package and path is listed below; see ../shared/media/README.md for licences.
# Needs apt-get and dpkg-deb (Debian/Ubuntu). On other systems the media-based tests say what is missing.
set -euo pipefail
cache="${1:-${SKILLMIRROR_CACHE:-$HOME/.cache/skillmirror}/media}"
mkdir -p "$cache"
# the pose parity set (photos and clips of people, by Debian and npm package name) lives in its own script
bash "$(dirname "$0")/fetch-parity-media.sh" "$cache/parity"

# target-name|package|path inside the package
files=(
  "opencv_vtest_pedestrians.avi|opencv-doc|usr/share/doc/opencv-doc/examples/data/vtest.avi"
  "opencv_messi5.jpg|opencv-doc|usr/share/doc/opencv-doc/examples/data/messi5.jpg"
  "opencv_basketball1.png|opencv-doc|usr/share/doc/opencv-doc/examples/data/basketball1.png"
  "opencv_basketball2.png|opencv-doc|usr/share/doc/opencv-doc/examples/data/basketball2.png"
  "mecavideo_g1_cyclist.avi|python3-mecavideo|usr/share/pymecavideo/data/video/g1.avi"
  "forensics_movie-hello_talking_head.mp4|forensics-samples-files|usr/share/forensics-samples/original-files/movie2/movie-hello.mp4"
  "kphotoalbum_talking_head.avi|kphotoalbum|usr/share/kphotoalbum/demo/movie.avi"
  "kphotoalbum_grand_canyon_3.jpg|kphotoalbum|usr/share/kphotoalbum/demo/grand_canyon_3.jpg"
  "kphotoalbum_donna.jpg|kphotoalbum|usr/share/kphotoalbum/demo/donna.jpg"
  "librivox|pocketsphinx-testdata|usr/share/pocketsphinx/test/data/librivox"
  "goforward.raw|pocketsphinx-testdata|usr/share/pocketsphinx/test/data/goforward.raw"
  "tidigits|pocketsphinx-testdata|usr/share/pocketsphinx/test/data/tidigits"
  "alsa-sounds|alsa-utils|usr/share/sounds/alsa"
  "asterisk-g722|asterisk-core-sounds-en-g722|usr/share/asterisk/sounds/en_US_f_Allison"
  "asterisk-gsm|asterisk-core-sounds-en-gsm|usr/share/asterisk/sounds/en_US_f_Allison"
  "asterisk-core-sounds-en.txt.gz|asterisk-core-sounds-en|usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz"
)

missing_pkgs=()
for f in "${files[@]}"; do
  IFS='|' read -r name pkg _ <<<"$f"
  [ -e "$cache/$name" ] || missing_pkgs+=("$pkg")
done
[ ${#missing_pkgs[@]} -eq 0 ] && { echo "test media: all present in $cache"; exit 0; }

if ! command -v apt-get >/dev/null || ! command -v dpkg-deb >/dev/null; then
  echo "test media: apt-get/dpkg-deb not found; cannot fetch packages: ${missing_pkgs[*]}" >&2
  exit 1
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for pkg in $(printf '%s\n' "${missing_pkgs[@]}" | sort -u); do
  echo "test media: fetching Debian package $pkg"
  (cd "$work" && apt-get download -q "$pkg" >/dev/null 2>&1) || {
    # a stale package list is the usual cause
    apt-get update -qq >/dev/null 2>&1 || true
    (cd "$work" && apt-get download -q "$pkg")
  }
  mkdir -p "$work/$pkg" && dpkg-deb -x "$work"/"${pkg}"_*.deb "$work/$pkg"
done
for f in "${files[@]}"; do
  IFS='|' read -r name pkg path <<<"$f"
  [ -e "$cache/$name" ] && continue
  [ -e "$work/$pkg/$path" ] || { echo "test media: $path not in $pkg" >&2; exit 1; }
  cp -r "$work/$pkg/$path" "$cache/$name.tmp" && mv "$cache/$name.tmp" "$cache/$name"
done
echo "test media: ready in $cache"
