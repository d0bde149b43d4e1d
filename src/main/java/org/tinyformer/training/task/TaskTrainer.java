package org.tinyformer.training.task;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyformer.base.Rng;
import org.tinyformer.data.tasks.TaskExample;
import org.tinyformer.data.tasks.TaskMetrics;
import org.tinyformer.data.tasks.TaskSplits;
import org.tinyformer.optim.AdamW;
import org.tinyformer.optim.GradientClipping;
import org.tinyformer.optim.WarmupCosineSchedule;
import org.tinyformer.training.JsonlLog;
import org.tinyformer.training.RunDirectory;

/**
 * Trains a model on a sequence task: AdamW with warmup and cosine decay (over the steps or the time
 * limit, whichever ends first), teacher forcing on random batches, periodic greedy evaluation on a
 * slice of the held-out set, a checkpoint at every evaluation and at the end, and a final report on
 * the held-out and length-generalisation splits.
 */
public final class TaskTrainer {
  private static final int EVAL_SLICE = 250;

  private final TaskRunConfig config;
  private final TaskSplits splits;
  private final RunDirectory run;
  private final PrintWriter out;

  public TaskTrainer(TaskRunConfig config, RunDirectory run, PrintWriter out) {
    this.config = config;
    this.splits = new TaskSplits(config.taskConfig());
    this.run = run;
    this.out = out;
  }

  /** Trains (from the last checkpoint when {@code resume}) and returns the final report. */
  public TaskReport train(boolean resume) throws IOException {
    int seed = config.integer("training.seed");
    Seq2SeqModel model = TaskModels.create(config, new Rng(seed));
    AdamW optimizer =
        new AdamW(
            model.parameters(),
            (float) config.number("training.learning_rate"),
            0.9f,
            0.98f,
            1e-8f,
            (float) config.number("training.weight_decay"));
    Rng rng = new Rng(seed + 1L);
    int start = 0;
    if (resume && Files.isDirectory(run.last())) {
      TaskCheckpoint.State s = TaskCheckpoint.load(run.last(), model, optimizer);
      rng.setState(s.rng());
      start = s.step();
      out.printf("resumed %s at step %d%n", run.root(), start);
    } else {
      run.create();
      run.writeConfig(config.toYaml());
    }
    try (JsonlLog log =
        start > 0 ? JsonlLog.resume(run.logFile(), start) : JsonlLog.create(run.logFile())) {
      int last = loop(model, optimizer, rng, start, log);
      TaskReport report = TaskReport.evaluate(model, splits, config.integer("training.batch_size"));
      log.write("result", report.toLogFields(last));
      out.print(report.describe());
      TaskEval.alignment(model, splits, config.integer("training.batch_size"))
          .ifPresent(out::println);
      return report;
    }
  }

  /**
   * Trains until the step budget, the time limit or the target accuracy (if positive); returns the
   * last step.
   */
  private int loop(Seq2SeqModel model, AdamW optimizer, Rng rng, int start, JsonlLog log)
      throws IOException {
    double timeLimit = config.number("training.time_limit");
    double target = config.number("training.target_exact");
    int steps = config.integer("training.steps");
    int batchSize = config.integer("training.batch_size");
    int logInterval = config.integer("training.log_interval");
    int evalInterval = config.integer("training.eval_interval");
    float clip = (float) config.number("training.grad_clip");
    var schedule =
        new WarmupCosineSchedule(
            (float) config.number("training.learning_rate"),
            (float) config.number("training.min_lr"),
            config.integer("training.warmup_steps"),
            steps);
    List<TaskExample> evalSlice =
        splits.heldOut().subList(0, Math.min(EVAL_SLICE, splits.heldOut().size()));
    TaskEvaluator evaluator = new TaskEvaluator(batchSize);
    double elapsed = 0;
    double cpu = 0;
    for (int step = start + 1; step <= steps; step++) {
      long t0 = System.nanoTime();
      long c0 = ProcessCpu.nanos();
      List<TaskExample> batch = splits.sampleTraining(rng, batchSize);
      optimizer.zeroGrad();
      float loss = model.forwardBackward(batch);
      double norm = clip > 0 ? GradientClipping.clip(model.parameters().values(), clip) : 0;
      float lr = schedule.lr(scheduleStep(step - 1, elapsed, timeLimit, steps));
      optimizer.setLearningRate(lr);
      optimizer.step();
      elapsed += (System.nanoTime() - t0) / 1e9;
      cpu += (ProcessCpu.nanos() - c0) / 1e9;
      boolean outOfTime = timeLimit > 0 && elapsed >= timeLimit;
      if (step % logInterval == 0 || step == steps || outOfTime) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("step", step);
        f.put("lr", lr);
        f.put("loss", loss);
        f.put("grad_norm", norm);
        f.put("elapsed", elapsed);
        f.put("cpu_seconds", cpu);
        log.write("train", f);
      }
      if (step % evalInterval == 0 || step == steps || outOfTime) {
        double exact = evaluate(model, evaluator, evalSlice, step, elapsed, cpu, log);
        TaskCheckpoint.save(
            run.last(),
            model,
            optimizer,
            new TaskCheckpoint.State(step, rng.state(), optimizer.stepCount()));
        if (outOfTime || (target > 0 && exact >= target)) {
          out.printf(
              "stopped at step %d: %s%n",
              step,
              outOfTime
                  ? String.format("time limit of %.0fs of training reached", timeLimit)
                  : String.format("held-out exact accuracy %.3f >= target %.3f", exact, target));
          return step;
        }
      }
    }
    return steps;
  }

  /**
   * The step the schedule is evaluated at: the step itself, or further along when the time limit
   * will stop the run first (elapsed / timeLimit of the way through the steps), so that a run cut
   * short by a slow or busy machine still decays to min_lr rather than stopping at a high rate.
   */
  static int scheduleStep(int step, double elapsed, double timeLimit, int steps) {
    if (timeLimit <= 0) {
      return step;
    }
    return Math.max(step, (int) Math.min(steps, elapsed / timeLimit * steps));
  }

  private double evaluate(
      Seq2SeqModel model,
      TaskEvaluator evaluator,
      List<TaskExample> slice,
      int step,
      double elapsed,
      double cpu,
      JsonlLog log)
      throws IOException {
    float valLoss = model.loss(slice);
    TaskMetrics.Score s = evaluator.evaluate(model, slice);
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("step", step);
    f.put("elapsed", elapsed);
    f.put("cpu_seconds", cpu);
    f.put("val_loss", valLoss);
    f.put("val_token_accuracy", s.token());
    f.put("val_exact", s.exact());
    log.write("eval", f);
    out.printf(
        "step %5d  val_loss %.4f  token %.3f  exact %.3f  (training %.1fs, cpu %.1fs)%n",
        step, valLoss, s.token(), s.exact(), elapsed, cpu);
    out.flush();
    return s.exact();
  }
}
