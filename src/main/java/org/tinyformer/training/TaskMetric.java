package org.tinyformer.training;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tinyformer.models.TrainableModel;

/**
 * A task score measured on a trained model by greedy decoding, e.g. exact-match accuracy on on a
 * sequence task's held-out and length-generalisation splits.
 */
public interface TaskMetric {
  /**
   * The outcome: the headline score in [0, 1] ({@code name}, e.g. {@code exact_match}), the fields
   * of its log record and the lines printed for a person.
   */
  record Result(String name, double score, Map<String, Object> fields, List<String> lines) {}

  /** The score on the whole evaluation set(s): at the end of a run and by {@code eval}. */
  Result evaluate(TrainableModel model);

  /** A quicker score at every evaluation during training (an {@code accuracy} record), if any. */
  default Optional<Result> duringTraining(TrainableModel model) {
    return Optional.empty();
  }
}
