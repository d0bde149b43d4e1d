package org.tinyformer.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tinyformer.base.Checks;
import org.tinyformer.tensor.Tensor;

/**
 * One optimizer buffer per parameter (Adam's first or second moment, SGD's momentum), named {@code
 * <prefix>.<parameter name>} in checkpoints.
 */
final class ParameterBuffers {
  private final String prefix;
  private final Map<String, float[]> buffers = new LinkedHashMap<>(); // name -> (numel)
  private final Map<String, int[]> dims = new LinkedHashMap<>();

  ParameterBuffers(String prefix, Map<String, Tensor> parameters) {
    this.prefix = prefix;
    parameters.forEach(
        (name, p) -> {
          buffers.put(name, new float[p.numel()]);
          dims.put(name, p.dims());
        });
  }

  float[] get(String name) {
    return buffers.get(name);
  }

  /** The buffers as tensors that share storage, keyed by {@code prefix.name}. */
  void exportTo(Map<String, Tensor> state) {
    buffers.forEach((name, b) -> state.put(prefix + "." + name, Tensor.of(b, dims.get(name))));
  }

  /** Copies the buffers back from a saved state; every parameter must be present with its shape. */
  void importFrom(Map<String, Tensor> state) {
    for (Map.Entry<String, float[]> e : buffers.entrySet()) {
      String key = prefix + "." + e.getKey();
      Tensor saved = state.get(key);
      Checks.check(saved != null, "optimizer state: missing buffer %s", key);
      Checks.check(
          saved.numel() == e.getValue().length,
          "optimizer state: %s has %d values, expected %d",
          key,
          saved.numel(),
          e.getValue().length);
      System.arraycopy(saved.data(), 0, e.getValue(), 0, e.getValue().length);
    }
  }
}
