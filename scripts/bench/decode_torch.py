#!/usr/bin/python3
"""PyTorch KV-cached greedy decode of a Hugging Face GPT-2 directory, at its best on this CPU.

Loads DIR with scripts/golden/hf_reference.py (the names and layouts transformers uses), then decodes
TOKENS tokens at batch 1 after a short prompt, keeping keys and values per layer (as transformers'
past_key_values does), under torch.inference_mode with torch.set_num_threads(THREADS). Two warm-up
runs, then RUNS timed ones; prints `pytorch_tokens_per_s MEDIAN`.
Usage: decode_torch.py DIR TOKENS RUNS THREADS
"""
import math
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden"))
import hf_reference  # noqa: E402


def decode(model, prompt, tokens):
    t = model.transformer
    n_head = t.h[0].attn.n_head
    caches = [None] * len(t.h)
    ids = torch.tensor([prompt])
    pos = 0
    out = []
    for _ in range(tokens):
        T = ids.shape[1]
        x = t.wte(ids) + t.wpe(torch.arange(pos, pos + T))
        for i, block in enumerate(t.h):
            a = block.attn
            h = block.ln_1(x)
            q, k, v = a.c_attn(h).split(x.shape[-1], dim=2)
            B, _, C = q.shape
            hs = C // n_head
            q, k, v = (z.view(B, T, n_head, hs).transpose(1, 2) for z in (q, k, v))
            if caches[i] is not None:
                k = torch.cat([caches[i][0], k], dim=2)
                v = torch.cat([caches[i][1], v], dim=2)
            caches[i] = (k, v)
            y = F.scaled_dot_product_attention(q, k, v, is_causal=T > 1) if hasattr(F, "scaled_dot_product_attention") \
                else attention(q, k, v, T > 1)
            x = x + a.c_proj(y.transpose(1, 2).reshape(B, T, C))
            x = x + block.mlp(block.ln_2(x))
        logits = model.lm_head(t.ln_f(x[:, -1:, :]))
        nxt = int(logits[0, -1].argmax())
        out.append(nxt)
        pos += T
        ids = torch.tensor([[nxt]])
    return out


def attention(q, k, v, causal):
    w = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if causal:
        T = q.shape[2]
        w = w.masked_fill(torch.ones(T, T, dtype=torch.bool).triu(1), float("-inf"))
    return F.softmax(w, dim=-1) @ v


def main():
    model_dir, tokens, runs, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    torch.set_num_threads(threads)
    model, _ = hf_reference.load(model_dir)
    prompt = [464, 3290, 286]  # three GPT-2 ids
    speeds = []
    with torch.inference_mode():
        for r in range(-2, runs):
            start = time.perf_counter()
            decode(model, prompt, tokens)
            if r >= 0:
                speeds.append(tokens / (time.perf_counter() - start))
    print(f"pytorch_tokens_per_s {statistics.median(speeds):.1f} (min {min(speeds):.1f}, max {max(speeds):.1f})")


if __name__ == "__main__":
    main()
