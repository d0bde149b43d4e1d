# Sourced by the benchmark scripts: openblas_coretype prints the OPENBLAS_CORETYPE that gives
# OpenBLAS its fastest kernels here, or nothing when its own detection already does.
# OpenBLAS names unknown CPU models by their oldest feature level: on a virtualised Xeon whose
# model number it does not know it picks "Prescott" (SSE3), a third of AVX-512 speed, which
# would make every comparison against PyTorch or numpy unfair to them. This environment may
# also force an AVX2 kernel through OPENBLAS_CORETYPE; the scripts unset that first.
openblas_coretype() {
  local detected
  detected="$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_VERBOSE=2 \
    LD_LIBRARY_PATH="${LD_LIBRARY_PATH:-}" /usr/bin/python3 -c 'import numpy' 2>&1 |
    sed -n 's/^Core: //p' | head -1)"
  case "$detected" in
    Prescott | Core2 | Penryn | Dunnington | Nehalem | Katmai | Coppermine | Northwood | Banias | "")
      if grep -qw avx512f /proc/cpuinfo; then
        echo SkylakeX
      elif grep -qw avx2 /proc/cpuinfo; then
        echo Haswell
      fi
      ;;
  esac
}

# The OPENBLAS_CORETYPE an AVX2-only machine of this vendor would get (the --avx2 modes of the
# comparison scripts): OpenBLAS's Zen kernel on AMD, its Haswell kernel on Intel.
openblas_avx2_coretype() {
  if grep -q AuthenticAMD /proc/cpuinfo; then echo Zen; else echo Haswell; fi
}
