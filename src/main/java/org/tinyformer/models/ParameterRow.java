package org.tinyformer.models;

import org.tinyformer.tensor.Shape;

/**
 * One row of a model's parameter table ({@link TrainableModel#parameterTable()}): the owning
 * module's path ({@code blocks.0.attn.qkv}), the parameter's own name ({@code weight}), its shape
 * and its number of elements.
 */
public record ParameterRow(String module, String name, Shape shape, long count) {
  /** The full key, as in {@link TrainableModel#parameters()}: {@code blocks.0.attn.qkv.weight}. */
  public String key() {
    return module.isEmpty() ? name : module + "." + name;
  }
}
