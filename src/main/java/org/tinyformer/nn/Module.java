package org.tinyformer.nn;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tinyformer.base.Checks;
import org.tinyformer.tensor.Tensor;

/**
 * A node of the model tree (PyTorch's {@code nn.Module}): it owns named parameters and child
 * modules, and its keys mirror the tree, {@code blocks.0.attn.qkv.weight}. Subclasses register in
 * their constructor: {@code weight = parameter("weight", Tensor.randn(rng, 0.02f, out, in));}
 */
public abstract class Module {
  private final Map<String, Tensor> parameters = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();
  private boolean training = true;
  private boolean bf16Matmuls;

  /** Registers a parameter (it now requires a gradient) under {@code name}, and returns it. */
  protected final Tensor parameter(String name, Tensor value) {
    Checks.check(
        !parameters.containsKey(name) && !children.containsKey(name),
        "module: name '%s' is already registered in %s",
        name,
        getClass().getSimpleName());
    parameters.put(name, value.requiresGrad(true));
    return value;
  }

  /** Registers a child module under {@code name} (may contain dots, e.g. "blocks.0"). */
  protected final <M extends Module> M child(String name, M module) {
    Checks.check(
        !parameters.containsKey(name) && !children.containsKey(name),
        "module: name '%s' is already registered in %s",
        name,
        getClass().getSimpleName());
    children.put(name, module);
    return module;
  }

  /** All parameters of the tree by key, in registration order; a shared tensor is listed once. */
  public Map<String, Tensor> namedParameters() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    namedModules()
        .forEach(
            (path, m) ->
                m.parameters.forEach(
                    (name, t) -> {
                      if (seen.add(t)) {
                        out.put(join(path, name), t);
                      }
                    }));
    return Collections.unmodifiableMap(out);
  }

  /** Every module of the tree by path, this one first under the empty path. */
  public Map<String, Module> namedModules() {
    Map<String, Module> out = new LinkedHashMap<>();
    collectModules("", out);
    return out;
  }

  private void collectModules(String prefix, Map<String, Module> out) {
    out.put(prefix, this);
    children.forEach((name, m) -> m.collectModules(join(prefix, name), out));
  }

  /**
   * Switches the whole tree's Linear layers to bfloat16 GEMM inputs with float32 sums
   * (mixed-precision training), or back to float32.
   */
  public void useBf16Matmuls(boolean on) {
    namedModules().values().forEach(m -> m.bf16Matmuls = on);
  }

  /** Whether Linear layers round their GEMM inputs to bfloat16. */
  public boolean bf16Matmuls() {
    return bf16Matmuls;
  }

  /** Switches the whole tree to training (dropout on) or evaluation mode. */
  public void train(boolean on) {
    namedModules().values().forEach(m -> m.training = on);
  }

  public boolean isTraining() {
    return training;
  }

  private static String join(String prefix, String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }
}
