#!/usr/bin/env python3
"""Prints one line naming what PyTorch runs on here, for the headers of train-compare.sh and
recipe-compare.sh: its version, the CPU capability its own ATen kernels dispatch to (AVX512, AVX2 or
NO AVX; ATEN_CPU_CAPABILITY=avx512/avx2/default picks one), and the OpenBLAS core kernel and threads
its products use.

PyTorch 1.13 has no torch.backends.cpu.get_cpu_capability(); torch.__config__.show() reports the
capability in use ("CPU capability usage: AVX2"), read after ATEN_CPU_CAPABILITY was applied.
(Debian's 1.13 picks AVX2 on an AVX-512 Zen 4 unless ATEN_CPU_CAPABILITY=avx512 asks for more.)
Usage: torch_species.py THREADS (run with the environment the timed runs get).
"""
import ctypes
import re
import sys

import torch


def capability():
    m = re.search(r"CPU capability usage: ([^\n]+)", torch.__config__.show())
    return m.group(1) if m else "unknown"


def openblas():
    torch.ones(8, 8) @ torch.ones(8, 8)  # the BLAS library is loaded by now
    maps = open("/proc/self/maps").read()
    libs = sorted(set(re.findall(r"(/\S*openblas\S*\.so\S*)", maps)))
    if not libs:
        return "not OpenBLAS"
    lib = ctypes.CDLL(libs[0])
    lib.openblas_get_corename.restype = ctypes.c_char_p
    return "OpenBLAS core %s (%s)" % (lib.openblas_get_corename().decode(), libs[0])


torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
print("pytorch %s, ATen CPU capability %s, %s, %d threads"
      % (torch.__version__, capability(), openblas(), torch.get_num_threads()))
