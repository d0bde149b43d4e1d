#!/usr/bin/env bash
# Disassembles the C2 code of one method without the hsdis library: the JVM prints compiled code as
# hex when hsdis is missing, objdump decodes it. Prints the last full (non-OSR) C2 compile, Intel
# syntax. Use it to see whether a kernel's loop keeps bounds checks or spills vector registers
# (look for [rsp+...] loads and stores between the vfmadd lines).
# Usage: scripts/bench/c2-asm.sh CLASS::METHOD [tinyformer arguments...]
#   e.g. TINYFORMER_JAVA_OPTS=-XX:UseAVX=2 scripts/bench/c2-asm.sh \
#          org.tinyformer.kernels.gemm.GemmVectorTiles::wideRows4 gemm-bench --single-thread --seconds 0.3 768x128x384
# Needs objdump (binutils) and python3. JVM options go in TINYFORMER_JAVA_OPTS as for the launcher.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 CLASS::METHOD tinyformer-arguments..." >&2; exit 2; }
method="$1"; shift
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
TINYFORMER_JAVA_OPTS="${TINYFORMER_JAVA_OPTS:-} -XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=quiet -XX:CompileCommand=print,$method" \
  "$root/tinyformer" "$@" >"$log" 2>&1 || true
python3 - "$log" "${method##*::}" <<'PY'
import re, subprocess, sys, tempfile
text, want = open(sys.argv[1]).read(), sys.argv[2]
chosen = None
for block in text.split("============================= "):
    m = re.search(r"Compiled method \(c2\)\s+\d+\s+\d+\s+(%?)\s*\d\s+\S+::(\w+)", block)
    if block.startswith("C2-compiled") and m and m.group(2) == want and m.group(1) != "%":
        chosen = block
if chosen is None or "[MachCode]" not in chosen:
    sys.exit("c2-asm: no full C2 compile of %s was printed (did the run call it often enough?)" % want)
code, start = bytearray(), None
for line in chosen.split("[MachCode]")[1].split("[/MachCode]")[0].splitlines():
    m = re.match(r"\s*0x([0-9a-f]+): ([0-9a-f |]+)$", line)
    if not m:
        continue
    addr = int(m.group(1), 16)
    start = addr if start is None else start
    del code[addr - start:]
    code += b"\x90" * (addr - start - len(code))
    code += bytes.fromhex(m.group(2).replace("|", "").replace(" ", ""))
with tempfile.NamedTemporaryFile(suffix=".bin") as f:
    f.write(code)
    f.flush()
    out = subprocess.run(["objdump", "-D", "-b", "binary", "-mi386:x86-64", "-Mintel",
                          "--adjust-vma=%#x" % start, f.name], capture_output=True, text=True, check=True)
print(out.stdout)
PY
