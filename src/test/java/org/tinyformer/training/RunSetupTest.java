package org.tinyformer.training;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunSetupTest {
  @Test
  void aModelTooLargeForTheHeapIsRefusedWithTheEstimateBeforeAllocating() {
    TrainConfig c = TrainConfig.preset("shakespeare-char").with(List.of("model.num_layers=100000"));
    long params = RunSetup.modelFile(c, 65).parameterCount(); // 100000 (12 C² + 13 C) + 16,768
    assertThatThrownBy(() -> RunSetup.checkFitsHeap(c.model(), params, 4L << 30))
        .hasMessage(
            "model: gpt with 100000 layers of width 128 has 19,827,216,768 parameters; training it"
                + " needs about 295.4 GB (float32 weights, gradients and two AdamW moments,"
                + " activations not counted), more than the 4.0 GB Java heap: make the model"
                + " smaller or give Java more heap with TINYFORMER_JAVA_OPTS=-Xmx<size>");
    long small = RunSetup.modelFile(TrainConfig.preset("shakespeare-char"), 65).parameterCount();
    assertThatCode(() -> RunSetup.checkFitsHeap(c.model(), small, 4L << 30))
        .doesNotThrowAnyException();
  }
}
