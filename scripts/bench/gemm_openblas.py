"""OpenBLAS side of gemm-compare.sh: median GFLOP/s of numpy float32 matmul per shape and layout.

Usage: gemm_openblas.py [--cpu-time] SECONDS MxKxN [MxKxN ...]; prints `MxKxN layout gflops` lines,
and first a `# openblas ...` line naming the core kernel and thread count in use. --cpu-time times
by the calling thread's CPU time (only meaningful with OPENBLAS_NUM_THREADS=1).
"""
import ctypes
import re
import sys
import time

import numpy as np


def openblas_info():
    maps = open("/proc/self/maps").read()
    libs = sorted(set(re.findall(r"(/\S*openblas\S*\.so\S*)", maps)))
    if not libs:
        return "numpy is not using OpenBLAS"
    lib = ctypes.CDLL(libs[0])
    lib.openblas_get_corename.restype = ctypes.c_char_p
    lib.openblas_get_config.restype = ctypes.c_char_p
    return "core %s, %d threads, %s" % (
        lib.openblas_get_corename().decode(),
        lib.openblas_get_num_threads(),
        lib.openblas_get_config().decode(),
    )


CLOCK = time.perf_counter


def median_gflops(fn, flops, seconds):
    for _ in range(3):
        fn()
    times = []
    start = time.perf_counter()
    while len(times) < 5 or (time.perf_counter() - start < seconds and len(times) < 2000):
        t0 = CLOCK()
        fn()
        times.append(CLOCK() - t0)
    times.sort()
    return flops / times[len(times) // 2] / 1e9


def main():
    global CLOCK
    args = sys.argv[1:]
    if args[0] == "--cpu-time":
        CLOCK = time.thread_time
        args = args[1:]
    seconds = float(args[0])
    rng = np.random.default_rng(42)
    np.matmul(np.ones((64, 64), np.float32), np.ones((64, 64), np.float32))  # loads OpenBLAS
    clock = "thread CPU time" if CLOCK is time.thread_time else "wall time"
    print("# openblas", openblas_info() + ",", clock, flush=True)
    for shape in args[1:]:
        M, K, N = (int(x) for x in shape.split("x"))
        c = np.empty((M, N), np.float32)
        operands = {
            "A.B": (rng.standard_normal((M, K), np.float32), rng.standard_normal((K, N), np.float32)),
            "At.B": (rng.standard_normal((K, M), np.float32).T, rng.standard_normal((K, N), np.float32)),
            "A.Bt": (rng.standard_normal((M, K), np.float32), rng.standard_normal((N, K), np.float32).T),
        }
        for layout, (a, b) in operands.items():
            g = median_gflops(lambda: np.matmul(a, b, out=c), 2.0 * M * K * N, seconds)
            print("%s %s %.1f" % (shape, layout, g), flush=True)


if __name__ == "__main__":
    main()
