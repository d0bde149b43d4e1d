package org.tinyformer.data;

/**
 * An endless supply of training batches whose whole position is a few longs, so a checkpoint can
 * save it and a resumed run continues with exactly the batches it would have drawn. Usage: {@code
 * long[] s = source.state(); ... source.restore(s); Batch b = source.next();}
 */
public interface BatchSource {
  /** The next batch. */
  Batch next();

  /** The position of this source (for checkpoints); a copy. */
  long[] state();

  /** Returns to a position obtained from {@link #state()}. */
  void restore(long[] state);
}
