#!/usr/bin/env bash
# Steady-state allocation check of the hot kernels (a developer tool, not a test: it depends on JIT
# timing). Each case is warmed up for SECONDS (C2 must have compiled it: C1 code and Vector API
# calls that C2 could not intrinsify allocate), then bytes allocated per call are measured with
# ThreadMXBean on one thread and on the pool. Prints `kernel bytes/call (one thread) bytes/call
# (pool) limit status` and exits 1 when a case allocates more than its limit (see AllocationCheck).
# Usage: scripts/bench/alloc-check.sh [SECONDS-per-case, default 2.5] [name filter, e.g. matmul]
# Builds with the default JDK; runs on JDK 25 (JAVA25_HOME to override).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
java25="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$repo"
mvn -q -B -DskipTests -Dspotless.check.skip=true test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >&2
cp="target/classes:target/test-classes:$(cat target/test-classpath.txt)"
echo "# machine load: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) on $(nproc) cores"
"$java25/bin/java" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx2g -cp "$cp" \
  org.tinyformer.kernels.AllocationCheck "$@" 2> >(grep -v '^WARNING: Using incubator' >&2)
