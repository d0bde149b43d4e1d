#!/usr/bin/env bash
# GPT-2 BPE encoding: tinyformer against Hugging Face tokenizers (Rust, through DJL 0.38.0, test scope
# only) on the same files, ids checked equal; then BPE training time and peak heap for several
# vocab sizes, each in a fresh JVM. HF's threads follow RAYON_NUM_THREADS (set per pass below).
# Usage: scripts/bench/tokenizer-compare.sh [file...]   (default: Tiny Shakespeare, TinyStories sample)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="$repo/../shared/data"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  files=("$data/tinyshakespeare.txt" "$data/tinystories/tinystories_valid_sample.txt")
fi
cd "$repo"
mvn -q -B -DskipTests -Dspotless.check.skip=true test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >&2
cp="target/classes:target/test-classes:$(cat target/test-classpath.txt)"
java=("$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx4g)
echo "machine load: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) on $(nproc) cores"
for threads in 1 2; do
  echo
  echo "== encoding, $threads thread(s)"
  RAYON_NUM_THREADS=$threads "${java[@]}" --enable-native-access=ALL-UNNAMED -cp "$cp" org.tinyformer.tokenizers.TokenizerCompareBench \
    "$data/gpt2" "$threads" "${files[@]}" 2> >(grep -v -e '^WARNING: Using incubator' -e '^SLF4J' >&2)
done
echo
echo "== training on ${files[0]##*/} (fresh JVM per run, 2 threads, GPT-2 pattern)"
out="$(mktemp -d)"
for size in 512 4096 16384; do
  for run in 1 2 3; do
    "${java[@]}" -cp "$cp" org.tinyformer.cli.Main tokenizer train --threads 2 --input "${files[0]}" \
      --vocab-size "$size" --out "$out/bpe-$size.json" 2> >(grep -v '^WARNING: Using incubator' >&2) | head -1
  done
done
rm -rf "$out"
