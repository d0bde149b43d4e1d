package org.tinyformer.visualization.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tinyformer.io.ModelFile;
import org.tinyformer.io.Safetensors;
import org.tinyformer.models.gpt.GptFlops;

/**
 * What a run's last checkpoint says about its model without reading any weight: the kind and
 * architecture ({@code model.json}), the parameter count by module (the {@code model.safetensors}
 * header), and the training FLOPs per token as {@code tinyformer inspect} counts them ({@link
 * GptFlops}).
 *
 * @param modules parameter counts by module: {@code wte}, {@code blocks.0.attn}, {@code lm_head}
 */
record ModelInfo(
    String kind,
    Record config,
    long parameters,
    long trainingFlopsPerToken,
    Map<String, Long> modules) {

  /** Reads the checkpoint directory {@code checkpoint}. */
  static ModelInfo read(Path checkpoint) throws IOException {
    ModelFile file = ModelFile.read(checkpoint);
    Map<String, Long> modules = new LinkedHashMap<>();
    long total = 0;
    Path weights = checkpoint.resolve("model.safetensors");
    if (Files.isRegularFile(weights)) {
      for (var e : Safetensors.shapes(weights).entrySet()) {
        long n = 1;
        for (int d : e.getValue()) {
          n *= d;
        }
        total += n;
        modules.merge(module(e.getKey()), n, Long::sum);
      }
    }
    long flops = file.gptConfig().map(c -> GptFlops.of(c).training()).orElse(0L);
    return new ModelInfo(file.kind(), file.config(), total, flops, modules);
  }

  /**
   * {@code blocks.3.attn.qkv.weight} is in module {@code blocks.3.attn}; {@code wte.weight} in wte.
   */
  static String module(String parameter) {
    String[] parts = parameter.split("\\.");
    if (parts.length >= 4 && parts[0].equals("blocks")) {
      return parts[0] + "." + parts[1] + "." + parts[2];
    }
    int dot = parameter.lastIndexOf('.');
    return dot < 0 ? parameter : parameter.substring(0, dot);
  }
}
