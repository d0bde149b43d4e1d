#!/usr/bin/env python3
"""The PyTorch reference for scripts/bench/recipe-compare.sh: nanoGPT's documented CPU recipe for Tiny
Shakespeare at the character level, end to end, written for the script (nanoGPT itself is not here).

Same model as train_step_torch.py (learned positions, pre-norm blocks, tanh GELU, tied LM head, biases),
float32, 4 layers / 4 heads / 128 wide / context 64 / batch 12, dropout 0, 2000 iterations, AdamW
(lr 1e-3, betas 0.9/0.99, weight decay 0.1 on matrices only), gradient clipping at 1.0, linear warmup for
100 steps then cosine decay to 1e-4 at step 2000, evaluation every 250 steps (and at the end) on 20
batches of the train and the validation split (first 90% / last 10% of the characters), as nanoGPT's
`train.py config/train_shakespeare_char.py --device=cpu --compile=False --eval_iters=20 --block_size=64
--batch_size=12 --n_layer=4 --n_head=4 --n_embd=128 --max_iters=2000 --lr_decay_iters=2000 --dropout=0.0`.

Usage: recipe_torch.py DATA_FILE [ITERS]
Prints `eval STEP TRAIN_LOSS VAL_LOSS` lines, then `pytorch_wall_s SECONDS` and `pytorch_val_loss LOSS`.
"""
import math
import sys
import time

import torch

from train_step_torch import Gpt

LAYERS, HEADS, EMBED, CONTEXT, BATCH = 4, 4, 128, 64, 12
LR, MIN_LR, WARMUP, EVAL_INTERVAL, EVAL_ITERS = 1e-3, 1e-4, 100, 250, 20


def learning_rate(step, iters):
    if step < WARMUP:
        return LR * (step + 1) / (WARMUP + 1)
    ratio = (step - WARMUP) / (iters - WARMUP)
    return MIN_LR + 0.5 * (1.0 + math.cos(math.pi * min(ratio, 1.0))) * (LR - MIN_LR)


def init_like_nanogpt(model):
    """nanoGPT's initialisation: N(0, 0.02) weights, zero biases, residual projections N(0, 0.02/sqrt(2L))."""
    for name, p in model.named_parameters():
        if p.dim() >= 2:
            std = 0.02 / math.sqrt(2 * LAYERS) if name.endswith(("proj.weight", "fc_proj.weight")) else 0.02
            torch.nn.init.normal_(p, mean=0.0, std=std)
        elif name.endswith("bias"):
            torch.nn.init.zeros_(p)  # layer norms' biases start at 0 as well


def main():
    start = time.perf_counter()
    path = sys.argv[1]
    iters = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    torch.set_num_threads(2)
    torch.manual_seed(1337)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    chars = sorted(set(text))
    index = {c: i for i, c in enumerate(chars)}
    data = torch.tensor([index[c] for c in text], dtype=torch.long)  # (N,)
    n = int(0.9 * len(data))
    splits = {"train": data[:n], "val": data[n:]}

    def batch(split):
        d = splits[split]
        ix = torch.randint(len(d) - CONTEXT, (BATCH,))
        x = torch.stack([d[i : i + CONTEXT] for i in ix])  # (B, T)
        y = torch.stack([d[i + 1 : i + 1 + CONTEXT] for i in ix])  # (B, T)
        return x, y

    model = Gpt(len(chars), CONTEXT, LAYERS, HEADS, EMBED)
    init_like_nanogpt(model)
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1},
                             {"params": no_decay, "weight_decay": 0.0}],
                            lr=LR, betas=(0.9, 0.99))

    @torch.no_grad()
    def evaluate():
        model.eval()
        out = {}
        for split in ("train", "val"):
            out[split] = sum(model(*batch(split)).item() for _ in range(EVAL_ITERS)) / EVAL_ITERS
        model.train()
        return out

    val = float("nan")
    for step in range(iters + 1):
        if step % EVAL_INTERVAL == 0 or step == iters:
            losses = evaluate()
            val = losses["val"]
            print(f"eval {step} {losses['train']:.4f} {val:.4f}", flush=True)
        if step == iters:
            break
        for group in opt.param_groups:
            group["lr"] = learning_rate(step, iters)
        loss = model(*batch("train"))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
    print(f"pytorch_wall_s {time.perf_counter() - start:.1f}")
    print(f"pytorch_val_loss {val:.4f}")


if __name__ == "__main__":
    main()
