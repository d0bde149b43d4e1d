package org.tinyformer.io.hf;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.tinyformer.tensor.Tensor;

/**
 * The tensors of a Hugging Face checkpoint as a layout consumes them: {@link #take} checks the
 * shape and marks the name used, {@link #checkAllUsed} refuses tensors nobody asked for. Every
 * error is one line naming the tensor and its file.
 */
final class HfTensors {
  private final Map<String, Tensor> tensors;
  private final Map<String, Path> files;
  private final String prefix; // "transformer." when the names carry it, else ""
  private final Set<String> unused;
  private final String architecture;

  HfTensors(HfDirectory d, String prefix, String architecture) {
    this.tensors = d.tensors();
    this.files = d.files();
    this.prefix = prefix;
    this.unused = new LinkedHashSet<>(tensors.keySet());
    this.architecture = architecture;
  }

  /** Whether tensor {@code prefix + name} exists. */
  boolean has(String name) {
    return tensors.containsKey(prefix + name);
  }

  /** Tensor {@code prefix + name}'s data, which must have shape {@code dims}. */
  float[] take(String name, int... dims) {
    return takeExact(prefix + name, dims);
  }

  /** Tensor {@code full}'s data (no prefix added), which must have shape {@code dims}. */
  float[] takeExact(String full, int... dims) {
    Tensor t = tensors.get(full);
    if (t == null) {
      throw new IllegalArgumentException(
          "hf import: tensor "
              + full
              + " "
              + Arrays.toString(dims)
              + " is missing from the weights of "
              + architecture);
    }
    if (!Arrays.equals(t.dims(), dims)) {
      throw new IllegalArgumentException(
          "hf import: tensor "
              + full
              + " in "
              + files.get(full)
              + " has shape "
              + Arrays.toString(t.dims())
              + ", expected "
              + Arrays.toString(dims));
    }
    unused.remove(full);
    return t.data();
  }

  /** Marks {@code prefix + name} as read without using it (buffers such as the causal mask). */
  void ignore(String name) {
    unused.remove(prefix + name);
  }

  /** Refuses tensors the layout did not read. */
  void checkAllUsed() {
    if (!unused.isEmpty()) {
      String first = unused.iterator().next();
      throw new IllegalArgumentException(
          "hf import: unexpected tensor "
              + first
              + " in "
              + files.get(first)
              + " for "
              + architecture
              + (unused.size() > 1 ? " (and " + (unused.size() - 1) + " more)" : ""));
    }
  }

  /** The (cols, rows) transpose of a (rows, cols) row-major matrix. */
  static float[] transpose(float[] m, int rows, int cols) {
    float[] out = new float[m.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = m[r * cols + c];
      }
    }
    return out;
  }
}
