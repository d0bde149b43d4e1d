#!/usr/bin/env bash
# bf16 mixed-precision training against float32 on the Tiny Shakespeare recipe (shakespeare-char preset):
# trains STEPS steps with training.dtype=float32, then with bfloat16, alternated for ROUNDS rounds (one
# at a time, never in parallel), and prints per run the final validation loss, the wall time and the
# median of the logged tokens/s; then the step-time ratio bf16/f32 (median over rounds of the tokens/s
# ratio f32/bf16) and the val-loss difference. With STEPS=2000 (the default) this is the recipe itself
# (about 14 min per run on 2 quiet cores); STEPS=300 gives the ratio in a few minutes.
# Usage: [TINYFORMER=launcher] [WORK=dir] [DATA=file] scripts/bench/bf16-train-compare.sh [ROUNDS] [STEPS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rounds="${1:-1}"
steps="${2:-2000}"
work="${WORK:-/tmp/tinyformer-bf16-bench}"
data="${DATA:-$root/../shared/data/tinyshakespeare.txt}"
tf="${TINYFORMER:-$root/tinyformer}"
mkdir -p "$work"
ratios=()
for r in $(seq 1 "$rounds"); do
  declare -A tps=()
  for dtype in float32 bfloat16; do
    run="$work/round$r-$dtype"
    rm -rf "$run"
    start=$(date +%s.%N)
    "$tf" train --preset shakespeare-char --data "$data" --run-dir "$run" \
      --set training.dtype="$dtype" --set training.steps="$steps" > "$run.out" 2>&1
    wall=$(echo "$(date +%s.%N) - $start" | bc)
    read -r val median < <(/usr/bin/python3 - "$run/log.jsonl" <<'PY'
import json, statistics, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
val = [r["val_loss"] for r in recs if r["type"] == "eval"][-1]
tps = [r["tokens_per_sec"] for r in recs if r["type"] == "train"]
print(f"{val:.5f} {statistics.median(tps):.1f}")
PY
)
    tps[$dtype]=$median
    printf 'round %d %-8s val loss %s  wall %.0f s  median %s tokens/s  (load %s)\n' \
      "$r" "$dtype" "$val" "$wall" "$median" "$(cut -d' ' -f1-3 /proc/loadavg)"
    eval "val_$dtype=$val"
  done
  ratio=$(echo "scale=3; ${tps[float32]} / ${tps[bfloat16]}" | bc)
  ratios+=("$ratio")
  printf 'round %d: step time bf16/f32 %s, val loss bf16 - f32 %s\n' "$r" "$ratio" \
    "$(echo "$val_bfloat16 - $val_float32" | bc)"
done
printf 'median step time ratio bf16/f32 over %d rounds: %s\n' "$rounds" \
  "$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
