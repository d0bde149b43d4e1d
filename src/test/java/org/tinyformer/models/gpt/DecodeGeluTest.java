package org.tinyformer.models.gpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.kernels.elementwise.GeluKernel;
import org.tinyformer.kernels.elementwise.GeluPlain;

/**
 * {@link DecodeGelu} gives the bits of {@link GeluKernel#forward} (so the decoder's logits do not
 * change), and is close to the plain twin. NarrowVectorsProbe runs the bit check with 256-bit
 * vectors too.
 */
public class DecodeGeluTest {
  private static final int[] COUNTS = {0, 1, 7, 15, 16, 17, 31, 32, 33, 47, 64, 100, 512, 16389};

  /** Public for NarrowVectorsProbe, which runs it in a JVM with 256-bit vectors. */
  public static void givesTheBitsOfGeluKernelForward() {
    Rng rng = new Rng(5);
    for (int n : COUNTS) {
      float[] inp = new float[n + 3];
      for (int i = 0; i < inp.length; i++) {
        inp[i] = rng.nextGaussian() * 4f; // saturating tails too
      }
      float[] expected = inp.clone();
      GeluKernel.forward(expected, inp, n);
      float[] out = inp.clone();
      DecodeGelu.forward(out, inp, n);
      assertThat(out).as("n = %d", n).containsExactly(expected);
      float[] inPlace = inp.clone();
      DecodeGelu.forward(inPlace, inPlace, n);
      assertThat(inPlace).as("in place, n = %d", n).containsExactly(expected);
    }
  }

  @Test
  void bitsOfGeluKernelForward() {
    givesTheBitsOfGeluKernelForward();
  }

  @Test
  void closeToThePlainTwin() {
    Rng rng = new Rng(6);
    float[] inp = new float[515];
    for (int i = 0; i < inp.length; i++) {
      inp[i] = rng.nextGaussian() * 3f;
    }
    float[] plain = new float[inp.length];
    GeluPlain.forward(plain, inp, inp.length);
    float[] out = new float[inp.length];
    DecodeGelu.forward(out, inp, inp.length);
    for (int i = 0; i < inp.length; i++) {
      assertThat(out[i]).as("element %d", i).isCloseTo(plain[i], within(1e-5f));
    }
  }

  @Test
  void refusesArraysShorterThanTheCount() {
    assertThatThrownBy(() -> DecodeGelu.forward(new float[4], new float[8], 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("decodeGelu: out needs 8 floats for (8,), array has 4");
  }
}
