package org.tinyformer.training;

import java.util.List;
import org.tinyformer.models.LanguageModel;

/** A task score measured on a trained model, e.g. exact-match accuracy on held-out arithmetic. */
public interface TaskMetric {
  /** The outcome: the score in [0, 1], how many cases, and a few worked examples. */
  record Result(String name, double score, int cases, List<String> examples) {}

  Result evaluate(LanguageModel model);
}
