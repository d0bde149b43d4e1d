package org.tinyformer.tensor;

import java.util.Arrays;
import org.tinyformer.autograd.GradMode;
import org.tinyformer.autograd.Graph;
import org.tinyformer.autograd.Node;
import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;

/**
 * A dense float32 row-major tensor with reverse-mode autograd, PyTorch-like: {@code Tensor w =
 * Tensor.randn(rng, 0.02f, 4, 3).requiresGrad(true); Tensor loss = x.matmul(w).sum();
 * loss.backward(); w.grad()}. Operations live in one file per family and are delegated to here.
 */
public final class Tensor implements Node {
  private static final Node[] NO_PARENTS = new Node[0];

  private final float[] data; // (numel)
  private final Shape shape;
  private final String op; // the operation that produced this tensor ("leaf" for inputs)
  private float[] grad; // (numel), null until backward reaches this tensor
  private boolean requiresGrad;
  private Tensor[] parents; // null for a leaf or once the graph is released
  private Runnable backward; // the local chain rule; null for a leaf or once released
  private boolean released;

  private Tensor(float[] data, Shape shape, String op) {
    if (data.length != shape.numel()) { // not Checks.check: no varargs boxing per operation
      throw new IllegalArgumentException(
          String.format(
              "tensor: data has %d elements but shape %s needs %d",
              data.length, shape, shape.numel()));
    }
    this.data = data;
    this.shape = shape;
    this.op = op;
  }

  // ---- creation ----

  /** Wraps {@code data} (not copied) as a tensor of the given dimensions. */
  public static Tensor of(float[] data, int... dims) {
    return new Tensor(data, Shape.of(dims), "leaf");
  }

  public static Tensor zeros(int... dims) {
    return new Tensor(new float[Shape.of(dims).numel()], Shape.of(dims), "leaf");
  }

  public static Tensor ones(int... dims) {
    return full(1f, dims);
  }

  public static Tensor full(float value, int... dims) {
    Tensor t = zeros(dims);
    Arrays.fill(t.data, value);
    return t;
  }

  /** A rank-0 tensor holding {@code value}. */
  public static Tensor scalar(float value) {
    return new Tensor(new float[] {value}, Shape.of(), "leaf");
  }

  /** Normal samples with mean 0 and standard deviation {@code std}. */
  public static Tensor randn(Rng rng, float std, int... dims) {
    Tensor t = zeros(dims);
    for (int i = 0; i < t.data.length; i++) {
      t.data[i] = rng.nextGaussian() * std;
    }
    return t;
  }

  /** Uniform samples in [low, high). */
  public static Tensor uniform(Rng rng, float low, float high, int... dims) {
    Tensor t = zeros(dims);
    for (int i = 0; i < t.data.length; i++) {
      t.data[i] = low + (high - low) * rng.nextFloat();
    }
    return t;
  }

  // ---- state ----

  public Shape shape() {
    return shape;
  }

  public int[] dims() {
    return shape.dims();
  }

  public int rank() {
    return shape.rank();
  }

  /** The size of dimension {@code dim}; negative counts from the end. */
  public int size(int dim) {
    return shape.size(dim);
  }

  public int numel() {
    return data.length;
  }

  /** The live storage (row-major, length numel); writing to it changes the tensor. */
  public float[] data() {
    return data;
  }

  /** The accumulated gradient, or null until backward reaches this tensor. */
  public float[] grad() {
    return grad;
  }

  /** The operation that produced this tensor, e.g. {@code "matmul"}, or {@code "leaf"}. */
  public String op() {
    return op;
  }

  @Override
  public boolean requiresGrad() {
    return requiresGrad;
  }

  /** Marks this tensor as a leaf whose gradient is wanted (or not); returns this. */
  public Tensor requiresGrad(boolean flag) {
    this.requiresGrad = flag;
    return this;
  }

  /** Sets the gradient to zeros, allocating it if needed. */
  public void zeroGrad() {
    if (grad == null) {
      grad = new float[data.length];
    } else {
      Arrays.fill(grad, 0f);
    }
  }

