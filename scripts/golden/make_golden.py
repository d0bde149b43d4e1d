#!/usr/bin/python3
"""Golden fixtures for tinyformer's tensor operations, computed by PyTorch (CPU, float32, seed 1234).

Regenerate (from the repository root, with Debian's python3-torch):
    /usr/bin/python3 scripts/golden/make_golden.py

Writes one JSON file per case into src/test/resources/golden/: the inputs, the integer arguments,
the output, a random weight W of the output's shape, and the gradient of sum(W * output) with
respect to every float input. GoldenFixturesTest replays each case through tinyformer and reports
the largest difference per case. Dropout is not here: PyTorch's random mask cannot be reproduced.
"""
import json
import math
import os
import sys

import torch
import torch.nn.functional as F

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                       "src", "test", "resources", "golden")
torch.manual_seed(1234)
torch.set_default_dtype(torch.float32)


def randn(*shape):
    return torch.randn(*shape)


def uniform(low, high, *shape):
    return torch.rand(*shape) * (high - low) + low


def distinct(*shape):
    n = math.prod(shape)
    return (torch.randperm(n).float() * 0.1).reshape(shape)


def rms_norm(x, w, eps):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * w


def rope(x, offset):
    """Rotate-half: channels (i, i + HS/2) of (..., T, HS) rotated by (offset + t) * 10000^(-2i/HS)."""
    T, HS = x.shape[-2], x.shape[-1]
    inv = torch.pow(10000.0, -torch.arange(0, HS, 2, dtype=torch.float64) / HS)
    ang = (torch.arange(T, dtype=torch.float64) + offset)[:, None] * inv[None, :]
    cos, sin = ang.cos().float(), ang.sin().float()
    x0, x1 = x[..., : HS // 2], x[..., HS // 2 :]
    return torch.cat([x0 * cos - x1 * sin, x0 * sin + x1 * cos], dim=-1)


def attention(q, k, v, nh, causal, pad):
    B, Tq, C = q.shape
    Tk = k.shape[1]
    hs = C // nh
    qh = q.view(B, Tq, nh, hs).transpose(1, 2)
    kh = k.view(B, Tk, nh, hs).transpose(1, 2)
    vh = v.view(B, Tk, nh, hs).transpose(1, 2)
    att = qh @ kh.transpose(-2, -1) / math.sqrt(hs)
    if causal:
        mask = torch.ones(Tq, Tk).triu(Tk - Tq + 1).bool()
        att = att.masked_fill(mask, float("-inf"))
    if pad is not None:
        att = att.masked_fill(pad.bool().view(B, 1, 1, Tk), float("-inf"))
    att = F.softmax(att, dim=-1)
    return (att @ vh).transpose(1, 2).reshape(B, Tq, C)


def causal_self_attention(qkv, nh):
    C = qkv.shape[-1] // 3
    q, k, v = qkv.split(C, dim=2)
    return attention(q, k, v, nh, True, None)


# name -> (function of the float inputs, float inputs, integer/float arguments for Java)
CASES = {
    "add_broadcast": (lambda a, b: a + b, [randn(2, 3, 17), randn(17)], {}),
    "sub_broadcast": (lambda a, b: a - b, [randn(2, 1, 5), randn(4, 1)], {}),
    "mul_broadcast": (lambda a, b: a * b, [randn(3, 1), randn(2, 1, 5)], {}),
    "div_broadcast": (lambda a, b: a / b, [randn(2, 17), uniform(0.5, 2, 2, 1)], {}),
    "add_scalar": (lambda a: a + 2.5, [randn(3, 5)], {}),
    "mul_scalar": (lambda a: a * -1.5, [randn(3, 5)], {}),
    "neg": (lambda a: -a, [randn(3, 5)], {}),
    "pow": (lambda a: a.pow(3.0), [randn(3, 5)], {}),
    "exp": (lambda a: a.exp(), [randn(3, 5)], {}),
    "log": (lambda a: a.log(), [uniform(0.5, 3, 3, 5)], {}),
    "sqrt": (lambda a: a.sqrt(), [uniform(0.5, 3, 3, 5)], {}),
    "tanh": (lambda a: a.tanh(), [randn(3, 5)], {}),
    "relu": (lambda a: a.relu(), [randn(3, 17)], {}),
    "gelu": (lambda a: F.gelu(a, approximate="tanh"), [randn(3, 17) * 2], {}),
    "silu": (lambda a: F.silu(a), [randn(3, 17) * 2], {}),
    "sum": (lambda a: a.sum(), [randn(3, 17)], {}),
    "mean": (lambda a: a.mean(), [randn(3, 17)], {}),
    "sum_dim": (lambda a: a.sum(1), [randn(2, 3, 17)], {"dim": 1, "keepdim": 0}),
    "mean_dim_keepdim": (lambda a: a.mean(-1, keepdim=True), [randn(2, 3, 17)], {"dim": -1, "keepdim": 1}),
    "max_dim": (lambda a: a.max(0).values, [distinct(4, 17)], {"dim": 0, "keepdim": 0}),
    "matmul": (lambda a, b: a @ b, [randn(5, 17), randn(17, 3)], {}),
    "matmul_batch_2d": (lambda a, b: a @ b, [randn(2, 3, 4, 5), randn(5, 6)], {}),
    "matmul_broadcast_batch": (lambda a, b: a @ b, [randn(2, 1, 4, 5), randn(3, 5, 2)], {}),
    "linear": (lambda x, w, b: F.linear(x, w, b), [randn(2, 3, 17), randn(5, 17), randn(5)], {}),
    "reshape": (lambda a: a.reshape(6, -1), [randn(2, 3, 17)], {"dims": [6, -1]}),
    "transpose": (lambda a: a.transpose(0, 2), [randn(2, 3, 5)], {"d0": 0, "d1": 2}),
    "permute": (lambda a: a.permute(2, 0, 3, 1), [randn(2, 3, 4, 5)], {"order": [2, 0, 3, 1]}),
    "slice": (lambda a: a[:, 1:3], [randn(2, 4, 17)], {"dim": 1, "start": 1, "end": 3}),
    "cat": (lambda a, b: torch.cat([a, b], 1), [randn(2, 3, 5), randn(2, 1, 5)], {"dim": 1}),
    "split": (lambda a: torch.cat([p * (i + 1) for i, p in enumerate(a.split([2, 3], 2))], 2),
              [randn(2, 3, 5)], {"dim": 2, "sizes": [2, 3]}),
    "masked_fill": (lambda a: a.masked_fill(torch.tensor([[1, 0, 0, 1, 0]]).bool(), -3.0),
                    [randn(3, 5)], {"mask": [1, 0, 0, 1, 0], "maskDims": [1, 5], "value": -3.0}),
    "embedding": (lambda w: F.embedding(torch.tensor([[3, 1, 3], [0, 3, 4]]), w),
                  [randn(5, 17)], {"ids": [3, 1, 3, 0, 3, 4], "idsDims": [2, 3]}),
    "softmax_last": (lambda a: F.softmax(a, -1), [randn(3, 4, 17)], {"dim": -1}),
    "softmax_outer": (lambda a: F.softmax(a, 0), [randn(3, 4, 5)], {"dim": 0}),
    "log_softmax_last": (lambda a: F.log_softmax(a, -1), [randn(3, 17)], {"dim": -1}),
    "log_softmax_middle": (lambda a: F.log_softmax(a, 1), [randn(2, 3, 5)], {"dim": 1}),
    "cross_entropy_mean_ignore": (
        lambda x: F.cross_entropy(x.view(-1, 17), torch.tensor([2, -1, 0, 16, 5, -1]), ignore_index=-1),
        [randn(2, 3, 17)], {"targets": [2, -1, 0, 16, 5, -1], "ignoreIndex": -1, "reduction": "MEAN"}),
    "cross_entropy_sum": (
        lambda x: F.cross_entropy(x, torch.tensor([1, 0, 4]), reduction="sum"),
        [randn(3, 5)], {"targets": [1, 0, 4], "ignoreIndex": -100, "reduction": "SUM"}),
    "layer_norm": (lambda x, w, b: F.layer_norm(x, (17,), w, b, 1e-5),
                   [randn(2, 3, 17), randn(17), randn(17)], {"eps": 1e-5}),
    "layer_norm_no_bias": (lambda x, w: F.layer_norm(x, (5,), w, None, 1e-5),
                           [randn(4, 5), randn(5)], {"eps": 1e-5}),
    "rms_norm": (lambda x, w: rms_norm(x, w, 1e-5), [randn(3, 17), randn(17)], {"eps": 1e-5}),
    "swiglu": (lambda a, b: F.silu(a) * b, [randn(3, 17), randn(3, 17)], {}),
    "rope": (lambda x: rope(x, 3), [randn(2, 2, 5, 6)], {"offset": 3}),
    "causal_self_attention": (lambda qkv: causal_self_attention(qkv, 2),
                              [randn(2, 5, 12)], {"numHeads": 2}),
    "cross_attention_padding": (
        lambda q, k, v: attention(q, k, v, 2, False, torch.tensor([[0, 0, 0, 1], [0, 1, 1, 1]])),
        [randn(2, 3, 4), randn(2, 4, 4), randn(2, 4, 4)],
        {"numHeads": 2, "causal": 0, "padding": [0, 0, 0, 1, 0, 1, 1, 1]}),
    "causal_attention_fewer_queries": (
        lambda q, k, v: attention(q, k, v, 1, True, None),
        [randn(1, 2, 3), randn(1, 5, 3), randn(1, 5, 3)], {"numHeads": 1, "causal": 1}),
}


def tensor_json(t):
    return {"shape": list(t.shape), "data": [float("%.9g" % v) for v in t.detach().reshape(-1).tolist()]}


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for old in os.listdir(OUT_DIR):
        if old.endswith(".json"):
            os.remove(os.path.join(OUT_DIR, old))
    total = 0
    for name, (fn, inputs, args) in CASES.items():
        inputs = [t.clone().requires_grad_(True) for t in inputs]
        out = fn(*inputs)
        weight = torch.randn(out.shape)
        (out * weight).sum().backward()
        case = {
            "op": name,
            "args": args,
            "inputs": [tensor_json(t) for t in inputs],
            "output": tensor_json(out),
            "weight": tensor_json(weight),
            "grads": [tensor_json(t.grad) for t in inputs],
        }
        path = os.path.join(OUT_DIR, name + ".json")
        with open(path, "w") as f:
            json.dump(case, f, separators=(",", ":"))
        total += os.path.getsize(path)
    print("wrote %d cases, %d bytes, to %s" % (len(CASES), total, os.path.normpath(OUT_DIR)), file=sys.stderr)


if __name__ == "__main__":
    main()
