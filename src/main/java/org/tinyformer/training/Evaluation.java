package org.tinyformer.training;

import org.tinyformer.data.Batch;
import org.tinyformer.data.BatchSource;
import org.tinyformer.models.TrainableModel;

/**
 * Mean loss of a model over a number of batches, in evaluation mode (no dropout, no gradients);
 * perplexity is its exponential.
 */
public record Evaluation(double trainLoss, double valLoss) {
  /** The seed of the evaluation batches drawn from training data (the same at every evaluation). */
  public static long trainSeed(long runSeed) {
    return runSeed ^ 0x7EA1L;
  }

  /** The seed of the evaluation batches drawn from validation data. */
  public static long valSeed(long runSeed) {
    return runSeed ^ 0xFD42L;
  }

  public double trainPerplexity() {
    return Math.exp(trainLoss);
  }

  public double valPerplexity() {
    return Math.exp(valLoss);
  }

  /** Runs {@code batches} batches of each source; the model is put back into training mode. */
  public static Evaluation run(
      TrainableModel model, BatchSource train, BatchSource val, int batches) {
    model.setTraining(false);
    try {
      return new Evaluation(meanLoss(model, train, batches), meanLoss(model, val, batches));
    } finally {
      model.setTraining(true);
    }
  }

  /** The mean over {@code batches} batches of {@code source}. */
  public static double meanLoss(TrainableModel model, BatchSource source, int batches) {
    double sum = 0;
    for (int i = 0; i < batches; i++) {
      Batch b = source.next();
      sum += model.loss(b);
    }
    return sum / batches;
  }
}