  /** The single value of a one-element tensor. */
  public float item() {
    Checks.check(data.length == 1, "item: expected a tensor with one element, got shape %s", shape);
    return data[0];
  }

  /** The element at a full index, e.g. {@code get(1, 2)} for a matrix. */
  public float get(int... index) {
    int[] dims = shape.dimsView();
    Checks.check(
        index.length == dims.length,
        "get: index %s does not match shape %s",
        Checks.dims(index),
        shape);
    int flat = 0;
    for (int i = 0; i < dims.length; i++) {
      Checks.check(
          index[i] >= 0 && index[i] < dims[i],
          "get: index %s is out of bounds for shape %s",
          Checks.dims(index),
          shape);
      flat = flat * dims[i] + index[i];
    }
    return data[flat];
  }

  /** The same data without the graph: gradients do not flow through the result. */
  public Tensor detach() {
    return new Tensor(data, shape, "detach");
  }

  /** A copy of the data without the graph. */
  public Tensor copy() {
    return new Tensor(data.clone(), shape, "copy");
  }

  @Override
  public String toString() {
    return "Tensor" + shape + (op.equals("leaf") ? "" : " from " + op);
  }

  // ---- backward ----

  /** Backpropagates from this one-element tensor (the loss), accumulating into every grad. */
  public void backward() {
    Checks.checkState(
        data.length == 1,
        "backward: output has shape %s; pass a gradient of that shape or call backward on a scalar",
        shape);
    backward(Tensor.full(1f, shape.dimsView()));
  }

  /** Backpropagates {@code gradient} (same shape as this tensor) through the graph. */
  public void backward(Tensor gradient) {
    Checks.check(
        gradient.shape.equals(shape),
        "backward: gradient has shape %s but the output has shape %s",
        gradient.shape,
        shape);
    Checks.checkState(
        requiresGrad,
        "backward: the output does not require a gradient"
            + " (no input has requiresGrad(true), or it was computed under noGrad)");
    Checks.checkState(!released, releasedMessage());
    float[] g = gradOrZeros();
    for (int i = 0; i < g.length; i++) {
      g[i] += gradient.data[i];
    }
    Graph.backward(this);
  }

  @Override
  public Node[] parents() {
    return parents == null ? NO_PARENTS : parents;
  }

  @Override
  public void propagate() {
    Checks.checkState(!released, releasedMessage());
    if (backward != null && grad != null) {
      backward.run();
    }
  }

  @Override
  public void releaseGraph() {
    if (backward != null) {
      released = true;
      backward = null;
      parents = null;
    }
  }

  private String releasedMessage() {
    return "backward: the graph through '"
        + op
        + "' was released by an earlier backward; run the forward pass again";
  }

  // ---- for operations (package-private) ----

  /**
   * The output of operation {@code op}: it records the graph (and so needs a gradient) when grad
   * mode is on and any input requires a gradient.
   */
  static Tensor result(String op, float[] data, Shape shape, Tensor... inputs) {
    Tensor out = new Tensor(data, shape, op);
    if (GradMode.isEnabled()) {
      for (Tensor input : inputs) {
        if (input != null && input.requiresGrad) {
          out.requiresGrad = true;
          out.parents = nonNull(inputs);
          break;
        }
      }
    }
    return out;
  }

  private static Tensor[] nonNull(Tensor[] inputs) {
    int n = 0;
    for (Tensor t : inputs) {
      n += t == null ? 0 : 1;
    }
    if (n == inputs.length) {
      return inputs.clone();
    }
    Tensor[] out = new Tensor[n];
    int i = 0;
    for (Tensor t : inputs) {
      if (t != null) {
        out[i++] = t;
      }
    }
    return out;
  }

  /** Registers the local chain rule, run when the gradient of this output is complete. */
  Tensor onBackward(Runnable chainRule) {
    if (requiresGrad && parents != null) {
      backward = chainRule;
    }
    return this;
  }

