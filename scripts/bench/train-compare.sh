#!/usr/bin/env bash
# Times one GPT training step (forward, backward, clip, AdamW; float32, random batch) in tinyformer
# (the autograd GPT and the hand-written one) and in a PyTorch reference (train_step_torch.py), in the
# same run, one process per model (each alone in its JVM or interpreter), alternating the three
# processes for ROUNDS rounds, and prints per config:
#   config tinyformer_ms pytorch_ms speedup handwritten_ms handwritten_vs_autograd
# where each figure is the median over rounds of each process's median step time.
# PyTorch runs at its best: OpenBLAS with OpenMP, 2 threads, OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset
# (this environment sets them, forcing slower AVX2 kernels), torch.set_num_threads(2), and the
# AVX-512 or AVX2 kernel named when OpenBLAS does not recognise the CPU (openblas-env.sh).
# Java steps are timed after a 10-second warm-up (the JIT compiles the kernels first), as training runs
# for thousands of steps; PyTorch needs none beyond its 10 untimed steps.
# and then, per config, the median and spread of the per-round ratios (the figure the goals are stated in).
# Usage: [CONFIGS=1,2,3,4] scripts/bench/train-compare.sh [--avx2] [ROUNDS] [STEPS]  (defaults 5 rounds, 30 timed steps)
# --avx2: the AVX2 comparison on an AVX-512 machine, as an AVX2-only machine of the same vendor would
# run both sides: Java with -XX:UseAVX=2 (256-bit vectors, 16 vector registers; through
# TINYFORMER_JAVA_OPTS), PyTorch with ATEN_CPU_CAPABILITY=avx2 (its own kernels) and OpenBLAS on its
# AVX2 kernel for this vendor (OPENBLAS_CORETYPE Zen or Haswell). The header names what each side ran.
set -euo pipefail
avx2=""
if [ "${1:-}" = "--avx2" ]; then avx2=1; shift; fi
[ -z "$avx2" ] || export TINYFORMER_JAVA_OPTS="${TINYFORMER_JAVA_OPTS:-} -XX:UseAVX=2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rounds="${1:-5}"
steps="${2:-30}"
threads="$(nproc)"

if ! /usr/bin/python3 -c 'import torch' 2>/dev/null || [ ! -d /usr/lib/x86_64-linux-gnu/openblas-openmp ]; then
  echo "installing python3-torch and libopenblas0-openmp (apt-get)..." >&2
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq python3-torch libopenblas0-openmp >&2
fi
jdk25="$(ls -d /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* 2>/dev/null | head -1 || true)"
[ -n "$jdk25" ] && export JAVA_HOME="$jdk25"

# label layers heads embed context batch vocab. Config 3 is nanoGPT's Shakespeare model (HS 64); config 4
# has a BPE-sized vocabulary, where the LM head and the cross-entropy take a large share of the step.
# CONFIGS=1,3 (numbers) runs a subset.
all_configs=("4L/4H/128/ctx64/B12 4 4 128 64 12 65" "6L/6H/192/ctx128/B16 6 6 192 128 16 65"
  "6L/6H/384/ctx256/B16 6 6 384 256 16 65" "4L/4H/128/ctx128/B16/V4096 4 4 128 128 16 4096")
configs=()
for i in $(echo "${CONFIGS:-1,2,3,4}" | tr ',' ' '); do configs+=("${all_configs[$((i - 1))]}"); done

java_side() {
  local model="$1"; shift
  "$root/tinyformer" step-bench --model "$model" --layers "$1" --heads "$2" --embed "$3" --context "$4" \
    --batch "$5" --vocab "$6" --steps "$steps" | grep '^step_ms' | sed "s/^step_ms/${model}_ms/"
}
openblas_lib=/usr/lib/x86_64-linux-gnu/openblas-openmp
source "$here/openblas-env.sh"
coretype="$(LD_LIBRARY_PATH="$openblas_lib" openblas_coretype)"
[ -z "$avx2" ] || coretype="$(openblas_avx2_coretype)"
torch_env() {
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE ${coretype:+OPENBLAS_CORETYPE=$coretype} \
    ${avx2:+ATEN_CPU_CAPABILITY=avx2} LD_LIBRARY_PATH="$openblas_lib" OMP_NUM_THREADS="$threads" "$@"
}
torch_side() {
  torch_env /usr/bin/python3 "$here/train_step_torch.py" "$@" "$steps" | grep '^pytorch_ms'
}

results="$(mktemp)"
trap 'rm -f "$results"' EXIT
"$root/tinyformer" step-bench --steps 1 --warmup 0 | grep '^#' || true
echo "# $(torch_env /usr/bin/python3 "$here/torch_species.py" "$threads"); $rounds rounds of $steps steps${avx2:+ (--avx2)}; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
  for c in "${configs[@]}"; do
    read -r label l h e t b v <<<"$c"
    java_side autograd "$l" "$h" "$e" "$t" "$b" "$v" | sed "s|^|$label |" >>"$results"
    java_side handwritten "$l" "$h" "$e" "$t" "$b" "$v" | sed "s|^|$label |" >>"$results"
    torch_side "$l" "$h" "$e" "$t" "$b" "$v" | sed "s|^|$label |" >>"$results"
  done
done
echo "# each process's median step, in run order:"
awk '{ printf "#   %s %s %s\n", $1, $2, $3 }' "$results"
# Ratios within each round (its processes ran minutes apart, not hours) are steadier than ratios of
# medians when the host's speed drifts during the run.
echo "# per-round ratios (autograd / handwritten, pytorch / autograd), in run order:"
ratios="$(mktemp)"
trap 'rm -f "$results" "$ratios"' EXIT
awk '$2 == "autograd_ms" { a[$1] = $3 } $2 == "handwritten_ms" { h[$1] = $3 }
     $2 == "pytorch_ms" { printf "%s %.3f %.3f\n", $1, a[$1] / h[$1], $3 / a[$1] }' "$results" >"$ratios"
sed 's/^/#   /' "$ratios"
# The figure to judge by: per config, the median of the per-round ratios and their spread.
echo "config rounds pytorch/autograd_median (spread) autograd/handwritten_median (spread)"
for c in "${configs[@]}"; do
  read -r label _ <<<"$c"
  stats() { sort -g | awk '{ v[NR] = $1 } END { printf "%.2f (%.2f-%.2f)", v[int((NR + 1) / 2)], v[1], v[NR] }'; }
  n=$(awk -v l="$label" '$1 == l' "$ratios" | wc -l)
  echo "$label $n $(awk -v l="$label" '$1 == l { print $3 }' "$ratios" | stats)" \
    "$(awk -v l="$label" '$1 == l { print $2 }' "$ratios" | stats)"
done
echo "# medians of each process's median step (ratios of medians; less steady than the per-round figures above):"
echo "config tinyformer_ms pytorch_ms speedup handwritten_ms handwritten_vs_autograd"
for c in "${configs[@]}"; do
  read -r label _ <<<"$c"
  median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
  auto=$(awk -v l="$label" '$1 == l && $2 == "autograd_ms" { print $3 }' "$results" | median)
  hand=$(awk -v l="$label" '$1 == l && $2 == "handwritten_ms" { print $3 }' "$results" | median)
  torch=$(awk -v l="$label" '$1 == l && $2 == "pytorch_ms" { print $3 }' "$results" | median)
  awk -v l="$label" -v a="$auto" -v p="$torch" -v h="$hand" \
    'BEGIN { printf "%s %.2f %.2f %.2f %.2f %.2f\n", l, a, p, p / a, h, a / h }'
done
