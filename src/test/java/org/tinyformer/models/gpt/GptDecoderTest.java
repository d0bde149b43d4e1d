package org.tinyformer.models.gpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tinyformer.models.gpt.GptTest.randomIds;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.kernels.gemm.Bf16;
import org.tinyformer.kernels.runtime.Simd;
import org.tinyformer.models.GptConfig;
import org.tinyformer.nn.KvCache;

/**
 * The lean decoder's two weight paths: packed panels (models up to ~32M parameters) and the
 * parameters read in place (larger models), reached here by lowering the threshold.
 */
class GptDecoderTest {
  private static final int V = 11;
  private static final GptConfig TINY = GptConfig.gpt2(V, 16, 2, 2, 16, 0f);
  private static final GptConfig UNTIED_MODERN =
      new GptConfig(
          V,
          16,
          2,
          2,
          16,
          0f,
          false,
          GptConfig.Norm.RMS,
          GptConfig.Positions.ROTARY,
          GptConfig.MlpKind.SWIGLU,
          40,
          true);

  @Test
  void packsWeightsUpToTheThresholdOnly() {
    Gpt gpt = new Gpt(TINY, new Rng(1));
    long n = gpt.parameterCount();
    assertThat(new GptDecoder(gpt, 1, false).packsWeights()).isTrue();
    assertThat(new GptDecoder(gpt, 1, n, false).packsWeights()).isTrue();
    assertThat(new GptDecoder(gpt, 1, n - 1, false).packsWeights()).isFalse();
  }

  @Test
  void unpackedDecoderGivesTheLogitsOfThePackedOneAndTheFullForward() {
    for (GptConfig c : List.of(TINY, TINY.modern())) {
      Gpt gpt = withRandomBiases(new Gpt(c, new Rng(30)), new Rng(34));
      gpt.setTraining(false);
      int B = 2;
      int T = 16;
      int[] ids = randomIds(new Rng(31), B * T, V);
      float[] full = gpt.logits(ids, B, T); // (B, T, V)
      GptDecoder packed = new GptDecoder(gpt, B, Long.MAX_VALUE, false);
      GptDecoder unpacked = new GptDecoder(gpt, B, 0, false);
      assertThat(unpacked.packsWeights()).isFalse();
      KvCache packedCache = gpt.newCache(B);
      KvCache unpackedCache = gpt.newCache(B);
      int t0 = 0;
      for (int n : new int[] {5, 1, 3, 1, 6}) { // rows B * n: GEMM (> 4 rows) and dot products
        int[] part = chunk(ids, B, T, t0, n); // (B, n)
        float[] a = unpacked.decode(part, B, n, unpackedCache, false); // (B, n, V)
        float[] b = packed.decode(part, B, n, packedCache, false); // (B, n, V)
        for (int r = 0; r < B; r++) {
          for (int t = 0; t < n; t++) {
            for (int v = 0; v < V; v++) {
              int i = (r * n + t) * V + v;
              String at = String.format("%s b %d t %d v %d", c.positions(), r, t0 + t, v);
              assertThat(a[i]).as(at).isCloseTo(b[i], within(2e-5f));
              assertThat(a[i]).as(at).isCloseTo(full[(r * T + t0 + t) * V + v], within(2e-5f));
            }
          }
        }
        t0 += n;
      }
    }
  }

  @Test
  void unpackedDecoderGivesTheLastPositionOfTheFullForward() {
    Gpt gpt = withRandomBiases(new Gpt(TINY, new Rng(32)), new Rng(35));
    gpt.setTraining(false);
    int[] ids = randomIds(new Rng(33), 9, V);
    float[] full = gpt.logits(ids, 1, 9); // (1, 9, V)
    float[] last =
        new GptDecoder(gpt, 1, 0, false).decode(ids, 1, 9, gpt.newCache(1), true); // (1, V)
    for (int v = 0; v < V; v++) {
      assertThat(last[v]).isCloseTo(full[8 * V + v], within(2e-5f));
    }
  }

  @Test
  void bf16DecoderGivesTheFullForwardOfBf16RoundedWeights() {
    for (GptConfig c : List.of(TINY, TINY.modern(), UNTIED_MODERN)) {
      Gpt gpt = withRandomBiases(new Gpt(c, new Rng(40)), new Rng(41));
      gpt.namedParameters()
          .values()
          .forEach(p -> Bf16.round(p.data(), p.data(), 0, p.numel())); // lossless packing now
      gpt.setTraining(false);
      int[] ids = randomIds(new Rng(42), 2 * 16, V);
      float[] full = gpt.logits(ids, 2, 16); // (2, 16, V)
      GptDecoder bf16 = new GptDecoder(gpt, 2, 0, true);
      assertThat(bf16.packsWeights()).isTrue();
      float[] decoded = bf16.decode(ids, 2, 16, gpt.newCache(2), false); // (2, 16, V)
      for (int i = 0; i < full.length; i++) {
        assertThat(decoded[i])
            .as("%s logit %d", c.positions(), i)
            .isCloseTo(full[i], within(2e-5f));
      }
    }
  }

