package org.tinyformer.generation;

import java.util.Arrays;
import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;

/**
 * Keeps the {@code k} largest logits (ties broken towards the lower id), sets the rest to negative
 * infinity, and lets the wrapped sampler choose among them.
 */
public final class TopKSampler implements Sampler {
  private final int k;
  private final Sampler next;
  private float[] filtered = new float[0];
  private final float[] heap; // min-heap of the k largest logits seen so far

  /** Keeps the top {@code k} (positive) candidates and passes them to {@code next}. */
  public TopKSampler(int k, Sampler next) {
    Checks.check(k > 0, "top-k sampler: k must be positive, got %d", k);
    this.k = k;
    this.next = next;
    this.heap = new float[k];
  }

  @Override
  public int sample(float[] logits, Rng rng) {
    if (k >= logits.length) {
      return next.sample(logits, rng);
    }
    float threshold = kthLargest(logits);
    int above = 0;
    for (float l : logits) {
      if (l > threshold) {
        above++;
      }
    }
    int equalAllowed = k - above;
    if (filtered.length != logits.length) {
      filtered = new float[logits.length];
    }
    Arrays.fill(filtered, Float.NEGATIVE_INFINITY);
    for (int i = 0; i < logits.length; i++) {
      if (logits[i] > threshold) {
        filtered[i] = logits[i];
      } else if (logits[i] == threshold && equalAllowed > 0) {
        filtered[i] = logits[i];
        equalAllowed--;
      }
    }
    return next.sample(filtered, rng);
  }

  /** The k-th largest value, by a size-k min-heap: O(V log k). */
  private float kthLargest(float[] logits) {
    for (int i = 0; i < k; i++) {
      heap[i] = logits[i];
      siftUp(i);
    }
    for (int i = k; i < logits.length; i++) {
      if (logits[i] > heap[0]) {
        heap[0] = logits[i];
        siftDown(0);
      }
    }
    return heap[0];
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (heap[parent] <= heap[i]) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int smallest = i;
      int left = 2 * i + 1;
      int right = left + 1;
      if (left < k && heap[left] < heap[smallest]) {
        smallest = left;
      }
      if (right < k && heap[right] < heap[smallest]) {
        smallest = right;
      }
      if (smallest == i) {
        return;
      }
      swap(i, smallest);
      i = smallest;
    }
  }

  private void swap(int a, int b) {
    float t = heap[a];
    heap[a] = heap[b];
    heap[b] = t;
  }

  @Override
  public String toString() {
    return "top-k " + k + " -> " + next;
  }
}
