#!/usr/bin/env bash
# Runs the runtime benchmarks and writes benchmarks/runtime/RESULTS.md.
#   run.sh [rounds] [--no-jmh]
# Builds the project's modules first (tests neither compiled nor run), then the benchmark modules, which are not part of the
# default reactor so that `./mvnw verify` stays fast.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

cd "$repo"
./mvnw -B -ntp -q -pl runtime,local -am install -Dmaven.test.skip=true
./mvnw -B -ntp -q -f "$here/pom.xml" package

harness="$here/harness"
exec java -cp "$harness/target/classes:$(cat "$harness/target/classpath.txt")" \
  dev.secretbaker.benchmarks.runtime.RuntimeBenchmark "$here" "$@"
