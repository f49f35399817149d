#!/usr/bin/env bash
# Builds the Linux app-image and .deb with jpackage from a packaged build (mvn -Pinstallers verify runs this).
# Usage: packaging/build-installers.sh <build dir> <version>
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build=${1:?usage: build-installers.sh <build dir> <version>}
version=${2:?version}
version=${version%%-*}            # jpackage wants a numeric version: 0.1.0-SNAPSHOT -> 0.1.0
cd "$root"
command -v jpackage >/dev/null || { echo "jpackage is missing: install a full JDK 17+" >&2; exit 1; }
command -v fakeroot >/dev/null && command -v dpkg-deb >/dev/null || { echo "apt-get install fakeroot dpkg-dev" >&2; exit 1; }

input="$build/installer-input"
rm -rf "$input" "$build/installer"
mkdir -p "$input/lib" "$build/installer"
cp "$build/enclave.jar" "$input/"
cp "$build"/lib/*.jar "$input/lib/"
# AppCDS (faster cold start): the classes loaded up to the first frame, shipped as lib/app/enclave.classlist; the
# archive is dumped from it where the app lives (below for the app-image, by the .deb's postinst at install time).
"$root/packaging/appcds.sh" classlist "$build" "$input/enclave.classlist"
"$root/packaging/icons.sh" "$build/icons"
# jpackage resolves relative paths in argument files against the working directory: run from the project root.
t0=$(date +%s)
jpackage --type app-image --input "$input" --dest "$build/installer" --app-version "$version" \
  --icon "$build/icons/enclave.png" @packaging/common.args
image=$(find "$build/installer" -maxdepth 1 -mindepth 1 -type d | head -1)
JAVA_TOOL_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$image/lib/app/enclave.classlist -Xlog:cds=off" \
  "$image/bin/Enclave" > /dev/null
echo "[enclave] AppCDS archive $(du -h "$image/lib/app/enclave.jsa" | cut -f1) in the app-image"
t1=$(date +%s)
jpackage --type deb --input "$input" --dest "$build/installer" --app-version "$version" \
  --icon "$build/icons/enclave.png" @packaging/common.args @packaging/linux/deb.args
t2=$(date +%s)
echo "[enclave] app-image in $((t1 - t0)) s, .deb in $((t2 - t1)) s:"
ls -la "$build/installer"
