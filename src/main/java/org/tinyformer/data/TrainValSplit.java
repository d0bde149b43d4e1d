package org.tinyformer.data;

import org.tinyformer.base.Checks;

/**
 * A train/validation split of a token stream: the first {@code floor(fraction * n)} tokens train,
 * the rest validate, as nanoGPT's {@code n = int(0.9 * len(data))}. Usage: {@code TrainValSplit s =
 * TrainValSplit.of(stream, TrainValSplit.DEFAULT_TRAIN_FRACTION);}
 */
public record TrainValSplit(TokenStream train, TokenStream val) {
  /** nanoGPT's 90/10 split. */
  public static final double DEFAULT_TRAIN_FRACTION = 0.9;

  /** Splits {@code all} at {@code (long) (trainFraction * all.size())}. */
  public static TrainValSplit of(TokenStream all, double trainFraction) {
    Checks.check(
        trainFraction > 0 && trainFraction < 1,
        "train/val split: trainFraction must be in (0, 1), got %s",
        trainFraction);
    long n = (long) (trainFraction * all.size());
    return new TrainValSplit(all.slice(0, n), all.slice(n, all.size()));
  }

  /** The 90/10 split. */
  public static TrainValSplit of(TokenStream all) {
    return of(all, DEFAULT_TRAIN_FRACTION);
  }
}
