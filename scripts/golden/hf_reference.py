#!/usr/bin/python3
"""Hugging Face GPT-2 and Llama reference models in plain PyTorch, for tinyformer's import/export tests.

Debian has no `transformers` package, so GPT2LMHeadModel and LlamaForCausalLM are written out here with
exactly the parameter names, layouts and arithmetic of `transformers` (Conv1D weights stored (in, out),
the LM head tied to wte for GPT-2; q/k/v/o, gate/up/down as nn.Linear (out, in), RMSNorm in float32,
rotary in the rotate-half convention, grouped-query attention by repeating k/v heads, untied lm_head for
Llama). Safetensors are written and read by hand (the format is a JSON header and raw little-endian data).

Usage (from the repository root, with Debian's python3-torch):
    /usr/bin/python3 scripts/golden/hf_reference.py make [OUT_DIR]
        writes small random models as Hugging Face directories into OUT_DIR (default
        src/test/resources/hf): gpt2/ (F32, one file), gpt2-bf16/ (BF16 weights), llama/ (F32, two shards
        with model.safetensors.index.json, grouped-query attention, untied head); each with config.json,
        tokenizer files and reference.json (prompt ids, logits (T, V) of the prompt, greedy continuation).
    /usr/bin/python3 scripts/golden/hf_reference.py logits DIR IDS_JSON
        loads DIR with this loader (the same names and layouts `transformers` uses) and prints the logits
        of the ids as JSON: {"logits": [...], "greedy": [...]}; tinyformer's export test compares them.
    /usr/bin/python3 scripts/golden/hf_reference.py big OUT_DIR
        writes a GPT-2 124M-shape model (random weights, F32) for the speed check (scripts/bench/).
"""
import json
import math
import os
import struct
import sys

import numpy as np
import torch
import torch.nn as nn

torch.set_default_dtype(torch.float32)
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "..", "..", "src", "test", "resources", "hf")


# ---------------------------------------------------------------- GPT-2 (modeling_gpt2.py)

class Conv1D(nn.Module):
    """transformers.pytorch_utils.Conv1D: a linear layer whose weight is stored (in, out)."""

    def __init__(self, nf, nx):
        super().__init__()
        self.nf = nf
        self.weight = nn.Parameter(torch.empty(nx, nf).normal_(std=0.15))
        self.bias = nn.Parameter(torch.zeros(nf).normal_(std=0.02))

    def forward(self, x):
        size_out = x.size()[:-1] + (self.nf,)
        x = torch.addmm(self.bias, x.view(-1, x.size(-1)), self.weight)
        return x.view(size_out)


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


class GPT2Attention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        c = cfg["n_embd"]
        self.n_head = cfg["n_head"]
        self.c_attn = Conv1D(3 * c, c)
        self.c_proj = Conv1D(c, c)

    def forward(self, x):
        B, T, C = x.shape
        hs = C // self.n_head
        q, k, v = self.c_attn(x).split(C, dim=2)
        q, k, v = (t.view(B, T, self.n_head, hs).permute(0, 2, 1, 3) for t in (q, k, v))
        w = torch.matmul(q, k.transpose(-1, -2)) / torch.full([], hs ** 0.5)
        causal = torch.tril(torch.ones(T, T, dtype=torch.bool))
        w = torch.where(causal, w, torch.full([], torch.finfo(w.dtype).min))
        w = nn.functional.softmax(w, dim=-1)
        y = torch.matmul(w, v).permute(0, 2, 1, 3).reshape(B, T, C)
        return self.c_proj(y)


