package org.tinyformer.tensor;

import static org.tinyformer.tensor.GoldenFixturesTest.ints;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/** The tinyformer side of every golden case in {@code scripts/golden/make_golden.py}. */
final class GoldenCases {
  private GoldenCases() {}

  static Map<String, BiFunction<Tensor[], JsonNode, Tensor>> all() {
    Map<String, BiFunction<Tensor[], JsonNode, Tensor>> m = new LinkedHashMap<>();
    m.put("add_broadcast", (in, a) -> in[0].add(in[1]));
    m.put("sub_broadcast", (in, a) -> in[0].sub(in[1]));
    m.put("mul_broadcast", (in, a) -> in[0].mul(in[1]));
    m.put("div_broadcast", (in, a) -> in[0].div(in[1]));
    m.put("add_scalar", (in, a) -> in[0].add(2.5f));
    m.put("mul_scalar", (in, a) -> in[0].mul(-1.5f));
    m.put("neg", (in, a) -> in[0].neg());
    m.put("pow", (in, a) -> in[0].pow(3f));
    m.put("exp", (in, a) -> in[0].exp());
    m.put("log", (in, a) -> in[0].log());
    m.put("sqrt", (in, a) -> in[0].sqrt());
    m.put("tanh", (in, a) -> in[0].tanh());
    m.put("relu", (in, a) -> in[0].relu());
    m.put("gelu", (in, a) -> in[0].gelu());
    m.put("silu", (in, a) -> in[0].silu());
    m.put("sum", (in, a) -> in[0].sum());
    m.put("mean", (in, a) -> in[0].mean());
    m.put("sum_dim", (in, a) -> in[0].sum(dim(a), keepdim(a)));
    m.put("mean_dim_keepdim", (in, a) -> in[0].mean(dim(a), keepdim(a)));
    m.put("max_dim", (in, a) -> in[0].max(dim(a), keepdim(a)));
    m.put("matmul", (in, a) -> in[0].matmul(in[1]));
    m.put("matmul_batch_2d", (in, a) -> in[0].matmul(in[1]));
    m.put("matmul_broadcast_batch", (in, a) -> in[0].matmul(in[1]));
    m.put("linear", (in, a) -> Functional.linear(in[0], in[1], in[2]));
    m.put("reshape", (in, a) -> in[0].reshape(ints(a.get("dims"))));
    m.put("transpose", (in, a) -> in[0].transpose(a.get("d0").asInt(), a.get("d1").asInt()));
    m.put("permute", (in, a) -> in[0].permute(ints(a.get("order"))));
    m.put("slice", (in, a) -> in[0].slice(dim(a), a.get("start").asInt(), a.get("end").asInt()));
    m.put("cat", (in, a) -> Tensor.cat(dim(a), in[0], in[1]));
    m.put("split", GoldenCases::split);
    m.put("masked_fill", GoldenCases::maskedFill);
    m.put(
        "embedding",
        (in, a) -> Functional.embedding(in[0], ints(a.get("ids")), ints(a.get("idsDims"))));
    m.put("softmax_last", (in, a) -> Functional.softmax(in[0], dim(a)));
    m.put("softmax_outer", (in, a) -> Functional.softmax(in[0], dim(a)));
    m.put("log_softmax_last", (in, a) -> Functional.logSoftmax(in[0], dim(a)));
    m.put("log_softmax_middle", (in, a) -> Functional.logSoftmax(in[0], dim(a)));
    m.put("cross_entropy_mean_ignore", GoldenCases::crossEntropy);
    m.put("cross_entropy_sum", GoldenCases::crossEntropy);
    m.put("layer_norm", (in, a) -> Functional.layerNorm(in[0], in[1], in[2], eps(a)));
    m.put("layer_norm_no_bias", (in, a) -> Functional.layerNorm(in[0], in[1], null, eps(a)));
    m.put("rms_norm", (in, a) -> Functional.rmsNorm(in[0], in[1], eps(a)));
    m.put("swiglu", (in, a) -> Functional.swiglu(in[0], in[1]));
    m.put("rope", (in, a) -> Functional.rope(in[0], a.get("offset").asInt()));
    m.put(
        "causal_self_attention",
        (in, a) -> Functional.causalSelfAttention(in[0], a.get("numHeads").asInt(), null));
    m.put("cross_attention_padding", GoldenCases::attention);
    m.put("causal_attention_fewer_queries", GoldenCases::attention);
    return m;
  }

  private static int dim(JsonNode a) {
    return a.get("dim").asInt();
  }

  private static boolean keepdim(JsonNode a) {
    return a.get("keepdim").asInt() != 0;
  }

  private static float eps(JsonNode a) {
    return (float) a.get("eps").asDouble();
  }

  private static Tensor split(Tensor[] in, JsonNode a) {
    Tensor[] parts = in[0].split(dim(a), ints(a.get("sizes"))); // (2, 3, 2), (2, 3, 3)
    return Tensor.cat(dim(a), parts[0], parts[1].mul(2f)); // (2, 3, 5)
  }

  private static Tensor maskedFill(Tensor[] in, JsonNode a) {
    int[] m = ints(a.get("mask"));
    float[] mask = new float[m.length];
    for (int i = 0; i < m.length; i++) {
      mask[i] = m[i];
    }
    return in[0].maskedFill(
        Tensor.of(mask, ints(a.get("maskDims"))), (float) a.get("value").asDouble());
  }

  private static Tensor crossEntropy(Tensor[] in, JsonNode a) {
    return Functional.crossEntropy(
        in[0],
        ints(a.get("targets")),
        a.get("ignoreIndex").asInt(),
        Reduction.valueOf(a.get("reduction").asText()));
  }

  private static Tensor attention(Tensor[] in, JsonNode a) {
    Tensor padding = null;
    if (a.has("padding")) {
      int[] p = ints(a.get("padding"));
      float[] values = new float[p.length];
      for (int i = 0; i < p.length; i++) {
        values[i] = p[i];
      }
      padding = Tensor.of(values, in[1].size(0), in[1].size(1)); // (B, Tk)
    }
    return Functional.attention(
        in[0],
        in[1],
        in[2],
        a.get("numHeads").asInt(),
        a.get("causal").asInt() != 0,
        padding,
        null);
  }
}
