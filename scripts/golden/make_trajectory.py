#!/usr/bin/python3
"""A pinned 10-step training trajectory of a tiny GPT, computed by PyTorch (like llm.c's test_gpt2.c).

Regenerate (from the repository root, with Debian's python3-torch):
    /usr/bin/python3 scripts/golden/make_trajectory.py

The model mirrors tinyformer's GPT exactly: parameter names and (out, in) layouts of models.gpt.Gpt,
pre-norm blocks, GELU (tanh form), LM head tied to the token embedding, GPT-2 initialisation. One batch
is trained 10 times with AdamW (lr 1e-3, betas 0.9/0.95, eps 1e-8, weight decay 0.1 on 2-D tensors
only, as nanoGPT). Writes src/test/resources/golden/gpt_trajectory.safetensors holding the initial
weights under their tinyformer names, the batch ("inputs", "targets", as float32), and "losses" (10):
the loss of each step before its update. TrajectoryTest replays it through both tinyformer models.
"""
import json
import math
import os
import struct

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                   "src", "test", "resources", "golden", "gpt_trajectory.safetensors")
V, T, L, NH, C = 65, 16, 2, 2, 32   # a small version of the "tiny" preset
B, STEPS = 4, 10


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1 = nn.LayerNorm(C)
        self.qkv = nn.Linear(C, 3 * C)
        self.attn_proj = nn.Linear(C, C)
        self.ln2 = nn.LayerNorm(C)
        self.fc = nn.Linear(C, 4 * C)
        self.mlp_proj = nn.Linear(4 * C, C)

    def attention(self, x):
        b, t, _ = x.shape
        q, k, v = self.qkv(x).split(C, dim=2)                       # 3 x (B, T, C)
        q, k, v = (z.view(b, t, NH, C // NH).transpose(1, 2) for z in (q, k, v))  # (B, NH, T, HS)
        att = q @ k.transpose(-2, -1) / math.sqrt(C // NH)            # (B, NH, T, T)
        mask = torch.tril(torch.ones(t, t, dtype=torch.bool))
        att = att.masked_fill(~mask, float("-inf")).softmax(dim=-1)
        y = (att @ v).transpose(1, 2).reshape(b, t, C)                # (B, T, C)
        return self.attn_proj(y)

    def forward(self, x):
        x = x + self.attention(self.ln1(x))
        return x + self.mlp_proj(F.gelu(self.fc(self.ln2(x)), approximate="tanh"))


class Gpt(nn.Module):
    def __init__(self):
        super().__init__()
        self.wte = nn.Embedding(V, C)
        self.wpe = nn.Embedding(T, C)
        self.blocks = nn.ModuleList(Block() for _ in range(L))
        self.lnf = nn.LayerNorm(C)
        for name, p in self.named_parameters():
            if name.endswith("bias"):
                nn.init.zeros_(p)
            elif "ln" in name:
                nn.init.ones_(p)
            else:
                std = 0.02 / math.sqrt(2 * L) if name.endswith("proj.weight") else 0.02
                nn.init.normal_(p, 0.0, std)

    def forward(self, ids, targets):
        x = self.wte(ids) + self.wpe(torch.arange(ids.shape[1]))      # (B, T, C)
        for block in self.blocks:
            x = block(x)
        logits = self.lnf(x) @ self.wte.weight.T                       # (B, T, V)
        return F.cross_entropy(logits.reshape(-1, V), targets.reshape(-1))


def tinyformer_name(name):
    """blocks.0.attn_proj.weight -> blocks.0.attn.proj.weight and so on."""
    for ours, theirs in (("qkv", "attn.qkv"), ("attn_proj", "attn.proj"),
                         ("fc", "mlp.fc"), ("mlp_proj", "mlp.proj")):
        parts = name.split(".")
        if len(parts) == 4 and parts[2] == ours:
            return ".".join(parts[:2] + [theirs, parts[3]])
    return name


def write_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        data = t.detach().contiguous().float().numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    head = json.dumps(header, separators=(",", ":")).encode()
    head += b" " * (-len(head) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(head)))
        f.write(head)
        for blob in blobs:
            f.write(blob)


def main():
    torch.manual_seed(42)
    model = Gpt()
    initial = {tinyformer_name(n): p.detach().clone() for n, p in model.named_parameters()}
    ids = torch.randint(0, V, (B, T))
    targets = torch.randint(0, V, (B, T))
    decay = [p for p in model.parameters() if p.dim() >= 2]
    other = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1},
                             {"params": other, "weight_decay": 0.0}],
                            lr=1e-3, betas=(0.9, 0.95), eps=1e-8)
    losses = []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = model(ids, targets)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    print("losses", " ".join(f"{x:.6f}" for x in losses))
    tensors = dict(initial)
    tensors["inputs"] = ids.float()
    tensors["targets"] = targets.float()
    tensors["losses"] = torch.tensor(losses)
    write_safetensors(OUT, tensors)
    print("wrote", os.path.relpath(OUT), os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
