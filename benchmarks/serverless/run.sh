#!/usr/bin/env bash
# Whole `sls package` with no secrets plugin, the original serverless-secret-baker and ours, side by side on the
# emulator with 20 ms added per call. Builds the CLI jars first, then runs bench.js, which writes RESULTS.md here.
# Arguments are passed on, e.g. ./run.sh --sizes 1,3,10,50 --rounds 7 --latency-ms 20 --variants none,original,ours,ours-late
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
(cd "$root" && ./mvnw -B -q -ntp -pl cli -am package -DskipTests)
node "$root/serverless-plugin/scripts/copy-cli-jar.js" "$root/cli/target/secret-baker-bake.jar"
exec node "$here/bench.js" --results "$here/RESULTS.md" "$@"
