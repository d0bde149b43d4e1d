#!/usr/bin/env python3
"""Writes the hostile inputs of issue 14's case table into OUT (scripts/cases/issue14.sh runs them).

usage: make_fixtures.py OUT GPT2_DIR CHECKPOINT_DIR
CHECKPOINT_DIR is a small valid checkpoint (checkpoints/last of a tiny run); each damaged copy gets
a recomputed checksums.txt, as an attacker (or a hand edit followed by a re-save) would produce.
"""
import json
import os
import shutil
import struct
import sys

out, gpt2, ck = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(out, exist_ok=True)


def crc32c(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def write_checksums(d):
    lines = ""
    for name in sorted(os.listdir(d)):
        p = os.path.join(d, name)
        if name != "checksums.txt" and os.path.isfile(p):
            data = open(p, "rb").read()
            lines += "%08x %d %s\n" % (crc32c(data), len(data), name)
    body = lines.encode()
    open(os.path.join(d, "checksums.txt"), "w").write(lines + "%08x checksums.txt\n" % crc32c(body))


def gpt2_copy(name, encoder=None, merges=None):
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    enc = open(os.path.join(gpt2, "encoder.json"), "rb").read() if encoder is None else encoder
    mer = open(os.path.join(gpt2, "vocab.bpe"), "rb").read() if merges is None else merges
    open(os.path.join(d, "encoder.json"), "wb").write(enc)
    open(os.path.join(d, "vocab.bpe"), "wb").write(mer)


enc_text = open(os.path.join(gpt2, "encoder.json"), encoding="utf-8").read()
enc = json.loads(enc_text)
merges = open(os.path.join(gpt2, "vocab.bpe"), "rb").read()
big = dict(enc)
big["!"] = 1_000_000_000
gpt2_copy("enc_id1e9", encoder=json.dumps(big).encode())
gpt2_copy("enc_truncated", encoder=enc_text.encode()[: len(enc_text) // 2])
gpt2_copy("enc_array", encoder=json.dumps(list(enc.keys())).encode())
sid = dict(enc)
sid["!"] = "0"
gpt2_copy("enc_string_id", encoder=json.dumps(sid).encode())
merge_lines = merges.split(b"\n")
gpt2_copy("bpe_half", merges=b"\n".join(merge_lines[: len(merge_lines) // 2]) + b"\n")
gpt2_copy("bpe_empty", merges=b"")
gpt2_copy("bpe_random", merges=bytes((i * 167 + 13) % 256 for i in range(4096)))

# a Hugging Face tokenizer.json (byte-level BPE with GPT-2's vocabulary) with one id of 1e9
hf = {
    "version": "1.0",
    "added_tokens": [],
    "normalizer": None,
    "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
    "model": {"type": "BPE", "vocab": big, "merges": [l.decode() for l in merge_lines[1:] if l]},
}
open(os.path.join(out, "hf_id1e9.json"), "w").write(json.dumps(hf))


def ck_copy(name, edit):
    d = os.path.join(out, name)
    shutil.rmtree(d, ignore_errors=True)
    shutil.copytree(ck, d)
    edit(d)
    write_checksums(d)


def edit_json(file, change):
    def edit(d):
        p = os.path.join(d, file)
        j = json.load(open(p))
        change(j)
        json.dump(j, open(p, "w"))
    return edit


ck_copy("ck_ok", lambda d: None)
ck_copy("ck_layers", edit_json("model.json", lambda j: j["config"].__setitem__("numLayers", 100000)))
ck_copy("ck_null", edit_json("model.json", lambda j: j.__setitem__("config", None)))
ck_copy("ck_step", edit_json("state.json", lambda j: j.__setitem__("step", 10**12)))
ck_copy(
    "ck_rng",
    edit_json("state.json", lambda j: j["rngStates"].__setitem__(next(iter(j["rngStates"])), [0, 0, 0, 0])),
)


def wrap_shape(d):
    p = os.path.join(d, "model.safetensors")
    raw = open(p, "rb").read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n])
    name = next(k for k in header if k != "__metadata__" and header[k]["shape"] == [header[k]["shape"][0]])
    header[name]["shape"] = [2**32 + header[name]["shape"][0]]  # wraps to the true size in 32 bits
    h = json.dumps(header).encode()
    open(p, "wb").write(struct.pack("<Q", len(h)) + h + raw[8 + n :])


ck_copy("ck_shape", wrap_shape)


def shard(name, count, vocab, ids, magic=b"TFTOKENS"):
    p = os.path.join(out, name)
    with open(p, "wb") as f:
        f.write(magic + struct.pack("<iiqii", 1, 2, count, vocab, 0))
        f.write(struct.pack("<%dH" % len(ids), *ids))
    shutil.copy(os.path.join(ck, "tokenizer.json"), p + ".tokenizer.json")


vocab = json.load(open(os.path.join(ck, "model.json")))["config"]["vocabSize"]
ids = [i % vocab for i in range(4000)]
shard("count2e62.bin", 2**62, vocab, ids)
ids_bad = list(ids)
ids_bad[3210] = vocab  # one id equal to the vocabulary size
shard("id_eq_vocab.bin", len(ids_bad), vocab, ids_bad)
shard("magic_newline.bin", len(ids), vocab, ids, magic=b"TF\nTOKEN")

open(os.path.join(out, "latin1.txt"), "wb").write("café au lait\n".encode("latin-1"))
open(os.path.join(out, "empty.txt"), "wb").write(b"")
text = "the quick brown fox jumps over the lazy dog. " * 40
open(os.path.join(out, "small.txt"), "w").write(text)
open(os.path.join(out, "steps57.yaml"), "w").write("training:\n  steps: 5.7\n")
open(os.path.join(out, "lr_inf.yaml"), "w").write("training:\n  learning_rate: .inf\n")
open(os.path.join(out, "dims.yaml"), "w").write("model:\n  embed_dim: 130\n  num_heads: 4\n")
open(os.path.join(out, "afile"), "w").write("not a directory\n")
os.makedirs(os.path.join(out, "cache"), exist_ok=True)
open(os.path.join(out, "cache", "tinyshakespeare.txt"), "w").write("tampered\n")
