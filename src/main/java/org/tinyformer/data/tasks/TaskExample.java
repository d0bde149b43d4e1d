package org.tinyformer.data.tasks;

import java.util.Arrays;

/** One example: source and target as token ids, without START/END (see {@link TaskVocabulary}). */
public record TaskExample(int[] source, int[] target) {
  @Override
  public boolean equals(Object o) {
    return o instanceof TaskExample e
        && Arrays.equals(source, e.source)
        && Arrays.equals(target, e.target);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(source) + Arrays.hashCode(target);
  }

  @Override
  public String toString() {
    return Arrays.toString(source) + " -> " + Arrays.toString(target);
  }
}
