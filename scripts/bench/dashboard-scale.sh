#!/usr/bin/env bash
# The dashboard at scale (issue 15, acceptance 3), measured as a user meets it: RUNS runs x LINES log
# lines (default 50 x 100,000, about 720 MB of log.jsonl; in a temporary directory unless DIR is
# given, and reused when DIR already holds them), then `./tinyformer dashboard --runs DIR` is started
# and, the moment it prints its URL, curl asks for the runs page data (/api/runs) cold, warm, a compare
# of 8 runs on every x axis, and both again after one line was appended to every log.
# Prints one line per measurement, the request's wall time as curl sees it.
# Usage: scripts/bench/dashboard-scale.sh [RUNS] [LINES] [DIR]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
runs="${1:-50}"
lines="${2:-100000}"
dir="${3:-$(mktemp -d /tmp/dashboard-scale.XXXXXX)}"
mvn -q -B -DskipTests -Dspotless.check.skip=true test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >&2
cp="target/classes:target/test-classes:$(cat target/test-classpath.txt)"
fixture() { java -cp "$cp" org.tinyformer.visualization.dashboard.DashboardScale "$@"; }
mapfile -t ids < <(fixture "$runs" "$lines" "$dir")
./tinyformer --help >/dev/null # builds the jar now, so the timings below do not include a build

echo "# machine load: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) on $(nproc) cores"
out="$(mktemp)"
launched=$(date +%s.%N)
./tinyformer dashboard --runs "$dir" --port 0 >"$out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$out"' EXIT
url=""
for _ in $(seq 1 600); do
  url=$(sed -n 's/.* at \(http[^ ]*\) .*/\1/p' "$out")
  [ -n "$url" ] && break
  sleep 0.05
done
[ -n "$url" ] || { cat "$out" >&2; echo "the dashboard printed no URL" >&2; exit 1; }
printf '%-45s %8.3f s\n' "start: command to URL printed" "$(echo "$(date +%s.%N) - $launched" | bc)"

time_get() { # what path
  local r
  r=$(curl -s -o /tmp/dashboard-scale-body.$$ -w '%{http_code} %{time_total} %{size_download}' "$url$2")
  set -- "$1" $r
  [ "$2" = 200 ] || { echo "$1: HTTP $2" >&2; cat /tmp/dashboard-scale-body.$$ >&2; exit 1; }
  printf '%-45s %8.3f s  (%s bytes of JSON)\n' "$1" "$3" "$4"
}
compare="api/compare?runs=$(IFS=,; echo "${ids[*]:0:8}")"
time_get "runs page, cold (first request)" api/runs
printf '%-45s %8.3f s\n' "start: command to first runs page answered" "$(echo "$(date +%s.%N) - $launched" | bc)"
for i in 1 2 3; do time_get "runs page, warm #$i" api/runs; done
for axis in step tokens flops time; do time_get "compare of 8 runs, x=$axis" "$compare&x=$axis"; done
fixture append "$dir" $((lines + 1))
time_get "runs page after 1 new line in every log" api/runs
time_get "compare of 8 runs after 1 new line each" "$compare&x=step"
rm -f /tmp/dashboard-scale-body.$$
