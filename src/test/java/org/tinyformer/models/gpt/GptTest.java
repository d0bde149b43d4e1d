package org.tinyformer.models.gpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.data.Batch;
import org.tinyformer.models.AttentionKind;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.RecordedAttention;
import org.tinyformer.nn.KvCache;
import org.tinyformer.optim.AdamW;
import org.tinyformer.tensor.Tensor;

class GptTest {
  private static final GptConfig TINY = GptConfig.gpt2(11, 16, 2, 2, 16, 0f);

  static int[] randomIds(Rng rng, int n, int vocab) {
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = rng.nextInt(vocab);
    }
    return ids;
  }

  @Test
  void parameterKeysMirrorTheModuleTree() {
    Gpt gpt = new Gpt(GptConfig.gpt2(11, 16, 1, 2, 16, 0f), new Rng(1));
    assertThat(gpt.namedParameters().keySet())
        .containsExactly(
            "wte.weight",
            "wpe.weight",
            "blocks.0.ln1.weight",
            "blocks.0.ln1.bias",
            "blocks.0.attn.qkv.weight",
            "blocks.0.attn.qkv.bias",
            "blocks.0.attn.proj.weight",
            "blocks.0.attn.proj.bias",
            "blocks.0.ln2.weight",
            "blocks.0.ln2.bias",
            "blocks.0.mlp.fc.weight",
            "blocks.0.mlp.fc.bias",
            "blocks.0.mlp.proj.weight",
            "blocks.0.mlp.proj.bias",
            "lnf.weight",
            "lnf.bias");
    assertThat(gpt.namedParameters().get("blocks.0.attn.qkv.weight").dims())
        .containsExactly(48, 16);
    assertThat(gpt.namedParameters().get("blocks.0.mlp.fc.weight").dims()).containsExactly(64, 16);
  }

  @Test
  void modernVariantHasNoBiasesNoPositionTableAndGatedMlp() {
    Gpt gpt = new Gpt(GptConfig.gpt2(11, 16, 1, 2, 16, 0f).modern(), new Rng(1));
    assertThat(gpt.namedParameters().keySet())
        .containsExactly(
            "wte.weight",
            "blocks.0.ln1.weight",
            "blocks.0.attn.qkv.weight",
            "blocks.0.attn.proj.weight",
            "blocks.0.ln2.weight",
            "blocks.0.mlp.gate.weight",
            "blocks.0.mlp.up.weight",
            "blocks.0.mlp.proj.weight",
            "lnf.weight");
  }

  @Test
  void parameterCountMatchesTheConfigsFormula() {
    for (GptConfig c :
        List.of(
            GptConfig.preset("shakespeare-char"),
            GptConfig.preset("shakespeare-char-modern"),
            GptConfig.preset("tiny"),
            TINY.modern())) {
      assertThat(new Gpt(c, new Rng(2)).parameterCount())
          .as(c.toString())
          .isEqualTo(c.parameterCount());
    }
    assertThat(GptConfig.preset("shakespeare-char").parameterCount()).isEqualTo(809_856L);
  }

  @Test
  void initialisationFollowsGpt2() {
    GptConfig c = GptConfig.gpt2(200, 64, 8, 4, 128, 0f);
    var p = new Gpt(c, new Rng(3)).namedParameters();
    assertThat(std(p.get("wte.weight"))).isCloseTo(0.02, within(0.001));
    assertThat(std(p.get("blocks.0.attn.qkv.weight"))).isCloseTo(0.02, within(0.001));
    assertThat(std(p.get("blocks.0.mlp.proj.weight"))).isCloseTo(0.02 / 4, within(0.0003));
    assertThat(p.get("blocks.0.ln1.weight").data()).containsOnly(1f);
    assertThat(p.get("blocks.0.attn.qkv.bias").data()).containsOnly(0f);
  }

  private static double std(Tensor t) {
    double s = 0;
    for (float x : t.data()) {
      s += x * x;
    }
    return Math.sqrt(s / t.numel());
  }

  @Test
  void forwardGivesLogitsAndALossNearLogVocabAtInit() {
    Gpt gpt = new Gpt(TINY, new Rng(4));
    Rng rng = new Rng(5);
    int[] ids = randomIds(rng, 3 * 16, 11);
    Gpt.Output out = gpt.forward(ids, randomIds(rng, 3 * 16, 11), 3, 16);
    assertThat(out.logits().dims()).containsExactly(3, 16, 11);
    assertThat(out.loss().item()).isCloseTo((float) Math.log(11), within(0.1f));
  }

  @Test
  void lossIgnoresTargetsOfMinusOne() {
    Gpt gpt = new Gpt(TINY, new Rng(4));
    int[] ids = randomIds(new Rng(6), 8, 11);
    int[] targets = randomIds(new Rng(7), 8, 11);
    float firstHalf =
        gpt.loss(
            ids, new int[] {targets[0], targets[1], targets[2], targets[3], -1, -1, -1, -1}, 1, 8);
    float[] logits = gpt.logits(ids, 1, 8);
    double expected = 0;
    for (int t = 0; t < 4; t++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int v = 0; v < 11; v++) {
        max = Math.max(max, logits[t * 11 + v]);
      }
      double z = 0;
      for (int v = 0; v < 11; v++) {
        z += Math.exp(logits[t * 11 + v] - max);
      }
      expected += Math.log(z) + max - logits[t * 11 + targets[t]];
    }
    assertThat(firstHalf).isCloseTo((float) (expected / 4), within(1e-4f));
  }

  @Test
  void tinyModelMemorisesOneBatch() {
    for (GptConfig c : List.of(TINY, TINY.modern())) {
      Gpt gpt = new Gpt(c, new Rng(8));
      Rng rng = new Rng(9);
      int[] ids = randomIds(rng, 4 * 16, 11);
      int[] targets = randomIds(rng, 4 * 16, 11);
      AdamW adam = new AdamW(gpt.parameters(), 1e-2f, 0.9f, 0.999f, 1e-8f, 0f);
      float first = 0;
      float loss = 0;
      for (int step = 0; step < 150; step++) {
        adam.zeroGrad();
        loss = gpt.forwardBackward(ids, targets, 4, 16);
        first = step == 0 ? loss : first;
        adam.step();
      }
      assertThat(first).as(c.toString()).isGreaterThan(2f);
      assertThat(loss).as(c.toString()).isLessThan(0.1f);
    }
  }

  @Test
  void kvCacheGivesTheSameLogitsAsTheFullForward() {
    for (GptConfig c : List.of(TINY, TINY.modern())) {
      Gpt gpt = new Gpt(c, new Rng(10));
      gpt.setTraining(false);
      int B = 2;
      int T = 16;
      int[] ids = randomIds(new Rng(11), B * T, 11);
      float[] full = gpt.logits(ids, B, T); // (B, T, V)
      KvCache cache = gpt.newCache(B);
      int[] chunks = {5, 1, 3, 1, 6}; // a prefill, single steps and a longer chunk
      int t0 = 0;
      for (int n : chunks) {
        int[] part = new int[B * n];
        for (int b = 0; b < B; b++) {
          System.arraycopy(ids, b * T + t0, part, b * n, n);
        }
        float[] step = gpt.decode(part, B, n, cache); // (B, n, V)
        for (int b = 0; b < B; b++) {
          for (int t = 0; t < n; t++) {
            for (int v = 0; v < 11; v++) {
              assertThat(step[(b * n + t) * 11 + v])
                  .as("%s b %d t %d v %d", c.positions(), b, t0 + t, v)
                  .isCloseTo(full[(b * T + t0 + t) * 11 + v], within(2e-5f));
            }
          }
        }
        t0 += n;
      }
      assertThat(cache.length()).isEqualTo(T);
    }
  }

  @Test
  void kvCacheGivesTheSameLogitsAfterAClearAndForAnotherModel() {
    for (GptConfig c : List.of(TINY, TINY.modern())) {
      Gpt gpt = new Gpt(c, new Rng(20));
      Gpt other = new Gpt(c, new Rng(21));
      gpt.setTraining(false);
      other.setTraining(false);
      int[] ids = randomIds(new Rng(22), 12, 11);
      KvCache cache = gpt.newCache(1);
      gpt.decode(new int[] {1, 2, 3}, 1, 3, cache); // fills the cache and its workspace
      cache.clear();
      assertLogitsMatch(gpt.decode(ids, 1, 12, cache), gpt.logits(ids, 1, 12), c);
      cache.clear();
      assertLogitsMatch(other.decode(ids, 1, 12, cache), other.logits(ids, 1, 12), c);
    }
  }

  private static void assertLogitsMatch(float[] actual, float[] expected, GptConfig c) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i])
          .as("%s index %d", c.positions(), i)
          .isCloseTo(expected[i], within(2e-5f));
    }
  }

  @Test
  void decodeLastGivesTheLastPositionOnly() {
    for (GptConfig c : List.of(TINY, TINY.modern())) {
      Gpt gpt = new Gpt(c, new Rng(12));
      gpt.setTraining(false);
      int B = 2;
      int[] ids = randomIds(new Rng(13), B * 7, 11);
      KvCache full = gpt.newCache(B);
      KvCache last = gpt.newCache(B);
      float[] all = gpt.decode(ids, B, 7, full); // (B, 7, V)
      float[] lastOnly = gpt.decodeLast(ids, B, 7, last); // (B, V)
      for (int b = 0; b < B; b++) {
        for (int v = 0; v < 11; v++) {
          assertThat(lastOnly[b * 11 + v]).isCloseTo(all[(b * 7 + 6) * 11 + v], within(1e-6f));
        }
      }
      int[] next = {3, 4}; // the caches hold the same keys and values
      assertThat(gpt.decodeLast(next, B, 1, last)).containsExactly(gpt.decode(next, B, 1, full));
    }
  }

  @Test
  void rejectsSequencesLongerThanTheContext() {
    Gpt gpt = new Gpt(TINY, new Rng(1));
    assertThatThrownBy(() -> gpt.forward(new int[17], 1, 17))
        .hasMessage("gpt: sequence of 17 tokens exceeds contextLength 16");
    gpt.setTraining(false);
    KvCache cache = gpt.newCache(1);
    gpt.decode(new int[16], 1, 16, cache);
    assertThatThrownBy(() -> gpt.decode(new int[1], 1, 1, cache))
        .hasMessage("gpt: sequence of 17 tokens exceeds contextLength 16");
  }

  @Test
  void rejectsIdsOutsideTheVocabulary() {
    Gpt gpt = new Gpt(TINY, new Rng(1));
    assertThatThrownBy(() -> gpt.forward(new int[] {1, 11}, 1, 2))
        .hasMessage("gpt: token id 11 at index 1 is outside the vocabulary [0, 11)");
  }

  @Test
  void attentionWeightsAreCausalAndSumToOne() {
    Gpt gpt = new Gpt(TINY, new Rng(14));
    int[] ids = randomIds(new Rng(15), 5, 11);
    RecordedAttention maps = gpt.recordAttention(new Batch(ids, new int[5], 1, 5));
    assertThat(maps.numLayers(AttentionKind.DECODER)).isEqualTo(2);
    float[] w = maps.get(AttentionKind.DECODER, 1).data(); // (1, NH, 5, 5)
    assertThat(w).hasSize(2 * 5 * 5);
    for (int h = 0; h < 2; h++) {
      for (int i = 0; i < 5; i++) {
        float sum = 0;
        for (int j = 0; j < 5; j++) {
          float a = w[(h * 5 + i) * 5 + j];
          if (j > i) {
            assertThat(a).isZero();
          }
          sum += a;
        }
        assertThat(sum).isCloseTo(1f, within(1e-5f));
      }
    }
  }

  @Test
  void loadParametersCopiesAndNamesBadKeys() {
    Gpt a = new Gpt(TINY, new Rng(1));
    Gpt b = new Gpt(TINY, new Rng(2));
    b.loadParameters(a.namedParameters(), "model a");
    assertThat(b.namedParameters().get("lnf.weight").data())
        .containsExactly(a.namedParameters().get("lnf.weight").data());
    int[] ids = {1, 2, 3};
    assertThat(b.logits(ids, 1, 3)).containsExactly(a.logits(ids, 1, 3));
    Gpt wider = new Gpt(GptConfig.gpt2(12, 16, 2, 2, 16, 0f), new Rng(3));
    assertThatThrownBy(() -> wider.loadParameters(a.namedParameters(), "model a"))
        .hasMessage(
            "load parameters: wte.weight has shape (11, 16) in model a but the model expects"
                + " (12, 16)");
    var missing = new java.util.HashMap<>(a.namedParameters());
    missing.remove("lnf.bias");
    assertThatThrownBy(() -> b.loadParameters(missing, "model a"))
        .hasMessage("load parameters: model a lacks lnf.bias");
  }
}
