#!/usr/bin/env bash
# Compares tinyformer's GEMM with OpenBLAS (Debian's python3-numpy) on the model's shapes, in the
# same run, interleaved shape by shape. Prints `shape layout java_gflops openblas_gflops ratio`
# lines, then `geomean ratio R`.
# Usage: scripts/bench/gemm-compare.sh [--avx2] [--single-thread] [seconds-per-case] [shapes...]
# Default: all cores, wall time. --single-thread: one thread each, timed by thread CPU time, which a
# busy shared machine disturbs far less (OpenMP OpenBLAS collapses when its threads are preempted).
# --avx2: the AVX2 comparison on an AVX-512 machine: Java with -XX:UseAVX=2 (256-bit vectors, 16
# vector registers) and OpenBLAS with its AVX2 kernel for this vendor (OPENBLAS_CORETYPE Zen or
# Haswell), as an AVX2-only machine of the same kind would run them.
# Java side: the hidden `tinyformer gemm-bench` command on JDK 25 when installed (else $JAVA_HOME);
# JVM options for it go in TINYFORMER_JAVA_OPTS (the launcher reads them), e.g. -XX:UseAVX=2.
set -euo pipefail
single=""
avx2=""
while [ $# -gt 0 ]; do
  case "$1" in
    --single-thread) single=1; shift ;;
    --avx2) avx2=1; shift ;;
    *) break ;;
  esac
done
if [ -n "$avx2" ]; then
  export TINYFORMER_JAVA_OPTS="${TINYFORMER_JAVA_OPTS:-} -XX:UseAVX=2"
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${1:-1}"
shift || true
shapes=("$@")
[ ${#shapes[@]} -gt 0 ] || shapes=(4096x384x1536 4096x1536x384 1024x192x768 768x128x384 4096x384x65)

if ! /usr/bin/python3 -c 'import numpy' 2>/dev/null || ! ls /usr/lib/x86_64-linux-gnu/libopenblas*.so* >/dev/null 2>&1; then
  echo "installing python3-numpy and libopenblas0 (apt-get)..." >&2
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq python3-numpy libopenblas0 >&2
fi
jdk25="$(ls -d /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* 2>/dev/null | head -1 || true)"
[ -n "$jdk25" ] && export JAVA_HOME="$jdk25"
threads="$(nproc)"
[ -z "$single" ] || threads=1

java_side() { "$root/tinyformer" gemm-bench ${single:+--single-thread} --seconds "$seconds" "$1"; }
# The environment here may force OpenBLAS's slower AVX2 kernel, and OpenBLAS names an unknown CPU
# by its oldest feature level: unset the one, name the right kernel for the other (openblas-env.sh).
source "$here/openblas-env.sh"
coretype="$(openblas_coretype)"
if [ -n "$avx2" ]; then
  if grep -q AuthenticAMD /proc/cpuinfo; then coretype=Zen; else coretype=Haswell; fi
fi
blas_side() {
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE ${coretype:+OPENBLAS_CORETYPE=$coretype} OMP_NUM_THREADS="$threads" \
    OPENBLAS_NUM_THREADS="$threads" /usr/bin/python3 "$here/gemm_openblas.py" ${single:+--cpu-time} "$seconds" "$1"
}

results="$(mktemp)"
trap 'rm -f "$results"' EXIT
for shape in "${shapes[@]}"; do
  java_side "$shape" | sed 's/^/java /' >>"$results"
  blas_side "$shape" | sed 's/^/blas /' >>"$results"
done
grep -m1 '^java #' "$results" | sed 's/^java //'
grep -m1 '^blas #' "$results" | sed 's/^blas //'
awk '
  $2 == "#" { next }
  $1 == "java" { java[$2 " " $3] = $4; order[n++] = $2 " " $3 }
  $1 == "blas" { blas[$2 " " $3] = $4 }
  END {
    print "shape layout java_gflops openblas_gflops ratio"
    for (i = 0; i < n; i++) {
      key = order[i]; r = java[key] / blas[key]; logsum += log(r)
      printf "%s %.1f %.1f %.2f\n", key, java[key], blas[key], r
    }
    printf "geomean ratio %.3f\n", exp(logsum / n)
  }' "$results"
