#!/usr/bin/env python3
"""Continue training a tinyformer export on GPUs with PyTorch + Hugging Face transformers.

    tinyformer export --run runs/shakespeare-bpe --format hf --out export/shakespeare-bpe
    torchrun --nproc_per_node=8 scripts/scale-out/train_hf.py export/shakespeare-bpe data.txt out/ 2000
    tinyformer import hf --from out/ --run-dir runs/shakespeare-bpe-gpu

Plain next-token training (AdamW, bf16 autocast on CUDA, DistributedDataParallel when started by
torchrun), then save_pretrained(..., safe_serialization=True) so `tinyformer import hf` reads it back.
Needs: torch, transformers (pip install torch transformers). Not run in tinyformer's CI (Debian ships
no transformers); what CI does check is the export layout against scripts/golden/hf_reference.py (the
same names and layouts transformers uses) and that the import of an export gives identical logits.
For a char/word tokenizer run, the export carries tinyformer_tokenizer.json instead of a Hugging Face
tokenizer: pass --ids FILE with whitespace-separated token ids (`tinyformer tokenizer encode`).
"""
import os
import sys

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


def batches(ids, block, batch, device, rank, world):
    g = torch.Generator().manual_seed(1337 + rank)
    while True:
        ix = torch.randint(len(ids) - block - 1, (batch,), generator=g)
        x = torch.stack([ids[i:i + block] for i in ix])
        y = torch.stack([ids[i + 1:i + 1 + block] for i in ix])
        yield x.to(device), y.to(device)


def main():
    model_dir, data, out_dir, steps = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    if world > 1:
        torch.distributed.init_process_group("nccl")
    device = f"cuda:{int(os.environ.get('LOCAL_RANK', '0'))}" if torch.cuda.is_available() else "cpu"
    model = AutoModelForCausalLM.from_pretrained(model_dir).to(device)
    if data.endswith(".ids"):
        ids = torch.tensor([int(t) for t in open(data).read().split()])
    else:
        ids = torch.tensor(AutoTokenizer.from_pretrained(model_dir)(open(data).read())["input_ids"])
    block = model.config.max_position_embeddings if hasattr(model.config, "max_position_embeddings") \
        else model.config.n_positions
    net = torch.nn.parallel.DistributedDataParallel(model) if world > 1 else model
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4, betas=(0.9, 0.95), weight_decay=0.1)
    data_iter = batches(ids, min(block, len(ids) // 2), 16, device, rank, world)
    for step in range(steps):
        x, y = next(data_iter)
        with torch.autocast(device_type="cuda" if device != "cpu" else "cpu", dtype=torch.bfloat16):
            logits = net(x).logits
        loss = torch.nn.functional.cross_entropy(logits.float().view(-1, logits.size(-1)), y.view(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if rank == 0 and step % 50 == 0:
            print(f"step {step} loss {loss.item():.4f}")
    if rank == 0:
        model.save_pretrained(out_dir, safe_serialization=True)
        for name in os.listdir(model_dir):  # carry the tokenizer files along
            if "token" in name or name in ("vocab.json", "merges.txt"):
                with open(os.path.join(model_dir, name), "rb") as src, \
                        open(os.path.join(out_dir, name), "wb") as dst:
                    dst.write(src.read())


if __name__ == "__main__":
    main()
