#!/usr/bin/env bash
# The dashboard at scale (issue 15): RUNS runs x LINES log lines (default 50 x 100,000, about 1 GB of
# log.jsonl in a temporary directory unless DIR is given), then /api/runs and /api/compare of 8 runs
# timed cold, warm and after one appended line per log. Prints one line per measurement.
# Usage: scripts/bench/dashboard-scale.sh [RUNS] [LINES] [DIR]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
mvn -q -B -DskipTests -Dspotless.check.skip=true test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >&2
cp="target/classes:target/test-classes:$(cat target/test-classpath.txt)"
echo "# machine load: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) on $(nproc) cores"
java -XX:+UseParallelGC -Xmx3g -cp "$cp" org.tinyformer.visualization.dashboard.DashboardScale "$@"
