#!/usr/bin/env bash
# Runs every case of issue 14 (and the issue 18 messages) through the built jar and prints a
# markdown table: case | command | exit | what it printed (the error line, else the first stderr
# line, else the first stdout line).
#   scripts/cases/issue14.sh [WORKDIR]     (about 2-4 minutes on 2 cores; needs ../shared/data/gpt2)
# Fixtures are written by scripts/cases/make_fixtures.py into WORKDIR (default: a new temp dir):
# damaged copies of the GPT-2 files, of a tiny checkpoint trained here, and hand-made token shards.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
W="${1:-$(mktemp -d /tmp/issue14-cases.XXXXXX)}"
mkdir -p "$W"
G=../shared/data/gpt2
./tinyformer --version > /dev/null 2>&1 || ./tinyformer --help > /dev/null 2>&1 # builds the jar once
jar=target/tinyformer.jar
java=java
[ -n "${JAVA_HOME:-}" ] && java="$JAVA_HOME/bin/java"
tf() { "$java" --add-modules jdk.incubator.vector -Xmx1g -jar "$jar" "$@"; }

# a tiny char run (2 steps) whose last checkpoint the model-file cases damage, a task run and a
# hand-written run
python3 -c 'print("the quick brown fox jumps over the lazy dog. " * 40)' > "$W/tiny.txt"
tiny=(--set model.num_layers=1 --set model.num_heads=2 --set model.embed_dim=16
  --set model.context_length=16 --set training.steps=2 --set training.batch_size=4
  --set training.eval_batches=1)
tf train --data "$W/tiny.txt" --run-dir "$W/tiny" "${tiny[@]}" > "$W/tiny.log" 2>&1 \
  || { echo "training the tiny run failed: $W/tiny.log"; exit 1; }
tf train --data "$W/tiny.txt" --run-dir "$W/hand" --set model.kind=handwritten "${tiny[@]}" \
  > "$W/hand.log" 2>&1 || { echo "handwritten run failed: $W/hand.log"; exit 1; }
tf task reverse --run-dir "$W/reverse" --set model.num_layers=1 --set model.num_heads=2 \
  --set model.embed_dim=16 --set training.steps=2 --set training.batch_size=4 \
  --set training.eval_interval=0 --set task.held_out=8 --set task.max_length=4 \
  --set task.length_gen_max=5 > "$W/reverse.log" 2>&1 || { echo "task run failed: $W/reverse.log"; exit 1; }
python3 scripts/cases/make_fixtures.py "$W" "$G" "$W/tiny/checkpoints/last" || exit 1

