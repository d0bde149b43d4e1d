package org.tinyformer.generation;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.tinyformer.base.Rng;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.gpt.Gpt;
import org.tinyformer.nn.KvCache;

/**
 * Where a sampled token's time goes at batch 1 with the KV cache (a developer probe, not a test):
 * on a freshly initialised preset, times in CPU time of the calling thread (a busy machine disturbs
 * it less than wall time), after a warm-up, the parts of {@code sample --benchmark}'s loop apart:
 * the context shift (a prompt pass of contextLength / 2 positions), one-position steps at cache
 * lengths contextLength / 2 .. contextLength - 1, the default sampler on V logits, and the
 * threshold of bytes allocated per token. Run with {@code -XX:ActiveProcessorCount=1} for the
 * single-thread figures. Usage: {@code java -cp ... org.tinyformer.generation.DecodeProfile
 * [preset] [rounds]}.
 */
public final class DecodeProfile {
  private DecodeProfile() {}

  public static void main(String[] args) {
    String preset = args.length > 0 ? args[0] : "shakespeare-char";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    Gpt gpt = new Gpt(GptConfig.preset(preset), new Rng(1337));
    gpt.setTraining(false);
    GptConfig c = gpt.config();
    int ctx = c.contextLength();
    int keep = ctx / 2;
    int[] prompt = new int[keep];
    Rng rng = new Rng(7);
    for (int i = 0; i < keep; i++) {
      prompt[i] = rng.nextInt(c.vocabSize());
    }
    KvCache cache = gpt.newCache(1);
    Sampler sampler = SamplingOptions.DEFAULT.sampler();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    var bean = (com.sun.management.ThreadMXBean) mx;
    long tid = Thread.currentThread().getId();
    int[] one = new int[1];
    float[] logits = null;
    for (int pass = 0; pass < 2; pass++) { // pass 0 warms up
      long shiftNanos = 0;
      long stepNanos = 0;
      long sampleNanos = 0;
      long shiftWall = 0;
      long stepWall = 0;
      long bytes0 = bean.getThreadAllocatedBytes(tid);
      int steps = 0;
      for (int r = 0; r < rounds; r++) {
        cache.clear();
        long t0 = mx.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        logits = gpt.decodeLast(prompt, 1, keep, cache);
        shiftWall += System.nanoTime() - w0;
        long t1 = mx.getCurrentThreadCpuTime();
        shiftNanos += t1 - t0;
        int next = 0;
        long s = 0;
        long w1 = System.nanoTime();
        for (int p = keep; p < ctx; p++) {
          one[0] = next;
          logits = gpt.decodeLast(one, 1, 1, cache);
          steps++;
        }
        stepWall += System.nanoTime() - w1;
        long t2 = mx.getCurrentThreadCpuTime();
        stepNanos += t2 - t1;
        for (int p = keep; p < ctx; p++) {
          next = sampler.sample(logits, rng);
          s += next;
        }
        sampleNanos += mx.getCurrentThreadCpuTime() - t2;
        if (s == -1) {
          System.out.println(s);
        }
      }
      long bytes = bean.getThreadAllocatedBytes(tid) - bytes0;
      if (pass == 1) {
        int samples = rounds * (ctx - keep);
        System.out.printf(
            Locale.ROOT,
            "%s, %d processors: shift (%d positions) %.1f us cpu (%.1f wall), step %.2f us cpu"
                + " (%.2f wall), sampler %.2f us; shift per token %.2f us; %.0f bytes allocated"
                + " per token; estimate %.0f tokens/s of cpu%n",
            preset,
            Runtime.getRuntime().availableProcessors(),
            keep,
            shiftNanos / 1e3 / rounds,
            shiftWall / 1e3 / rounds,
            stepNanos / 1e3 / steps,
            stepWall / 1e3 / steps,
            sampleNanos / 1e3 / samples,
            shiftNanos / 1e3 / rounds / (ctx - keep),
            (double) bytes / steps,
            1e9 * steps / (shiftNanos + stepNanos + sampleNanos));
      }
    }
  }
}
