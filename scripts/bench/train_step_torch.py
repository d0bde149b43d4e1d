#!/usr/bin/env python3
"""The PyTorch reference for scripts/bench/train-compare.sh: one GPT training step (forward,
backward, AdamW) timed on the CPU, nanoGPT's model (learned positions, pre-norm blocks, GELU MLP
(tanh form, as tinyformer), tied LM head, biases), float32.

Usage: train_step_torch.py LAYERS HEADS EMBED CONTEXT BATCH [VOCAB] [STEPS]
Prints one line: `pytorch_ms MEDIAN` (the median over STEPS timed steps after warmup).
Run it as train-compare.sh does, so PyTorch uses OpenBLAS with 2 OpenMP threads.
"""
import math
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, c, heads):
        super().__init__()
        self.heads = heads
        self.ln_1 = nn.LayerNorm(c)
        self.qkv = nn.Linear(c, 3 * c)
        self.proj = nn.Linear(c, c)
        self.ln_2 = nn.LayerNorm(c)
        self.fc = nn.Linear(c, 4 * c)
        self.fc_proj = nn.Linear(4 * c, c)

    def attention(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=2)
        q, k, v = (t.view(B, T, self.heads, C // self.heads).transpose(1, 2) for t in (q, k, v))
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
        mask = torch.ones(T, T, dtype=torch.bool).tril()
        att = F.softmax(att.masked_fill(~mask, float("-inf")), dim=-1)
        y = (att @ v).transpose(1, 2).contiguous().view(B, T, C)
        return self.proj(y)

    def forward(self, x):
        x = x + self.attention(self.ln_1(x))
        return x + self.fc_proj(F.gelu(self.fc(self.ln_2(x)), approximate="tanh"))


class Gpt(nn.Module):
    def __init__(self, vocab, context, layers, heads, c):
        super().__init__()
        self.wte = nn.Embedding(vocab, c)
        self.wpe = nn.Embedding(context, c)
        self.blocks = nn.ModuleList(Block(c, heads) for _ in range(layers))
        self.ln_f = nn.LayerNorm(c)

    def forward(self, idx, targets):
        T = idx.size(1)
        x = self.wte(idx) + self.wpe(torch.arange(T))
        for block in self.blocks:
            x = block(x)
        logits = self.ln_f(x) @ self.wte.weight.t()  # tied LM head
        return F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1))


def main():
    layers, heads, c, context, batch = (int(a) for a in sys.argv[1:6])
    vocab = int(sys.argv[6]) if len(sys.argv) > 6 else 65
    steps = int(sys.argv[7]) if len(sys.argv) > 7 else 30
    torch.set_num_threads(2)
    torch.manual_seed(1337)
    model = Gpt(vocab, context, layers, heads, c)
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1},
                             {"params": no_decay, "weight_decay": 0.0}],
                            lr=1e-3, betas=(0.9, 0.99))
    x = torch.randint(vocab, (batch, context))
    y = torch.randint(vocab, (batch, context))
    times = []
    for i in range(10 + steps):
        start = time.perf_counter()
        loss = model(x, y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if i >= 10:
            times.append((time.perf_counter() - start) * 1000)
    print(f"pytorch_ms {statistics.median(times):.2f}")


if __name__ == "__main__":
    main()
