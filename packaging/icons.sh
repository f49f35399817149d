#!/usr/bin/env bash
# Renders the icon master icons/enclave.svg into PNGs (16-1024 px), enclave.ico and enclave.icns under $1.
# Needs Debian's librsvg2-bin (rsvg-convert), imagemagick (convert) and icnsutils (png2icns).
set -euo pipefail
out=${1:?usage: icons.sh <output dir>}
src="$(cd "$(dirname "$0")/.." && pwd)/icons/enclave.svg"
for tool in rsvg-convert convert png2icns; do
  command -v "$tool" >/dev/null || { echo "icons.sh: $tool is missing: apt-get install librsvg2-bin imagemagick icnsutils" >&2; exit 1; }
done
mkdir -p "$out"
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" "$src" -o "$out/enclave-$size.png"
done
convert "$out"/enclave-{16,24,32,48,64,128,256}.png "$out/enclave.ico"
png2icns "$out/enclave.icns" "$out"/enclave-{16,32,48,128,256,512,1024}.png >/dev/null
cp "$out/enclave-256.png" "$out/enclave.png"
echo "icons.sh: rendered $(ls "$out" | wc -l) files into $out"
