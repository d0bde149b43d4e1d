#!/usr/bin/env bash
# The GPT-2 124M-shape speed check (random weights): tokens/s of KV-cached greedy decoding at batch 1
# in tinyformer (`sample --benchmark`, f32 and bf16 weights) and in a PyTorch KV-cached decode loop
# at its best (decode_torch.py: OpenBLAS with OpenMP, torch.set_num_threads(nproc), OPENBLAS_CORETYPE /
# OPENBLAS_L2_SIZE unset, see openblas-env.sh), the three alternated in the same run for ROUNDS rounds.
# Prints per round the three medians and the ratios f32/pytorch and bf16/f32, then the median ratios.
# The model is written once by scripts/golden/hf_reference.py big and imported with `tinyformer import hf`
# (about 500 MB each under WORK, default /tmp/tinyformer-hf-bench).
# Usage: [TINYFORMER=launcher] [WORK=dir] scripts/bench/hf-decode-compare.sh [ROUNDS] [TOKENS]
#        (defaults 3 rounds, 64 tokens)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rounds="${1:-3}"
tokens="${2:-64}"
threads="$(nproc)"
work="${WORK:-/tmp/tinyformer-hf-bench}"
tf="${TINYFORMER:-$root/tinyformer}" # the launcher (a copy of the jar keeps a rebuild from disturbing a run)
source "$here/openblas-env.sh"
jdk25="$(ls -d /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* 2>/dev/null | head -1 || true)"
[ -n "$jdk25" ] && export JAVA_HOME="$jdk25"

mkdir -p "$work"
if [ ! -f "$work/gpt2-124m/model.safetensors" ]; then
  /usr/bin/python3 "$root/scripts/golden/hf_reference.py" big "$work/gpt2-124m" >&2
fi
if [ ! -d "$work/runs/gpt2-124m/checkpoints" ]; then
  "$tf" import hf --from "$work/gpt2-124m" --run-dir "$work/runs/gpt2-124m" >&2
fi

openblas_lib=/usr/lib/x86_64-linux-gnu/openblas-openmp
coretype="$(LD_LIBRARY_PATH="$openblas_lib" openblas_coretype)"
torch_side() {
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE ${coretype:+OPENBLAS_CORETYPE=$coretype} \
    LD_LIBRARY_PATH="$openblas_lib" OMP_NUM_THREADS="$threads" \
    /usr/bin/python3 "$here/decode_torch.py" "$work/gpt2-124m" "$tokens" 3 "$threads" |
    sed -n 's/^pytorch_tokens_per_s \([0-9.]*\).*/\1/p'
}
java_side() {
  "$tf" sample --run "$work/runs/gpt2-124m" --benchmark --max-tokens "$tokens" --runs 3 \
    --dtype "$1" --prompt "The dog of" | sed -n 's/^kv cache on : median \([0-9.,]*\) tokens.*/\1/p' | tr -d ,
}

echo "# GPT-2 124M shape, random weights; batch 1, $tokens tokens per run, KV cache; $rounds rounds;" \
  "pytorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') openblas-openmp" \
  "(core ${coretype:-as detected}), $threads threads; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "round f32_tok_s bf16_tok_s pytorch_tok_s f32/pytorch bf16/f32"
r1=(); r2=()
for r in $(seq 1 "$rounds"); do
  f32="$(java_side f32)"; bf16="$(java_side bf16)"; pt="$(torch_side)"
  a="$(awk -v x="$f32" -v y="$pt" 'BEGIN{printf "%.2f", x/y}')"
  b="$(awk -v x="$bf16" -v y="$f32" 'BEGIN{printf "%.2f", x/y}')"
  echo "$r $f32 $bf16 $pt $a $b"
  r1+=("$a"); r2+=("$b")
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}'; }
echo "median f32/pytorch $(median "${r1[@]}")  bf16/f32 $(median "${r2[@]}")  (load after: $(cut -d' ' -f1-3 /proc/loadavg))"
