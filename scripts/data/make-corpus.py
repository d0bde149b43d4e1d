#!/usr/bin/env python3
"""Writes a large benchmark corpus (default 1 GB) from the small public files in ../shared/data.

Documents are Tiny Shakespeare's paragraphs and the TinyStories samples' stories, repeated in a
seeded shuffled order and separated by <|endoftext|>, split over --files text files. The corpus
is generated, never committed. Usage:

    scripts/data/make-corpus.py /tmp/corpus-1g             # 1e9 bytes in 4 files
    scripts/data/make-corpus.py /tmp/c --bytes 50e6 --files 1 --seed 7
"""
import argparse
import pathlib
import random

EOT = "<|endoftext|>"


def documents(shared: pathlib.Path) -> list[str]:
    docs = []
    shakespeare = (shared / "tinyshakespeare.txt").read_text(encoding="utf-8")
    docs += [p.strip() + "\n" for p in shakespeare.split("\n\n") if p.strip()]
    for name in ("tinystories_valid_sample.txt", "tinystories_v2_sample_cs336.txt"):
        text = (shared / "tinystories" / name).read_text(encoding="utf-8")
        docs += [s.strip() + "\n" for s in text.split(EOT) if s.strip()]
    return docs


def main() -> None:
    here = pathlib.Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=pathlib.Path, help="directory to create")
    parser.add_argument("--bytes", type=float, default=1e9, help="total size (default 1e9)")
    parser.add_argument("--files", type=int, default=4, help="number of files (default 4)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--shared", type=pathlib.Path, default=here.parents[2] / "shared" / "data")
    args = parser.parse_args()

    docs = documents(args.shared)
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    per_file = int(args.bytes) // args.files
    total = 0
    for f in range(args.files):
        path = args.out / f"part-{f:02d}.txt"
        written = 0
        with path.open("w", encoding="utf-8") as out:
            while written < per_file:
                order = docs[:]
                rng.shuffle(order)
                block = "".join(d + EOT + "\n" for d in order).encode("utf-8")
                block = block[: per_file - written]
                # end on a document boundary or a whole character
                out.write(block.decode("utf-8", errors="ignore"))
                written += len(block)
        total += path.stat().st_size
        print(f"{path}: {path.stat().st_size:,} bytes")
    print(f"{len(docs):,} distinct documents, {total:,} bytes in {args.files} files")


if __name__ == "__main__":
    main()
