#!/usr/bin/env bash
# Runs the runtime benchmarks and writes benchmarks/runtime/RESULTS.md.
#   run.sh [rounds] [--no-jmh]
# Builds the project's modules first (tests neither compiled nor run), then the benchmark modules, which are not part of the
# default reactor so that `./mvnw verify` stays fast. The project's snapshots are installed into a repository under
# target/ (with ~/.m2 as a read-only tail for everything else), so that they never mix with ~/.m2.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
local_repo="$repo/target/benchmark-repository"
maven_repos=(-Dmaven.repo.local="$local_repo" -Dmaven.repo.local.tail="${MAVEN_REPO_TAIL:-$HOME/.m2/repository}")

cd "$repo"
./mvnw -B -ntp -q "${maven_repos[@]}" -pl runtime,local -am install -Dmaven.test.skip=true
./mvnw -B -ntp -q "${maven_repos[@]}" -f "$here/pom.xml" package

harness="$here/harness"
exec java -cp "$harness/target/classes:$(cat "$harness/target/classpath.txt")" \
  dev.secretbaker.benchmarks.runtime.RuntimeBenchmark "$here" "$@"
