#!/usr/bin/env bash
# Runs the Spring start-up benchmark and writes benchmarks/spring-startup/RESULTS.md.
#   run.sh [rounds]
# Builds the project's modules into a local repository under this folder's target/ (never into ~/.m2, which
# is only read, as a file repository, for the dependencies it already holds), then the benchmark modules.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
local_repo="$here/target/m2"
settings="$here/target/settings.xml"
mkdir -p "$here/target"
outer="file://${HOME}/.m2/repository"
cat > "$settings" <<XML
<settings>
  <profiles><profile><id>outer</id>
    <repositories><repository><id>outer-local</id><url>$outer</url><snapshots><enabled>false</enabled></snapshots></repository></repositories>
    <pluginRepositories><pluginRepository><id>outer-local</id><url>$outer</url><snapshots><enabled>false</enabled></snapshots></pluginRepository></pluginRepositories>
  </profile></profiles>
  <activeProfiles><activeProfile>outer</activeProfile></activeProfiles>
</settings>
XML

cd "$repo"
./mvnw -B -ntp -q -s "$settings" -Dmaven.repo.local="$local_repo" -pl frameworks/spring-boot,core,local -am install -Dmaven.test.skip=true
./mvnw -B -ntp -q -s "$settings" -Dmaven.repo.local="$local_repo" -f "$here/pom.xml" package

harness="$here/harness"
exec java -cp "$harness/target/classes:$(cat "$harness/target/classpath.txt")" \
  dev.secretbaker.benchmarks.spring.StartupBenchmark "$here" "$@"
