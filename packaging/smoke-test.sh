#!/usr/bin/env bash
# Proves the installed app starts: unpacks the .deb into a scratch root, starts Enclave under Xvfb and waits for its
# window. Needs Debian's xvfb, x11-utils (xwininfo), libgtk-3-0 and imagemagick (for the screenshot).
# Usage: packaging/smoke-test.sh <build dir>
set -euo pipefail
build=${1:?usage: smoke-test.sh <build dir>}
deb=$(ls "$build"/installer/enclave_*.deb | head -1)
scratch=$(mktemp -d)
home=$(mktemp -d)
cleanup() { [ -n "${app:-}" ] && kill "$app" 2>/dev/null; [ -n "${xvfb:-}" ] && kill "$xvfb" 2>/dev/null; rm -rf "$scratch" "$home"; }
trap cleanup EXIT
dpkg-deb -x "$deb" "$scratch"
launcher=$(find "$scratch" -path '*/bin/Enclave' -type f | head -1)
[ -x "$launcher" ] || { echo "no launcher in $deb" >&2; exit 1; }
desktop=$(find "$scratch" -name '*.desktop' -type f -not -path '*/legal/*' | head -1)
[ -n "$desktop" ] || { echo "no desktop entry in $deb" >&2; exit 1; }
echo "desktop entry: ${desktop:-none}"
# What the .deb's postinst does at install time: the AppCDS archive for the installed paths (packaging/appcds.sh).
appdir=$(dirname "$(find "$scratch" -name enclave.classlist -type f | head -1)")
JAVA_TOOL_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$appdir/enclave.classlist -Xlog:cds=off" "$launcher" >/dev/null 2>&1
[ -s "$appdir/enclave.jsa" ] || { echo "the postinst's AppCDS dump made no archive" >&2; exit 1; }
display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp & xvfb=$!
sleep 1
ENCLAVE_HOME="$home" DISPLAY="$display" "$launcher" > "$build/smoke-test.log" 2>&1 & app=$!
for i in $(seq 1 60); do
  if DISPLAY="$display" xwininfo -root -tree 2>/dev/null | grep -q '"Enclave'; then
    # The window exists; give it time to paint, then check the screen is not blank.
    for j in $(seq 1 30); do
      sleep 1
      DISPLAY="$display" import -window root "$build/installed-app.png" 2>/dev/null || continue
      mean=$(convert "$build/installed-app.png" -format '%[fx:mean]' info:)
      if awk -v m="$mean" 'BEGIN { exit !(m > 0.05) }'; then
        echo "smoke test passed: the installed Enclave showed its window after $((i + j))s (screenshot: $build/installed-app.png)"
        exit 0
      fi
    done
    echo "the Enclave window stayed blank"; cat "$build/smoke-test.log"; exit 1
  fi
  kill -0 "$app" 2>/dev/null || { echo "the app exited:"; cat "$build/smoke-test.log"; exit 1; }
  sleep 1
done
echo "no Enclave window after 60 s:"; cat "$build/smoke-test.log"; exit 1
