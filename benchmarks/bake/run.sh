#!/usr/bin/env bash
# Runs the bake benchmark: our bake vs the original plugin's call pattern (one sequential GetParameter per
# secret), side by side on the embedded emulator with added latency per call. Writes RESULTS.md beside this file.
# Arguments are passed on, e.g. ./run.sh --secrets 100 --latency-ms 20 --rounds 9
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
./mvnw -B -q -ntp -pl core,local -am install -DskipTests
./mvnw -B -q -ntp -f benchmarks/bake/pom.xml compile exec:java \
  -Dexec.args="--results $here/RESULTS.md $*"