  /**
   * The gradient buffer to accumulate into, allocated as zeros on first use; inside {@link
   * SliceGradients#backward} a parameter's gradient goes to that slice's buffer instead.
   */
  float[] gradOrZeros() {
    if (parents == null) { // only parameters, which are leaves, are ever redirected
      float[] slice = SliceGradients.redirected(this);
      if (slice != null) {
        return slice;
      }
    }
    if (grad == null) { // a parameter's (a leaf's) gradient outlives the step; an activation's not
      grad = parents == null ? new float[data.length] : StepArena.floats(data.length);
    }
    return grad;
  }

  // ---- elementwise (ElementwiseOps, broadcasting like numpy) ----

  public Tensor add(Tensor o) {
    return ElementwiseOps.add(this, o);
  }

  public Tensor sub(Tensor o) {
    return ElementwiseOps.sub(this, o);
  }

  public Tensor mul(Tensor o) {
    return ElementwiseOps.mul(this, o);
  }

  public Tensor div(Tensor o) {
    return ElementwiseOps.div(this, o);
  }

  /** Fills with {@code value} where the broadcast {@code mask} is nonzero. */
  public Tensor maskedFill(Tensor mask, float value) {
    return ElementwiseOps.maskedFill(this, mask, value);
  }

  public Tensor add(float s) {
    return UnaryOps.add(this, s);
  }

  public Tensor mul(float s) {
    return UnaryOps.mul(this, s);
  }

  public Tensor neg() {
    return UnaryOps.mul(this, -1f);
  }

  public Tensor pow(float p) {
    return UnaryOps.pow(this, p);
  }

  public Tensor exp() {
    return UnaryOps.exp(this);
  }

  public Tensor log() {
    return UnaryOps.log(this);
  }

  public Tensor sqrt() {
    return UnaryOps.sqrt(this);
  }

  public Tensor tanh() {
    return UnaryOps.tanh(this);
  }

  public Tensor relu() {
    return UnaryOps.relu(this);
  }

  /** GELU, tanh approximation (GPT-2). */
  public Tensor gelu() {
    return UnaryOps.gelu(this);
  }

  public Tensor silu() {
    return UnaryOps.silu(this);
  }

  // ---- reductions (Reductions) ----

  /** Sum of all elements, shape (). */
  public Tensor sum() {
    return Reductions.sumAll(this, false);
  }

  /** Mean of all elements, shape (). */
  public Tensor mean() {
    return Reductions.sumAll(this, true);
  }

  public Tensor sum(int dim, boolean keepdim) {
    return Reductions.sum(this, dim, keepdim, false);
  }

  public Tensor mean(int dim, boolean keepdim) {
    return Reductions.sum(this, dim, keepdim, true);
  }

  public Tensor max(int dim, boolean keepdim) {
    return Reductions.max(this, dim, keepdim);
  }

  // ---- linear algebra (MatmulOp) ----

  /** (..., M, K) @ (..., K, N) with broadcast batch dimensions. */
  public Tensor matmul(Tensor o) {
    return MatmulOp.matmul(this, o);
  }

  // ---- shape (ShapeOps) ----

  /** The same data with new dimensions (shared, not copied); one may be -1. */
  public Tensor reshape(int... dims) {
    return ShapeOps.reshape(this, dims);
  }

  /** Same as {@link #reshape}. */
  public Tensor view(int... dims) {
    return ShapeOps.reshape(this, dims);
  }

  public Tensor transpose(int d0, int d1) {
    return ShapeOps.transpose(this, d0, d1);
  }

  public Tensor permute(int... order) {
    return ShapeOps.permute(this, order);
  }

  /** Elements {@code start} (inclusive) to {@code end} (exclusive) along {@code dim}. */
  public Tensor slice(int dim, int start, int end) {
    return ShapeOps.slice(this, dim, start, end);
  }

  /** Concatenation along {@code dim}. */
  public static Tensor cat(int dim, Tensor... parts) {
    return ShapeOps.cat(dim, parts);
  }

  /** Pieces of the given sizes along {@code dim} (the sizes must add up to its length). */
  public Tensor[] split(int dim, int... sizes) {
    return ShapeOps.split(this, dim, sizes);
  }
}
