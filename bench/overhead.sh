#!/usr/bin/env bash
# What the rate limiter and metering add to a predict: builds the server, then runs PredictOverhead against an
# embedded PostgreSQL. Usage: bench/overhead.sh [predicts-per-variant]
set -euo pipefail
cd "$(dirname "$0")/.."
# One reactor run, so the server's sibling modules (api-spec, docs, test-support) resolve to this checkout's builds.
./mvnw -q -B -pl server -am package -DskipTests dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
# This checkout's spec first: the local repository may hold another build's.
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "api-spec/target/classes:server/target/classes:$(cat server/target/bench.classpath)" bench/PredictOverhead.java "${1:-3000}"
