#!/usr/bin/env bash
# The Tiny Shakespeare recipe end to end, wall clock: our shakespeare-char preset (./tinyformer train) and a
# PyTorch reference of nanoGPT's documented CPU recipe (recipe_torch.py: same model, 2000 iterations,
# float32, AdamW and schedule, evaluation every 250 steps on 20 batches), back to back, ROUNDS times
# (alternating which goes first), PyTorch at its best as train-compare.sh runs it. Prints per round both
# wall times, both final validation losses and the ratio ours / PyTorch, then the median ratio and spread.
# The wall times include everything a user waits for: JVM or interpreter start, data loading, the
# evaluations (and for us the build check of the launcher and the checkpoint writes).
# Usage: scripts/bench/recipe-compare.sh [--avx2] [ROUNDS] [DATA_FILE]   (defaults 1, ../shared/data/tinyshakespeare.txt)
# --avx2: as train-compare.sh --avx2, the AVX2 comparison on an AVX-512 machine: Java with -XX:UseAVX=2
# (through TINYFORMER_JAVA_OPTS), PyTorch with ATEN_CPU_CAPABILITY=avx2 and OpenBLAS on its AVX2 kernel
# for this vendor (OPENBLAS_CORETYPE Zen or Haswell). The header names what each side ran.
set -euo pipefail
avx2=""
if [ "${1:-}" = "--avx2" ]; then avx2=1; shift; fi
[ -z "$avx2" ] || export TINYFORMER_JAVA_OPTS="${TINYFORMER_JAVA_OPTS:-} -XX:UseAVX=2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rounds="${1:-1}"
data="${2:-$root/../shared/data/tinyshakespeare.txt}"
[ -f "$data" ] || { echo "error: no data file at $data (./tinyformer data download tinyshakespeare)" >&2; exit 1; }
threads="$(nproc)"

if ! /usr/bin/python3 -c 'import torch' 2>/dev/null || [ ! -d /usr/lib/x86_64-linux-gnu/openblas-openmp ]; then
  echo "installing python3-torch and libopenblas0-openmp (apt-get)..." >&2
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq python3-torch libopenblas0-openmp >&2
fi
jdk25="$(ls -d /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* 2>/dev/null | head -1 || true)"
[ -n "$jdk25" ] && export JAVA_HOME="$jdk25"
openblas_lib=/usr/lib/x86_64-linux-gnu/openblas-openmp
source "$here/openblas-env.sh"
coretype="$(LD_LIBRARY_PATH="$openblas_lib" openblas_coretype)"
[ -z "$avx2" ] || coretype="$(openblas_avx2_coretype)"
torch_env() {
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE ${coretype:+OPENBLAS_CORETYPE=$coretype} \
    ${avx2:+ATEN_CPU_CAPABILITY=avx2} LD_LIBRARY_PATH="$openblas_lib" OMP_NUM_THREADS="$threads" "$@"
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/tinyformer" --help >/dev/null  # builds the jar first, outside the timed runs

ours() {  # prints: wall_s val_loss
  local run="$work/run-$1" start end
  start=$(date +%s.%N)
  "$root/tinyformer" train --preset shakespeare-char --data "$data" --run-dir "$run" >"$work/ours-$1.out" 2>&1
  end=$(date +%s.%N)
  local val
  val=$(grep '"type":"eval"' "$run/log.jsonl" | tail -1 | sed 's/.*"val_loss":\([0-9.eE+-]*\).*/\1/')
  awk -v s="$start" -v e="$end" -v v="$val" 'BEGIN { printf "%.1f %.4f\n", e - s, v }'
}
theirs() {
  local start end out
  start=$(date +%s.%N)
  out=$(PYTHONPATH="$here" torch_env /usr/bin/python3 "$here/recipe_torch.py" "$data")
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" -v v="$(echo "$out" | sed -n 's/^pytorch_val_loss //p')" \
    'BEGIN { printf "%.1f %.4f\n", e - s, v }'
}

"$root/tinyformer" selfcheck 2>/dev/null | grep -iE 'cpu|vector|jdk|java' | sed 's/^/# /' || true
echo "# $(torch_env /usr/bin/python3 "$here/torch_species.py" "$threads"); $rounds rounds${avx2:+ (--avx2)}; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "round ours_s ours_val pytorch_s pytorch_val ours/pytorch"
ratios=()
for round in $(seq "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then a=$(ours "$round"); b=$(theirs); else b=$(theirs); a=$(ours "$round"); fi
  read -r as av <<<"$a"; read -r bs bv <<<"$b"
  r=$(awk -v x="$as" -v y="$bs" 'BEGIN { printf "%.3f", x / y }')
  ratios+=("$r")
  echo "$round $as $av $bs $bv $r"
done
printf '%s\n' "${ratios[@]}" | sort -g | awk '{ v[NR] = $1 } END {
  printf "median ours/pytorch wall time %.3f (spread %.3f-%.3f over %d rounds; goal <= 0.5)\n", v[int((NR + 1) / 2)], v[1], v[NR], NR }'
