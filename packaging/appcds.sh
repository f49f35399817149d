#!/usr/bin/env bash
# AppCDS for the studio's cold start (docs/BENCHMARKS.md, "Desktop studio"): records the classes loaded up to the first
# frame of the window, then dumps them into a class-data sharing archive that the JVM maps instead of loading and
# verifying those classes again. A static archive (-Xshare:dump), so it also works in jpackage's jlinked runtime, which
# has no base CDS archive. The JVM ignores an archive that is missing or was made for other jars (-Xshare:auto).
#
# Usage: packaging/appcds.sh classlist <build dir> <out .classlist>   needs Xvfb (xvfb-run) and libgtk-3-0
#        packaging/appcds.sh jar <build dir>                          target/enclave.classlist + target/enclave.jsa, then
#                                                                     java @packaging/jvm.args -XX:SharedArchiveFile=target/enclave.jsa \
#                                                                       -jar target/enclave.jar
set -euo pipefail
mode=${1:?usage: appcds.sh classlist|jar <build dir> ...}
build=${2:?build dir}
java=${JAVA:-java}
# the installed app's JVM options (packaging/common.args has the same), so the archive is made as the app runs
options="@$(cd "$(dirname "$0")" && pwd)/jvm.args"

classlist() {
  local out=$1 home
  home=$(mktemp -d)
  # The start-up probe opens the first-launch screen, waits for its first frame and exits; the devnet stays off.
  ENCLAVE_HOME="$home" xvfb-run -a "$java" "$options" -XX:DumpLoadedClassList="$out" -Denclave.startup.probe=true \
    -Denclave.devnet=off -jar "$build/enclave.jar" studio
  rm -rf "$home"
  [ -s "$out" ] || { echo "no class list written to $out" >&2; exit 1; }
  echo "[enclave] AppCDS class list: $(grep -vc '^#' "$out") classes in $out"
}

case "$mode" in
  classlist)
    classlist "${3:?out file}"
    ;;
  jar)
    classlist "$build/enclave.classlist"
    rm -f "$build/enclave.jsa"
    "$java" "$options" -Xshare:dump -XX:SharedClassListFile="$build/enclave.classlist" -XX:SharedArchiveFile="$build/enclave.jsa" \
      -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$build/enclave.jar" > /dev/null
    echo "[enclave] AppCDS archive $build/enclave.jsa ($(du -h "$build/enclave.jsa" | cut -f1)):" \
      "java @packaging/jvm.args -XX:SharedArchiveFile=$build/enclave.jsa -jar $build/enclave.jar"
    ;;
  *)
    echo "usage: appcds.sh classlist|jar <build dir> ..." >&2; exit 2
    ;;
esac
