package org.tinyformer.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GptConfigTest {
  @Test
  void gpt2SmallHas124MParameters() {
    assertThat(GptConfig.preset("gpt2-small").parameterCount()).isEqualTo(124_439_808L);
  }

  @Test
  void shakespeareCharIsNanoGptsCpuRecipe() {
    GptConfig c = GptConfig.preset("shakespeare-char");
    assertThat(c)
        .isEqualTo(
            new GptConfig(
                65,
                64,
                4,
                4,
                128,
                0f,
                true,
                GptConfig.Norm.LAYER,
                GptConfig.Positions.LEARNED,
                GptConfig.MlpKind.GELU));
    assertThat(c.headSize()).isEqualTo(32);
    assertThat(c.mlpHiddenDim()).isEqualTo(512);
  }

  @Test
  void modernTurnsOnRmsRotarySwigluWithoutBias() {
    GptConfig m = GptConfig.preset("shakespeare-char").modern();
    assertThat(m.isModern()).isTrue();
    assertThat(m.bias()).isFalse();
    assertThat(m).isEqualTo(GptConfig.preset("shakespeare-char-modern"));
    assertThat(m.mlpHiddenDim()).isEqualTo(352);
  }

  @Test
  void rejectsEmbedDimNotDivisibleByHeads() {
    assertThatThrownBy(() -> GptConfig.gpt2(65, 64, 4, 4, 130, 0f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("gpt config: embedDim (130) must be divisible by numHeads (4)");
  }

  @Test
  void rejectsZeroLayers() {
    assertThatThrownBy(() -> GptConfig.gpt2(65, 64, 0, 4, 128, 0f))
        .hasMessage("gpt config: numLayers must be positive, got 0");
  }

  @Test
  void rejectsNonPositiveSizes() {
    assertThatThrownBy(() -> GptConfig.gpt2(0, 64, 4, 4, 128, 0f))
        .hasMessage("gpt config: vocabSize must be positive, got 0");
    assertThatThrownBy(() -> GptConfig.gpt2(65, -1, 4, 4, 128, 0f))
        .hasMessage("gpt config: contextLength must be positive, got -1");
  }

  @Test
  void rejectsDropoutOutsideUnitInterval() {
    assertThatThrownBy(() -> GptConfig.gpt2(65, 64, 4, 4, 128, 1f))
        .hasMessage("gpt config: dropout must be in [0, 1), got 1.0");
  }

  @Test
  void rejectsOddHeadSizeWithRotary() {
    assertThatThrownBy(() -> GptConfig.gpt2(65, 64, 1, 3, 9, 0f).modern())
        .hasMessage(
            "gpt config: headSize (3 = embedDim / numHeads) must be even for rotary positions");
  }

  @Test
  void rejectsUnknownPreset() {
    assertThatThrownBy(() -> GptConfig.preset("gpt5"))
        .hasMessageStartingWith(
            "gpt config: unknown preset 'gpt5', expected one of [shakespeare-char");
  }
}