echo "| case | command | exit | printed |"
echo "|---|---|---|---|"
row() { # row CASE ARGS... (stdin from /dev/null unless STDIN is set)
  local name="$1" out err code first
  shift
  out=$(tf "$@" 2> "$W/err.txt" < "${STDIN:-/dev/null}")
  code=$?
  first=$(grep -m1 '^error: ' "$W/err.txt") # the error line, after any progress lines
  [ -z "$first" ] && first=$(grep -v '^WARNING: Using incubator' "$W/err.txt" | head -1)
  # PICK=PATTERN: show the first line (stderr, then stdout) that matches it instead
  [ -n "${PICK:-}" ] && first=$( (cat "$W/err.txt"; printf '%s\n' "$out") | grep -m1 -- "$PICK")
  [ -z "$first" ] && first=$(printf '%s\n' "$out" | grep -v '^\s*$' | head -1)
  local lines=$(grep -vc '^WARNING: Using incubator' "$W/err.txt")
  [ "$lines" -gt 1 ] && first="$first [+$((lines - 1)) more stderr lines]"
  local cmd="tinyformer $*"
  echo "| $name | \`${cmd//$W/W}\` | $code | ${first//$W/W} |"
}
row "encoder.json with one id of 1e9" tokenizer encode --tokenizer "$W/enc_id1e9" --text hello
row "HF tokenizer.json with one id of 1e9" tokenizer encode --tokenizer "$W/hf_id1e9.json" --text hello
row "encoder.json truncated" tokenizer encode --tokenizer "$W/enc_truncated" --text hello
row "encoder.json an array" tokenizer encode --tokenizer "$W/enc_array" --text hello
row "encoder.json a string id" tokenizer encode --tokenizer "$W/enc_string_id" --text hello
row "vocab.bpe cut in half" tokenizer encode --tokenizer "$W/bpe_half" --text hello
row "vocab.bpe empty" tokenizer encode --tokenizer "$W/bpe_empty" --text hello
row "vocab.bpe random bytes" tokenizer encode --tokenizer "$W/bpe_random" --text hello
row "the real GPT-2 files (right answer: 31373)" tokenizer encode --tokenizer "$G" --text hello
row "model.json numLayers 100000" sample --run "$W/ck_layers" --prompt t --max-tokens 2
row "model.json config: null" sample --run "$W/ck_null" --prompt t --max-tokens 2
row "tensor shape that wraps at 2^32" sample --run "$W/ck_shape" --prompt t --max-tokens 2
row "state.json step 1e12" sample --run "$W/ck_step" --prompt t --max-tokens 2
row "all-zero generator state" sample --run "$W/ck_rng" --prompt t --max-tokens 2
row "the undamaged checkpoint (right answer)" sample --run "$W/ck_ok" --prompt t --max-tokens 2
row "shard header count 2^62" train --data "$W/count2e62.bin" --run-dir "$W/r1" --set training.steps=1
row "shard id equal to the vocabulary size" train --data "$W/id_eq_vocab.bin" --run-dir "$W/r2" --set training.steps=1
row "shard magic with a newline (fuzz finding)" train --data "$W/magic_newline.bin" --run-dir "$W/r3" --set training.steps=1
row "invalid UTF-8: train --data" train --data "$W/latin1.txt" --run-dir "$W/r4" --set training.steps=1
row "invalid UTF-8: tokenizer encode" tokenizer encode --tokenizer "$G" --input "$W/latin1.txt"
row "invalid UTF-8 with --errors replace" tokenizer encode --tokenizer "$G" --input "$W/latin1.txt" --errors replace
row "invalid UTF-8: tokenizer train" tokenizer train --input "$W/latin1.txt" --vocab-size 260 --out "$W/t.json"
row "invalid UTF-8: tokenizer pretokenize" tokenizer pretokenize --input "$W/latin1.txt" --tokenizer "$G" --out "$W/shards"
row "pattern '\\p{L}+' (train)" tokenizer train --input "$W/small.txt" --vocab-size 270 --pattern '\p{L}+' --out "$W/letters.json"
row "pattern '\\p{L}+' keeps every byte" tokenizer decode --tokenizer "$W/letters.json" --ids "$(tf tokenizer encode --tokenizer "$W/letters.json" --text 'Hello, world! 123' 2>/dev/null)"
row "tokenizer train on an empty file" tokenizer train --input "$W/empty.txt" --vocab-size 260 --out "$W/e.json"
row "--max-tokens 2147483647" sample --run "$W/ck_ok" --prompt t --max-tokens 2147483647
row "--max-tokens 2e9" sample --run "$W/ck_ok" --prompt t --max-tokens 2000000000
printf '/max 2147483647\n/max 5\nquit\n' > "$W/chat.txt"
STDIN="$W/chat.txt" row "chat /max 2147483647 (then /max 5, quit)" chat --run "$W/ck_ok"
row "config training.steps: 5.7" train --config "$W/steps57.yaml"
row "config data.vocab_size for the char tokenizer" train --preset shakespeare-char --data "$W/small.txt" --run-dir "$W/r5" --set data.vocab_size=10
row "config learning_rate: .inf" train --config "$W/lr_inf.yaml"
row "config embed_dim 130, 4 heads (before the data)" train --config "$W/dims.yaml" --data "$W/absent.txt"
row "validation split shorter than the context" train --preset shakespeare-char --data "$W/small.txt" --run-dir "$W/r6" --set data.val_fraction=0.02
row "missing data file (no config printed first)" train --preset shakespeare-char --data "$W/absent.txt" --run-dir "$W/r7"
row "--verbose after the subcommand" sample --run "$W/nowhere" --verbose
row "--cache-dir a file" data download tinyshakespeare --cache-dir "$W/afile"
row "no space left on device" tokenizer train --input "$W/small.txt" --vocab-size 260 --out /dev/full
row "tampered cached download (9 bytes)" data download tinyshakespeare --cache-dir "$W/cache"
row "no space left on device: dashboard export" dashboard --runs "$W" --run reverse --export /dev/full
PICK='reverse held-out' row "train --preset reverse --model gpt (was: sinusoidal positions refused)" train --preset reverse --model gpt --run-dir "$W/r8" --set model.num_layers=1 --set model.num_heads=2 --set model.embed_dim=16 --set training.steps=2 --set training.batch_size=4 --set training.eval_interval=0 --set task.held_out=8 --set task.max_length=4 --set task.length_gen_max=5

# an unpinned dataset from a local stand-in for a Hugging Face mirror (scripts/cases/hf_mirror.py):
# checked against the SHA-256 the first reply announces (X-Linked-Etag)
rm -f "$W/mirror.port"
python3 scripts/cases/hf_mirror.py ../shared/data/tinystories/tinystories_valid_sample.txt "$W/mirror.port" &
mirror_pid=$!
for _ in $(seq 50); do [ -s "$W/mirror.port" ] && break; sleep 0.1; done
M="http://127.0.0.1:$(cat "$W/mirror.port")"
dl=(tokenizer train --dataset tinystories-valid --vocab-size 260)
PICK=': downloaded ' row "unpinned download, the announced SHA-256 matches" "${dl[@]}" --out "$W/m1.json" --mirror "$M/good" --cache-dir "$W/dl-good"
row "unpinned download, another SHA-256 announced" "${dl[@]}" --out "$W/m2.json" --mirror "$M/bad" --cache-dir "$W/dl-bad"
row "unpinned download, no SHA-256 announced" "${dl[@]}" --out "$W/m3.json" --mirror "$M/none" --cache-dir "$W/dl-none"
PICK=': downloaded ' row "unpinned download, none announced, --allow-unverified" "${dl[@]}" --out "$W/m4.json" --mirror "$M/none" --cache-dir "$W/dl-none" --allow-unverified
kill "$mirror_pid"
PICK='^tinystories-valid ' row "data list (what each download is checked against)" data list --cache-dir "$W/dl-none"
row "issue 18: predict on an encoder-decoder task run" predict --run "$W/reverse" --prompt "3 1 2"
row "issue 18: attention on a hand-written run" attention --run "$W/hand" --input "the quick"
row "issue 18: tinyformer frobnicate" frobnicate
echo
echo "fixtures and runs: $W"
