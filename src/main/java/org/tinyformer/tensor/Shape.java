package org.tinyformer.tensor;

import java.util.Arrays;
import org.tinyformer.base.Checks;

/**
 * The dimensions of a dense row-major tensor, e.g. {@code Shape.of(2, 3)} prints as {@code (2, 3)};
 * the scalar shape {@code Shape.of()} has rank 0 and one element.
 */
public final class Shape {
  private final int[] dims;
  private final int numel;

  private Shape(int[] dims) {
    long n = 1;
    for (int d : dims) { // the messages are formatted only on failure: shapes are made per op
      if (d < 0) {
        throw new IllegalArgumentException(
            "shape: dimensions must be non-negative, got " + Checks.dims(dims));
      }
      n *= d;
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("shape: too many elements in " + Checks.dims(dims));
    }
    this.dims = dims;
    this.numel = (int) n;
  }

  /** The shape with these dimensions (copied). */
  public static Shape of(int... dims) {
    return new Shape(dims.clone());
  }

  /** A copy of the dimensions. */
  public int[] dims() {
    return dims.clone();
  }

  /** The number of dimensions (0 for a scalar). */
  public int rank() {
    return dims.length;
  }

  /** The size of dimension {@code dim}; a negative {@code dim} counts from the end. */
  public int size(int dim) {
    return dims[axis("size", dim)];
  }

  /** The number of elements: the product of the dimensions. */
  public int numel() {
    return numel;
  }

  /** Resolves a possibly negative dimension index, naming {@code op} when it is out of range. */
  int axis(String op, int dim) {
    int d = dim < 0 ? dim + dims.length : dim;
    Checks.check(
        d >= 0 && d < dims.length, "%s: dimension %d is out of range for shape %s", op, dim, this);
    return d;
  }

  /** Product of the dimensions before {@code dim}. */
  int outer(int dim) {
    int n = 1;
    for (int i = 0; i < dim; i++) {
      n *= dims[i];
    }
    return n;
  }

  /** Product of the dimensions after {@code dim}. */
  int inner(int dim) {
    int n = 1;
    for (int i = dim + 1; i < dims.length; i++) {
      n *= dims[i];
    }
    return n;
  }

  /** Row-major strides, in elements. */
  int[] strides() {
    int[] s = new int[dims.length];
    int stride = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      s[i] = stride;
      stride *= dims[i];
    }
    return s;
  }

  /** The internal array; callers must not modify it. */
  int[] dimsView() {
    return dims;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape other && Arrays.equals(dims, other.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  @Override
  public String toString() {
    return Checks.dims(dims);
  }
}
