package org.tinyformer.tensor;

import static org.tinyformer.tensor.GradCheck.check;
import static org.tinyformer.tensor.GradCheck.randn;
import static org.tinyformer.tensor.GradCheck.uniform;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Central-difference gradient checks of the elementwise operations, with broadcasting. */
class ElementwiseGradientTest {

  /** Pairs of broadcastable shapes, with size-1 dims and sizes not divisible by 16. */
  static Stream<int[][]> shapePairs() {
    return Stream.of(
        new int[][] {{3, 17}, {3, 17}},
        new int[][] {{2, 3, 17}, {17}},
        new int[][] {{2, 1, 5}, {1, 4, 1}},
        new int[][] {{1}, {4, 3}},
        new int[][] {{}, {2, 3}},
        new int[][] {{3, 1}, {1, 1, 2}},
        new int[][] {{1, 1}, {1, 1}},
        new int[][] {{2, 3, 4}, {3, 1}});
  }

  @ParameterizedTest
  @MethodSource("shapePairs")
  void binaryOpsMatchFiniteDifferences(int[][] shapes) {
    check("add", in -> in[0].add(in[1]), randn(1, shapes[0]), randn(2, shapes[1]));
    check("sub", in -> in[0].sub(in[1]), randn(3, shapes[0]), randn(4, shapes[1]));
    check("mul", in -> in[0].mul(in[1]), randn(5, shapes[0]), randn(6, shapes[1]));
    check("div", in -> in[0].div(in[1]), randn(7, shapes[0]), uniform(8, 0.5f, 2f, shapes[1]));
    check(
        "div flipped",
        in -> in[0].div(in[1]),
        uniform(9, 0.5f, 2f, shapes[0]).neg(),
        randn(10, shapes[1]).exp());
  }

  @Test
  void randomBroadcastShapesMatchFiniteDifferences() {
    org.tinyformer.base.Rng rng = new org.tinyformer.base.Rng(2024);
    int[] sizes = {1, 2, 3, 17};
    for (int trial = 0; trial < 30; trial++) {
      int rank = rng.nextInt(4); // 0 .. 3
      int[] out = new int[rank];
      for (int i = 0; i < rank; i++) {
        out[i] = sizes[rng.nextInt(sizes.length)];
      }
      int[] a = broadcastable(rng, out);
      int[] b = broadcastable(rng, out);
      String name = "random " + Shape.of(a) + " * " + Shape.of(b);
      check(name, in -> in[0].mul(in[1]).add(in[1]), randn(100 + trial, a), randn(200 + trial, b));
    }
  }

  /** A shape that broadcasts to {@code out}: leading dims dropped, others maybe set to 1. */
  private static int[] broadcastable(org.tinyformer.base.Rng rng, int[] out) {
    int drop = rng.nextInt(out.length + 1);
    int[] s = java.util.Arrays.copyOfRange(out, drop, out.length);
    for (int i = 0; i < s.length; i++) {
      if (rng.nextInt(3) == 0) {
        s[i] = 1;
      }
    }
    return s;
  }

  @Test
  void sameTensorOnBothSidesAccumulates() {
    check("x*x", in -> in[0].mul(in[0]), randn(11, 4, 5));
    check("x+x*x", in -> in[0].add(in[0].mul(in[0])), randn(12, 1, 17));
  }

  @Test
  void scalarAndUnaryOpsMatchFiniteDifferences() {
    int[] shape = {3, 17};
    check("add scalar", in -> in[0].add(2.5f), randn(20, shape));
    check("mul scalar", in -> in[0].mul(-1.5f), randn(21, shape));
    check("neg", in -> in[0].neg(), randn(22, shape));
    check("pow 3", in -> in[0].pow(3f), randn(23, shape));
    check("pow 0.5", in -> in[0].pow(0.5f), uniform(24, 0.5f, 2f, shape));
    check("pow -1", in -> in[0].pow(-1f), uniform(25, 0.5f, 2f, shape));
    check("exp", in -> in[0].exp(), randn(26, shape));
    check("log", in -> in[0].log(), uniform(27, 0.5f, 3f, shape));
    check("sqrt", in -> in[0].sqrt(), uniform(28, 0.5f, 3f, shape));
    check("tanh", in -> in[0].tanh(), randn(29, shape));
    check("relu", in -> in[0].relu(), awayFromZero(randn(30, shape)));
    check("gelu", in -> in[0].gelu(), randn(31, shape).mul(2f));
    check("silu", in -> in[0].silu(), randn(32, shape).mul(2f));
  }

  @Test
  void maskedFillMatchesFiniteDifferences() {
    Tensor mask = Tensor.of(new float[] {1, 0, 0, 1, 0}, 1, 5);
    check("maskedFill", in -> in[0].maskedFill(mask, -3f), randn(40, 3, 5));
    Tensor scalarMask = Tensor.of(new float[] {0}, 1);
    check("maskedFill none", in -> in[0].maskedFill(scalarMask, 9f), randn(41, 2, 3));
  }

  /** Moves values within 0.05 of zero away from the kink of relu. */
  private static Tensor awayFromZero(Tensor t) {
    float[] d = t.data();
    for (int i = 0; i < d.length; i++) {
      if (Math.abs(d[i]) < 0.05f) {
        d[i] = d[i] < 0 ? -0.1f : 0.1f;
      }
    }
    return t;
  }
}
