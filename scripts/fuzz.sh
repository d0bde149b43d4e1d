#!/usr/bin/env bash
# Fuzzes one Jazzer target for a given time: scripts/fuzz.sh CLASS#METHOD SECONDS
# (at most the 10 minutes of each target's @FuzzTest(maxDuration); fewer SECONDS stop it early, after
# up to 9 minutes of JVM start, instrumentation and corpus replay, which a loaded machine needs
# (4 were not enough at load 20 under nice 19); the build runs before, outside the limit.
# libFuzzer's progress lines (#executions, exec/s, corpus size) go to target/fuzz-<target>.log)
#   e.g. scripts/fuzz.sh FileFormatsFuzzTest#safetensors 600
# Targets: TokenizerFilesFuzzTest#{gpt2EncoderAndMerges,huggingFaceTokenizerJson,tinyformerTokenizerJson}
#          BpeEncodeFuzzTest#{encodeDecodeRoundTrips,decodeAnyIds}
#          FileFormatsFuzzTest#{safetensors,tokenShard,checkpointFile,yamlConfig,setOverride}
# The generated corpus goes to .cifuzz-corpus/ (not committed); a finding is written to
# src/test/resources/org/tinyformer/fuzz/<Class>Inputs/<method>/crash-*: fix it, give the file a
# name that says what it is and commit it, so `mvn verify` replays it from then on.
set -euo pipefail
target="${1:?usage: scripts/fuzz.sh CLASS#METHOD SECONDS}"
seconds="${2:?usage: scripts/fuzz.sh CLASS#METHOD SECONDS}"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export JAZZER_FUZZ=1
log="target/fuzz-${target//#/-}.log"
mkdir -p target
# compile first, outside the time limit: on a loaded machine (or under nice) compiling can take
# minutes, which must not come out of the fuzzing time
mvn -B -o -q test-compile -Dspotless.check.skip=true > "$log" 2>&1 || { tail -20 "$log"; exit 1; }
set +e
timeout --signal=INT "$((seconds + 540))" mvn -B -o -q test -Dspotless.check.skip=true \
  -Dsurefire.failIfNoSpecifiedTests=false -Dtest="$target" -DtrimStackTrace=false >> "$log" 2>&1
status=$?
set -e
grep -E '^#[0-9]+' "$log" | tail -3 || true
grep -E 'FuzzTestFinding|Tests run' "$log" | head -5 || true
exit "$status"
