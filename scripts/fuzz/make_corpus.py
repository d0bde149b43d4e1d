#!/usr/bin/env python3
"""Writes the committed regression corpus of the Jazzer fuzz targets: the hostile inputs of issue 14
(and valid ones), laid out as jazzer-junit expects: src/test/resources/org/tinyformer/fuzz/
<Class>Inputs/<method>/<case>. Run from the repository root; findings from scripts/fuzz.sh are added
to the same directories by hand (copy the crash file under a name that says what it is)."""
import json, os, struct

ROOT = "src/test/resources/org/tinyformer/fuzz"


def put(cls, method, name, data):
    d = os.path.join(ROOT, cls + "Inputs", method)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def byte_alphabet():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(0xA1, 0xAD)) + list(range(0xAE, 0x100))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


BU = byte_alphabet()
MERGES = [("h", "e"), ("l", "l"), ("he", "ll"), ("o", BU[32]), ("w", "o"), ("r", "l"), ("rl", "d")]


def small_gpt2():
    vocab = {BU[b]: b for b in range(256)}
    for a, b in MERGES:
        vocab[a + b] = len(vocab)
    merges = "#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in MERGES)
    return vocab, merges


vocab, merges = small_gpt2()
enc = json.dumps(vocab, ensure_ascii=False)
G = ("TokenizerFilesFuzzTest", "gpt2EncoderAndMerges")
put(*G, "valid", enc.encode() + b"\0" + merges.encode())
put(*G, "id-one-billion", json.dumps({**vocab, "!": 1000000000}, ensure_ascii=False).encode() + b"\0" + merges.encode())
put(*G, "encoder-truncated", enc.encode()[: len(enc) // 2] + b"\0" + merges.encode())
put(*G, "encoder-array", b'["a","b"]\0' + merges.encode())
put(*G, "encoder-string-id", json.dumps({**vocab, "!": "0"}, ensure_ascii=False).encode() + b"\0" + merges.encode())
put(*G, "merges-cut-in-half", enc.encode() + b"\0" + merges.encode()[: len(merges) // 2])
put(*G, "merges-empty", enc.encode() + b"\0")
put(*G, "merges-random-bytes", enc.encode() + b"\0" + bytes(range(128, 256)))
put(*G, "duplicate-id", json.dumps({**vocab, "!": 1}, ensure_ascii=False).encode() + b"\0" + merges.encode())

hf = {"version": "1.0", "added_tokens": [], "normalizer": None,
      "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
      "model": {"type": "BPE", "vocab": vocab, "merges": [[a, b] for a, b in MERGES]}}
H = ("TokenizerFilesFuzzTest", "huggingFaceTokenizerJson")
put(*H, "valid", json.dumps(hf, ensure_ascii=False))
bad = json.loads(json.dumps(hf)); bad["model"]["vocab"]["!"] = 1000000000
put(*H, "id-one-billion", json.dumps(bad, ensure_ascii=False))
bad = json.loads(json.dumps(hf)); bad["model"]["vocab"]["!"] = 1.5
put(*H, "id-fraction", json.dumps(bad, ensure_ascii=False))
bad = json.loads(json.dumps(hf)); bad["model"]["merges"] = [[1, 2], None]
put(*H, "merges-not-strings", json.dumps(bad, ensure_ascii=False))
bad = json.loads(json.dumps(hf)); bad["added_tokens"] = [{"id": "x"}]
put(*H, "added-token-without-content", json.dumps(bad, ensure_ascii=False))
put(*H, "model-missing", "{}")

tf = {"type": "bpe", "version": 1, "pattern": "gpt2", "vocab": [None] * len(vocab),
      "merges": [f"{a} {b}" for a, b in MERGES], "specialTokens": {}}
for t, i in vocab.items():
    tf["vocab"][i] = t
T = ("TokenizerFilesFuzzTest", "tinyformerTokenizerJson")
put(*T, "valid", json.dumps(tf, ensure_ascii=False))
bad = dict(tf); bad["vocab"] = "abc"
put(*T, "vocab-not-array", json.dumps(bad, ensure_ascii=False))
bad = dict(tf); bad["vocab"] = tf["vocab"][:100]
put(*T, "vocab-cut", json.dumps(bad, ensure_ascii=False))
bad = dict(tf); bad["specialTokens"] = {"<|endoftext|>": 4000000000}
put(*T, "special-id-too-big", json.dumps(bad, ensure_ascii=False))
bad = dict(tf); bad["pattern"] = "(("
put(*T, "pattern-invalid", json.dumps(bad, ensure_ascii=False))
put(*T, "char-tokenizer", json.dumps({"type": "char", "chars": ["a", "bc"]}))

E = ("BpeEncodeFuzzTest", "encodeDecodeRoundTrips")
put(*E, "hello", b"hello world\x00\x00\x00")
put(*E, "special", b"hello <|endoftext|> world\x00\x00\x01")
put(*E, "long-letters", b"thequickbrownfoxjumpsoverthelazydog\xff\xff\x00")
put(*E, "repeated-a", b"aaaa\xff\xff\x00")
put(*E, "unicode", "héllo 👋 world 🌍 \u0000\ud7ff".encode("utf-8", "surrogatepass") + b"\x00\x00\x00")
put(*E, "custom-pattern-gaps", b"Hello, world! 123\x00\x00\x00")
D = ("BpeEncodeFuzzTest", "decodeAnyIds")
put(*D, "ids", struct.pack(">4i", 31373, 995, 50256, 0))
put(*D, "id-out-of-range", struct.pack(">2i", 50257, -1))

F = "FileFormatsFuzzTest"


def safetensors(header, data=b""):
    h = json.dumps(header).encode()
    return struct.pack("<Q", len(h)) + h + data


put(F, "safetensors", "valid", safetensors({"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}, b"\0" * 8))
put(F, "safetensors", "shape-wraps-to-64", safetensors({"w": {"dtype": "F32", "shape": [4294967360], "data_offsets": [0, 256]}}, b"\0" * 256))
put(F, "safetensors", "shape-product-overflows", safetensors({"w": {"dtype": "F32", "shape": [65536, 65536, 16], "data_offsets": [0, 64]}}, b"\0" * 64))
put(F, "safetensors", "header-length-huge", struct.pack("<Q", 1 << 62) + b"{}")
put(F, "safetensors", "offsets-backwards", safetensors({"w": {"dtype": "F32", "shape": [2], "data_offsets": [8, 0]}}, b"\0" * 8))
put(F, "safetensors", "truncated", safetensors({"w": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}}, b"\0" * 8))
put(F, "safetensors", "dtype-unknown", safetensors({"w": {"dtype": "I64", "shape": [1], "data_offsets": [0, 8]}}, b"\0" * 8))


def shard(count, vocab, ids, width=2):
    head = b"TFTOKENS" + struct.pack("<iiqii", 1, width, count, vocab, 0)
    fmt = "<%dH" % len(ids) if width == 2 else "<%dI" % len(ids)
    return head + struct.pack(fmt, *ids)


put(F, "tokenShard", "valid", shard(3, 100, [1, 2, 3]))
put(F, "tokenShard", "count-2-to-the-62", shard(1 << 62, 100, [1, 2, 3]))
put(F, "tokenShard", "id-equals-vocab-size", shard(4, 100, [1, 2, 100, 3]))
put(F, "tokenShard", "uint32-id-above-2-to-the-31", shard(2, 50257, [7, 4000000000], 4))
put(F, "tokenShard", "truncated", shard(5, 100, [1, 2, 3]))
put(F, "tokenShard", "bad-width", shard(1, 100, [1]).replace(struct.pack("<i", 2), struct.pack("<i", 3), 1))

config = {"vocabSize": 8, "contextLength": 8, "numLayers": 1, "numHeads": 2, "embedDim": 8, "dropout": 0.0,
          "bias": True, "norm": "LAYER", "positions": "LEARNED", "mlp": "GELU"}
put(F, "checkpointFile", "model-json-100000-layers", b"\0" + json.dumps({"kind": "gpt", "config": {**config, "numLayers": 100000}}).encode())
put(F, "checkpointFile", "model-json-config-null", b"\0" + b'{"kind":"gpt","config":null}')
put(F, "checkpointFile", "model-json-bad-heads", b"\0" + json.dumps({"kind": "gpt", "config": {**config, "numHeads": 3}}).encode())
state = {"step": 3, "tokens": 96, "bestValLoss": 2.5, "elapsedSeconds": 1.0, "optimizer": "adamw", "optimizerSteps": 3,
         "rngStates": {"data": [1, 2, 3, 4]}}
put(F, "checkpointFile", "state-step-1e12", b"\1" + json.dumps({**state, "step": 10**12}).encode())
put(F, "checkpointFile", "state-rng-all-zero", b"\1" + json.dumps({**state, "rngStates": {"data": [0, 0, 0, 0]}}).encode())
put(F, "checkpointFile", "state-rng-short", b"\1" + json.dumps({**state, "rngStates": {"data": [1]}}).encode())
put(F, "checkpointFile", "safetensors-shape-wraps", b"\2" + safetensors({"w": {"dtype": "F32", "shape": [4294967360], "data_offsets": [0, 256]}}, b"\0" * 256))
put(F, "checkpointFile", "tokenizer-json-garbage", b"\3" + b'{"type":"char","chars":7}')

Y = (F, "yamlConfig")
put(*Y, "steps-5.7", "training:\n  steps: 5.7\n")
put(*Y, "learning-rate-inf", "training:\n  learning_rate: .inf\n")
put(*Y, "char-vocab-size", "data:\n  tokenizer: char\n  vocab_size: 100\n")
put(*Y, "not-yaml", "training: [\n")
put(*Y, "a-list", "- 1\n- 2\n")
put(*Y, "name-dot-dot", "name: ..\n")
S = (F, "setOverride")
put(*S, "steps-5.7", "training.steps=5.7")
put(*S, "learning-rate-inf", "training.learning_rate=.inf")
put(*S, "value-not-yaml", "training.steps=[")
put(*S, "layers-100000", "model.num_layers=100000")
put(*S, "no-equals", "training.steps")
put(*S, "unknown-section", "optimizer.lr=1")