  @Test
  void phasesSplitAmongThreadsGiveTheSameBitsAsOneThread() {
    for (GptConfig c : List.of(TINY, UNTIED_MODERN)) {
      for (long packMax : new long[] {Long.MAX_VALUE, 0}) {
        for (boolean bf16 : new boolean[] {false, true}) {
          Gpt gpt = withRandomBiases(new Gpt(c, new Rng(50)), new Rng(51));
          gpt.setTraining(false);
          int B = 2;
          int[] ids = randomIds(new Rng(52), B * 12, V);
          GptDecoder one = new GptDecoder(gpt, B, packMax, bf16, 1, Long.MAX_VALUE);
          GptDecoder three = new GptDecoder(gpt, B, packMax, bf16, 3, 0);
          KvCache oneCache = gpt.newCache(B);
          KvCache threeCache = gpt.newCache(B);
          int t0 = 0;
          for (int n : new int[] {5, 1, 3, 1, 2}) { // prompt chunks, single tokens
            int[] part = chunk(ids, B, 12, t0, n); // (B, n)
            boolean lastOnly = n != 3;
            String at = String.format("%s pack %d bf16 %s t %d", c.mlp(), packMax, bf16, t0);
            assertThat(three.decode(part, B, n, threeCache, lastOnly))
                .as(at)
                .containsExactly(one.decode(part, B, n, oneCache, lastOnly));
            t0 += n;
          }
        }
      }
    }
  }

  @Test
  void decodeAlongGivesTheBitsOfSeparateCallsOnEachCache() {
    for (GptConfig c : List.of(TINY, TINY.modern())) {
      assertThat(GptDecoder.rowsAreIndependent(c)).isTrue();
      for (int parts : new int[] {1, 3}) {
        for (boolean bf16 : new boolean[] {false, true}) {
          Gpt gpt = withRandomBiases(new Gpt(c, new Rng(60)), new Rng(61));
          gpt.setTraining(false);
          int[] ids = randomIds(new Rng(62), 13, V);
          long split = parts == 1 ? Long.MAX_VALUE : 0;
          GptDecoder alone = new GptDecoder(gpt, 1, Long.MAX_VALUE, bf16, 1, Long.MAX_VALUE);
          GptDecoder along = new GptDecoder(gpt, 1, Long.MAX_VALUE, bf16, parts, split);
          KvCache a1 = gpt.newCache(1);
          KvCache b1 = gpt.newCache(1);
          KvCache a2 = gpt.newCache(1);
          KvCache b2 = gpt.newCache(1);
          int[] prompt = Arrays.copyOf(ids, 5);
          along.decode(prompt, 1, 5, a2, true);
          alone.decode(prompt, 1, 5, a1, true);
          for (int t = 5; t < 12; t++) { // a at positions 5 .. 11, b at 0 .. 6
            String at = String.format("%s parts %d bf16 %s t %d", c.mlp(), parts, bf16, t);
            float[] expected = alone.decode(new int[] {ids[t]}, 1, 1, a1, true); // (1, V)
            alone.decode(new int[] {ids[t]}, 1, 1, b1, true);
            assertThat(along.decodeAlong(ids[t], a2, b2)).as(at).containsExactly(expected);
          }
          int[] last = {ids[12]};
          assertThat(along.decode(last, 1, 1, a2, true))
              .containsExactly(alone.decode(last, 1, 1, a1, true));
          // b holds the keys and values of recomputing its window at once (the context shift)
          float[] shifted =
              alone.decode(Arrays.copyOfRange(ids, 5, 13), 1, 8, gpt.newCache(1), true); // (1, V)
          assertThat(along.decode(last, 1, 1, b2, true))
              .containsExactly(alone.decode(last, 1, 1, b1, true))
              .containsExactly(shifted);
        }
      }
    }
  }

  @Test
  void rowsDependOnTheirNeighboursWhenTheHiddenWidthLeavesAScalarTail() {
    boolean expected = !Simd.AVAILABLE || 40 % Simd.floatLanes() == 0; // its hidden width is 40
    assertThat(GptDecoder.rowsAreIndependent(UNTIED_MODERN)).isEqualTo(expected);
  }

  @Test
  void useBf16WeightsSwitchesTheDecoderOfTheNextCache() {
    Gpt gpt = new Gpt(TINY, new Rng(43));
    gpt.setTraining(false);
    int[] ids = randomIds(new Rng(44), 8, V);
    float[] f32 = gpt.decodeLast(ids, 1, 8, gpt.newCache(1)); // (1, V)
    assertThat(gpt.useBf16Weights(true)).isTrue();
    float[] bf16 = gpt.decodeLast(ids, 1, 8, gpt.newCache(1)); // (1, V)
    double maxDiff = 0;
    for (int v = 0; v < V; v++) {
      maxDiff = Math.max(maxDiff, Math.abs(f32[v] - bf16[v]));
    }
    assertThat(maxDiff).isGreaterThan(0).isLessThan(0.05);
    gpt.useBf16Weights(false);
    assertThat(gpt.decodeLast(ids, 1, 8, gpt.newCache(1))).containsExactly(f32);
  }

  /** GPT-2 initialises biases to zero, which would hide a path that drops them. */
  private static Gpt withRandomBiases(Gpt gpt, Rng rng) {
    gpt.namedParameters()
        .forEach(
            (name, p) -> {
              if (name.endsWith("bias")) {
                float[] b = p.data();
                for (int i = 0; i < b.length; i++) {
                  b[i] = (float) (0.1 * rng.nextGaussian());
                }
              }
            });
    return gpt;
  }

  /** Positions [t0, t0 + n) of every row of ids (B, T), as (B, n). */
  private static int[] chunk(int[] ids, int B, int T, int t0, int n) {
    int[] part = new int[B * n]; // (B, n)
    for (int b = 0; b < B; b++) {
      System.arraycopy(ids, b * T + t0, part, b * n, n);
    }
    return part;
  }
}