class GPT2MLP(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        c = cfg["n_embd"]
        inner = cfg.get("n_inner") or 4 * c
        self.c_fc = Conv1D(inner, c)
        self.c_proj = Conv1D(c, inner)

    def forward(self, x):
        return self.c_proj(gelu_new(self.c_fc(x)))


class GPT2Block(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        c, eps = cfg["n_embd"], cfg["layer_norm_epsilon"]
        self.ln_1 = nn.LayerNorm(c, eps=eps)
        self.attn = GPT2Attention(cfg)
        self.ln_2 = nn.LayerNorm(c, eps=eps)
        self.mlp = GPT2MLP(cfg)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class GPT2Model(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.wte = nn.Embedding(cfg["vocab_size"], cfg["n_embd"])
        self.wpe = nn.Embedding(cfg["n_positions"], cfg["n_embd"])
        self.h = nn.ModuleList([GPT2Block(cfg) for _ in range(cfg["n_layer"])])
        self.ln_f = nn.LayerNorm(cfg["n_embd"], eps=cfg["layer_norm_epsilon"])

    def forward(self, ids):
        pos = torch.arange(ids.shape[1])
        x = self.wte(ids) + self.wpe(pos)
        for block in self.h:
            x = block(x)
        return self.ln_f(x)


class GPT2LMHeadModel(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.transformer = GPT2Model(cfg)
        self.lm_head = nn.Linear(cfg["n_embd"], cfg["vocab_size"], bias=False)
        self.lm_head.weight = self.transformer.wte.weight  # tied, as tie_word_embeddings=True
        for name, p in self.named_parameters():
            if name.endswith("ln_1.weight") or name.endswith("ln_2.weight") or name.endswith("ln_f.weight"):
                nn.init.normal_(p, mean=1.0, std=0.1)  # not all ones, so a swapped norm shows
            elif name.endswith("wte.weight") or name.endswith("wpe.weight") or name.endswith("ln_1.bias") \
                    or name.endswith("ln_2.bias") or name.endswith("ln_f.bias"):
                nn.init.normal_(p, std=0.1)

    def forward(self, ids):
        return self.lm_head(self.transformer(ids))


# ---------------------------------------------------------------- Llama (modeling_llama.py)

class LlamaRMSNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(dim).normal_(mean=1.0, std=0.1))
        self.variance_epsilon = eps

    def forward(self, x):
        dtype = x.dtype
        x = x.to(torch.float32)
        variance = x.pow(2).mean(-1, keepdim=True)
        x = x * torch.rsqrt(variance + self.variance_epsilon)
        return self.weight * x.to(dtype)


def rotate_half(x):
    x1 = x[..., : x.shape[-1] // 2]
    x2 = x[..., x.shape[-1] // 2:]
    return torch.cat((-x2, x1), dim=-1)


def rotary_cos_sin(head_dim, theta, T):
    inv_freq = 1.0 / (theta ** (torch.arange(0, head_dim, 2, dtype=torch.int64).float() / head_dim))
    freqs = torch.outer(torch.arange(T).float(), inv_freq)
    emb = torch.cat((freqs, freqs), dim=-1)
    return emb.cos(), emb.sin()


def linear(n_in, n_out):
    layer = nn.Linear(n_in, n_out, bias=False)
    nn.init.normal_(layer.weight, std=0.05)
    return layer


class LlamaAttention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        c = cfg["hidden_size"]
        self.n_head = cfg["num_attention_heads"]
        self.n_kv = cfg["num_key_value_heads"]
        self.hs = c // self.n_head
        self.theta = cfg["rope_theta"]
        self.q_proj = linear(c, self.n_head * self.hs)
        self.k_proj = linear(c, self.n_kv * self.hs)
        self.v_proj = linear(c, self.n_kv * self.hs)
        self.o_proj = linear(self.n_head * self.hs, c)

    def forward(self, x):
        B, T, C = x.shape
        q = self.q_proj(x).view(B, T, self.n_head, self.hs).transpose(1, 2)
        k = self.k_proj(x).view(B, T, self.n_kv, self.hs).transpose(1, 2)
        v = self.v_proj(x).view(B, T, self.n_kv, self.hs).transpose(1, 2)
        cos, sin = rotary_cos_sin(self.hs, self.theta, T)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        groups = self.n_head // self.n_kv  # repeat_kv
        k = k.repeat_interleave(groups, dim=1)
        v = v.repeat_interleave(groups, dim=1)
        w = torch.matmul(q, k.transpose(2, 3)) / math.sqrt(self.hs)
        mask = torch.triu(torch.full((T, T), torch.finfo(w.dtype).min), diagonal=1)
        w = nn.functional.softmax(w + mask, dim=-1, dtype=torch.float32)
        y = torch.matmul(w, v).transpose(1, 2).reshape(B, T, C)
        return self.o_proj(y)


class LlamaMLP(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        c, inner = cfg["hidden_size"], cfg["intermediate_size"]
        self.gate_proj = linear(c, inner)
        self.up_proj = linear(c, inner)
        self.down_proj = linear(inner, c)

    def forward(self, x):
        return self.down_proj(nn.functional.silu(self.gate_proj(x)) * self.up_proj(x))


class LlamaDecoderLayer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.self_attn = LlamaAttention(cfg)
        self.mlp = LlamaMLP(cfg)
        self.input_layernorm = LlamaRMSNorm(cfg["hidden_size"], cfg["rms_norm_eps"])
        self.post_attention_layernorm = LlamaRMSNorm(cfg["hidden_size"], cfg["rms_norm_eps"])

    def forward(self, x):
        x = x + self.self_attn(self.input_layernorm(x))
        return x + self.mlp(self.post_attention_layernorm(x))


class LlamaModel(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.embed_tokens = nn.Embedding(cfg["vocab_size"], cfg["hidden_size"])
        nn.init.normal_(self.embed_tokens.weight, std=0.1)
        self.layers = nn.ModuleList([LlamaDecoderLayer(cfg) for _ in range(cfg["num_hidden_layers"])])
        self.norm = LlamaRMSNorm(cfg["hidden_size"], cfg["rms_norm_eps"])

    def forward(self, ids):
        x = self.embed_tokens(ids)
        for layer in self.layers:
            x = layer(x)
        return self.norm(x)


class LlamaForCausalLM(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.model = LlamaModel(cfg)
        self.lm_head = linear(cfg["hidden_size"], cfg["vocab_size"])
        if cfg.get("tie_word_embeddings", False):
            self.lm_head.weight = self.model.embed_tokens.weight

    def forward(self, ids):
        return self.lm_head(self.model(ids))


ARCHITECTURES = {"GPT2LMHeadModel": GPT2LMHeadModel, "LlamaForCausalLM": LlamaForCausalLM}


# ---------------------------------------------------------------- safetensors by hand

DTYPES = {"F32": (np.float32, 4), "F16": (np.float16, 2), "BF16": (np.uint16, 2), "F64": (np.float64, 8)}


def write_safetensors(path, tensors, dtype="F32"):
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name in sorted(tensors):
        t = tensors[name].detach().contiguous()
        if dtype == "BF16":
            data = t.to(torch.bfloat16).view(torch.int16).numpy().tobytes()
        else:
            data = t.numpy().astype(DTYPES[dtype][0]).tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * ((8 - len(raw) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for b in blobs:
            f.write(b)


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        np_dtype, _ = DTYPES[info["dtype"]]
        begin, end = info["data_offsets"]
        a = np.frombuffer(data[begin:end], dtype=np_dtype)
        if info["dtype"] == "BF16":
            a = (a.astype(np.uint32) << 16).view(np.float32)
        out[name] = torch.from_numpy(a.astype(np.float32).copy()).reshape(info["shape"])
    return out


def read_weights(model_dir):
    index = os.path.join(model_dir, "model.safetensors.index.json")
    if os.path.exists(index):
        with open(index) as f:
            files = sorted(set(json.load(f)["weight_map"].values()))
    else:
        files = ["model.safetensors"]
    weights = {}
    for name in files:
        weights.update(read_safetensors(os.path.join(model_dir, name)))
    return weights


def load(model_dir):
    """from_pretrained, as far as these two architectures go: config.json and safetensors weights."""
    with open(os.path.join(model_dir, "config.json")) as f:
        cfg = json.load(f)
    model = ARCHITECTURES[cfg["architectures"][0]](cfg)
    weights = read_weights(model_dir)
    if isinstance(model, GPT2LMHeadModel):  # hub checkpoints drop the "transformer." prefix
        weights = {(k if k.startswith("transformer.") or k.startswith("lm_head.") else "transformer." + k): v
                   for k, v in weights.items() if not k.endswith((".attn.bias", ".attn.masked_bias"))}
    if cfg.get("tie_word_embeddings", True) or isinstance(model, GPT2LMHeadModel):
        weights.pop("lm_head.weight", None)
    missing, unexpected = model.load_state_dict(weights, strict=False)
    missing = [m for m in missing if m != "lm_head.weight" or not cfg.get("tie_word_embeddings", True)]
    if missing or unexpected:
        raise SystemExit(f"load {model_dir}: missing {missing}, unexpected {unexpected}")
    return model.eval(), cfg


# ---------------------------------------------------------------- tokenizer files

def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, (chr(c) for c in cs)))


TEXT = ("First Citizen: Before we proceed any further, hear me speak. All: Speak, speak. First Citizen: "
        "You are all resolved rather to die than to famish? All: Resolved. resolved. First Citizen: First, "
        "you know Caius Marcius is chief enemy to the people.")


def train_merges(num_merges):
    """A byte-level BPE in GPT-2's file format, trained on TEXT split at spaces (space joins the next word)."""
    byte_chars = bytes_to_unicode()
    words = [byte_chars[b] for b in TEXT.encode()]
    pieces, word = [], []
    for ch in words:
        if ch == "Ġ" and word:
            pieces.append(word)
            word = []
        word.append(ch)
    pieces.append(word)
    vocab = [byte_chars[b] for b in range(256)]
    merges = []
    for _ in range(num_merges):
        counts = {}
        for w in pieces:
            for a, b in zip(w, w[1:]):
                counts[(a, b)] = counts.get((a, b), 0) + 1
        best = max(sorted(counts), key=lambda p: counts[p])
        merges.append(best)
        vocab.append(best[0] + best[1])
        new_pieces = []
        for w in pieces:
            out, i = [], 0
            while i < len(w):
                if i + 1 < len(w) and (w[i], w[i + 1]) == best:
                    out.append(w[i] + w[i + 1])
                    i += 2
                else:
                    out.append(w[i])
                    i += 1
            new_pieces.append(out)
        pieces = new_pieces
    vocab.append("<|endoftext|>")
    return {tok: i for i, tok in enumerate(vocab)}, merges


def write_gpt2_tokenizer(out, vocab, merges):
    with open(os.path.join(out, "vocab.json"), "w", encoding="utf-8") as f:
        json.dump(vocab, f, ensure_ascii=False)
    with open(os.path.join(out, "merges.txt"), "w", encoding="utf-8") as f:
        f.write("#version: 0.2\n")
        for a, b in merges:
            f.write(f"{a} {b}\n")


def write_tokenizer_json(out, vocab, merges):
    eot = vocab["<|endoftext|>"]
    byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}
    doc = {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [{"id": eot, "content": "<|endoftext|>", "single_word": False, "lstrip": False,
                          "rstrip": False, "normalized": False, "special": True}],
        "normalizer": None, "pre_tokenizer": byte_level, "post_processor": byte_level, "decoder": byte_level,
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
                  "vocab": vocab, "merges": [f"{a} {b}" for a, b in merges]},
    }
    with open(os.path.join(out, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)


# ---------------------------------------------------------------- references

@torch.no_grad()
def greedy(model, ids, steps, context):
    seq = list(ids)
    for _ in range(steps):
        window = seq[-context:]
        logits = model(torch.tensor([window]))
        seq.append(int(logits[0, -1].argmax()))
    return seq[len(ids):]


@torch.no_grad()
def reference(model, ids, context):
    logits = model(torch.tensor([ids]))[0]
    return {"ids": ids, "vocab_size": int(logits.shape[-1]),
            "logits": [float(v) for v in logits.reshape(-1)],
            "greedy": greedy(model, ids, 12, context)}


def write_json(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f)
        f.write("\n")


def gpt2_config(vocab_size, n_positions, n_embd, n_layer, n_head, eot):
    return {"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2", "activation_function": "gelu_new",
            "vocab_size": vocab_size, "n_positions": n_positions, "n_ctx": n_positions, "n_embd": n_embd,
            "n_layer": n_layer, "n_head": n_head, "n_inner": None, "layer_norm_epsilon": 1e-5,
            "resid_pdrop": 0.1, "embd_pdrop": 0.1, "attn_pdrop": 0.1, "initializer_range": 0.02,
            "scale_attn_weights": True, "scale_attn_by_inverse_layer_idx": False,
            "reorder_and_upcast_attn": False, "tie_word_embeddings": True, "bos_token_id": eot,
            "eos_token_id": eot, "torch_dtype": "float32"}


def make(out_root):
    torch.manual_seed(1234)
    vocab, merges = train_merges(43)
    V, eot = len(vocab), vocab["<|endoftext|>"]
    prompt = [70, 105, 114, 256, 32, 67, 105, 116, 105, 122]  # arbitrary ids below V

    gpt2_dir = os.path.join(out_root, "gpt2")
    os.makedirs(gpt2_dir, exist_ok=True)
    cfg = gpt2_config(V, 32, 32, 2, 4, eot)
    gpt2 = GPT2LMHeadModel(cfg).eval()
    state = {k: v for k, v in gpt2.state_dict().items() if k != "lm_head.weight"}  # save_pretrained drops tied
    write_safetensors(os.path.join(gpt2_dir, "model.safetensors"), state)
    write_json(os.path.join(gpt2_dir, "config.json"), cfg)
    write_gpt2_tokenizer(gpt2_dir, vocab, merges)
    write_json(os.path.join(gpt2_dir, "reference.json"), reference(gpt2, prompt, 32))

    bf16_dir = os.path.join(out_root, "gpt2-bf16")
    os.makedirs(bf16_dir, exist_ok=True)
    cfg16 = dict(cfg, torch_dtype="bfloat16")
    gpt2_16 = GPT2LMHeadModel(cfg16).eval()
    with torch.no_grad():  # the reference runs in float32 on the bf16-rounded weights
        for p in gpt2_16.parameters():
            p.copy_(p.to(torch.bfloat16).float())
    state16 = {k: v for k, v in gpt2_16.state_dict().items() if k != "lm_head.weight"}
    write_safetensors(os.path.join(bf16_dir, "model.safetensors"), state16, "BF16")
    write_json(os.path.join(bf16_dir, "config.json"), cfg16)
    write_gpt2_tokenizer(bf16_dir, vocab, merges)
    write_json(os.path.join(bf16_dir, "reference.json"), reference(gpt2_16, prompt, 32))

    llama_dir = os.path.join(out_root, "llama")
    os.makedirs(llama_dir, exist_ok=True)
    lcfg = {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_act": "silu",
            "vocab_size": V, "hidden_size": 32, "intermediate_size": 88, "num_hidden_layers": 2,
            "num_attention_heads": 4, "num_key_value_heads": 2, "max_position_embeddings": 32,
            "rms_norm_eps": 1e-5, "rope_theta": 10000.0, "rope_scaling": None, "attention_bias": False,
            "mlp_bias": False, "tie_word_embeddings": False, "bos_token_id": eot, "eos_token_id": eot,
            "initializer_range": 0.02, "torch_dtype": "float32"}
    llama = LlamaForCausalLM(lcfg).eval()
    lstate = llama.state_dict()
    names = sorted(lstate)
    shards = [names[: len(names) // 2], names[len(names) // 2:]]
    weight_map, total = {}, 0
    for i, shard in enumerate(shards):
        file = f"model-{i + 1:05d}-of-{len(shards):05d}.safetensors"
        write_safetensors(os.path.join(llama_dir, file), {k: lstate[k] for k in shard})
        for k in shard:
            weight_map[k] = file
            total += lstate[k].numel() * 4
    write_json(os.path.join(llama_dir, "model.safetensors.index.json"),
               {"metadata": {"total_size": total}, "weight_map": weight_map})
    write_json(os.path.join(llama_dir, "config.json"), lcfg)
    write_tokenizer_json(llama_dir, vocab, merges)
    write_json(os.path.join(llama_dir, "reference.json"), reference(llama, prompt, 32))

    # the loader reads back what was written, exactly
    for d, m in ((gpt2_dir, gpt2), (llama_dir, llama)):
        loaded, _ = load(d)
        ids = torch.tensor([prompt])
        with torch.no_grad():
            assert torch.equal(loaded(ids), m(ids)), d
    print(f"wrote {gpt2_dir}, {bf16_dir}, {llama_dir} (vocab {V})")


def logits(model_dir, ids_json):
    model, cfg = load(model_dir)
    ids = json.loads(ids_json)
    context = cfg.get("n_positions") or cfg.get("max_position_embeddings")
    ref = reference(model, ids, context)
    print(json.dumps({"logits": ref["logits"], "greedy": ref["greedy"]}))


def big(out_dir):
    """GPT-2 124M shape, random weights: 12 layers, 12 heads, 768 wide, 1024 positions, 50257 tokens."""
    torch.manual_seed(1234)
    os.makedirs(out_dir, exist_ok=True)
    cfg = gpt2_config(50257, 1024, 768, 12, 12, 50256)
    model = GPT2LMHeadModel(cfg).eval()
    state = {k: v for k, v in model.state_dict().items() if k != "lm_head.weight"}
    write_safetensors(os.path.join(out_dir, "model.safetensors"), state)
    write_json(os.path.join(out_dir, "config.json"), cfg)
    gpt2_files = os.path.join(HERE, "..", "..", "..", "shared", "data", "gpt2")  # the real GPT-2 BPE
    with open(os.path.join(gpt2_files, "encoder.json"), encoding="utf-8") as f:
        vocab = json.load(f)
    with open(os.path.join(gpt2_files, "vocab.bpe"), encoding="utf-8") as f:
        merges = [tuple(line.split()) for line in f.read().splitlines()[1:] if line]
    write_gpt2_tokenizer(out_dir, vocab, merges)
    print(f"wrote {out_dir}")


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "make"
    if cmd == "make":
        make(sys.argv[2] if len(sys.argv) > 2 else DEFAULT_OUT)
    elif cmd == "logits":
        logits(sys.argv[2], sys.argv[3])
    elif cmd == "big":
        big(sys.argv[2])
    else:
        raise SystemExit(__doc__)
