package org.tinyformer.training;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.tinyformer.base.Rng;
import org.tinyformer.data.Batch;
import org.tinyformer.data.BatchSource;
import org.tinyformer.io.AtomicDirectory;
import org.tinyformer.io.Checkpoint;
import org.tinyformer.io.LoadedRun;
import org.tinyformer.io.TrainingState;
import org.tinyformer.models.TrainableModel;
import org.tinyformer.optim.AdamW;
import org.tinyformer.optim.GradientClipping;
import org.tinyformer.optim.LrSchedule;
import org.tinyformer.optim.Optimizer;
import org.tinyformer.optim.Sgd;
import org.tinyformer.tensor.Tensor;

/**
 * Trains any {@link TrainableModel} (the GPTs, the encoder-decoder) on any {@link TrainingData}
 * (text, a token shard, lines, a sequence task): per step, gradient accumulation over
 * micro-batches, clipping by global norm, the scheduled learning rate and an optimizer update;
 * periodic evaluation (losses, and the task accuracy when the data has one), JSONL log, progress
 * bar and checkpoints. The schedule follows the steps only: {@code training.time_limit} may end a
 * run early but never changes its learning rates. {@link #resumeFrom} restores weights, optimizer,
 * schedule position and random states, so N steps + resume + N steps equals 2N steps bit for bit.
 *
 * <p>{@code new Trainer(config, "gpt", model, data, run, bar).train();}
 */
public final class Trainer {
  private final TrainConfig config;
  private final TrainingSettings settings;
  private final String modelKind;
  private final TrainableModel model;
  private final TrainingData data;
  private final RunDirectory run;
  private final ProgressBar progress;
  private final Optimizer optimizer;
  private final LrSchedule schedule;
  private final BatchSource batches;
  private final Checkpointer checkpointer;
  private final DivergenceGuard guard;
  private final int T;
  private TrainingState state;
  private long stopAt;
  private StopRequest stopRequest = new StopRequest();
  private long lastSaved; // the step of the newest `last` checkpoint (0: none yet)

  public Trainer(
      TrainConfig config,
      String modelKind,
      TrainableModel model,
      TrainingData data,
      RunDirectory run,
      ProgressBar progress) {
    this.config = config;
    this.settings = config.training();
    this.modelKind = modelKind;
    this.model = model;
    model.useBf16Matmuls(settings.dtype().equals("bfloat16")); // mixed precision, or float32
    this.data = data;
    this.run = run;
    this.progress = progress;
    this.optimizer = optimizer(settings, model.parameters());
    this.schedule =
        LrSchedule.of(
            settings.schedule(),
            settings.learningRate(),
            settings.minLr(),
            settings.warmupSteps(),
            settings.steps());
    this.T = data.sequenceLength(model.contextLength());
    this.batches = data.trainBatches(settings.batchSize(), T, settings.seed());
    this.checkpointer = new Checkpointer(run, settings.keepCheckpoints());
    this.guard = new DivergenceGuard(settings);
    this.state = TrainingState.initial(optimizer.kind());
  }

  private static Optimizer optimizer(TrainingSettings s, Map<String, Tensor> params) {
    return s.optimizer().equals("sgd")
        ? new Sgd(params, s.learningRate(), s.momentum(), s.weightDecay())
        : new AdamW(params, s.learningRate(), s.beta1(), s.beta2(), s.eps(), s.weightDecay());
  }

  /** Continues from a checkpoint whose weights are already in this trainer's model. */
  public Trainer resumeFrom(LoadedRun loaded) {
    return resumeFrom(loaded, false);
  }

  /**
   * As {@link #resumeFrom(LoadedRun)}; a checkpoint without optimizer state is refused unless
   * {@code freshOptimizer}, which starts the optimizer afresh on purpose (no longer bit-identical).
   */
  public Trainer resumeFrom(LoadedRun loaded, boolean freshOptimizer) {
    if (!freshOptimizer && !Checkpoint.hasOptimizerState(loaded.checkpoint())) {
      throw new IllegalArgumentException(
          "resume: "
              + loaded.checkpoint()
              + " has no optimizer.safetensors, so the optimizer state is lost; pass"
              + " --fresh-optimizer to resume with fresh optimizer moments");
    }
    TrainingState s = loaded.state();
    if (!s.optimizer().equals(optimizer.kind())) {
      throw new IllegalArgumentException(
          "resume: the checkpoint was trained with "
              + s.optimizer()
              + " but training.optimizer is "
              + optimizer.kind());
    }
    if (!freshOptimizer && !loaded.optimizerState().isEmpty()) {
      optimizer.loadState(loaded.optimizerState(), s.optimizerSteps());
    }
    if (s.rngStates().containsKey("data")) {
      batches.restore(s.rngStates().get("data"));
    }
    model
        .randomGenerators()
        .forEach(
            (role, rng) -> {
              if (s.rngStates().containsKey(role)) {
                rng.setState(s.rngStates().get(role));
              }
            });
    this.state = s;
    return this;
  }

  /** Lets {@code stop} end training early, at a step boundary with a checkpoint. */
  public Trainer stopOn(StopRequest stop) {
    this.stopRequest = stop;
    return this;
  }

  /** The model being trained. */
  public TrainableModel model() {
    return model;
  }

  /** The steps done so far. */
  public long step() {
    return state.step();
  }

  /** Trains until {@code training.steps}; returns the final summary. */
  public TrainResult train() throws IOException {
    return train(settings.steps());
  }

  /**
   * Trains until step {@code stopAt} (at most {@code training.steps}) and checkpoints there, as if
   * the run had been stopped: the schedule still follows {@code training.steps}.
   */
  public TrainResult train(long stopAt) throws IOException {
    this.stopAt = Math.min(stopAt, settings.steps());
    try (RunLock lock = RunLock.acquire(run.root())) { // reentrant: the CLI may hold it already
      run.create();
      AtomicDirectory.recover(run.checkpoints()); // leftovers of a run killed mid-checkpoint
      run.writeConfig(config.toYaml());
      boolean resumed = state.step() > 0;
      lastSaved = state.step();
      try (JsonlLog log =
          resumed ? JsonlLog.resume(run.logFile(), state.step()) : JsonlLog.create(run.logFile())) {
        guard.restoreSkipped(resumed ? countRecords(run.logFile(), "skipped") : 0);
        log.write("start", startRecord(resumed));
        return loop(log);
      }
    }
  }

  private Map<String, Object> startRecord(boolean resumed) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("step", state.step());
    r.put("resumed", resumed);
    r.put("parameters", model.parameterCount());
    r.put("tokens_per_step", settings.tokensPerStep(T));
    r.put("time", Instant.now().toString());
    return r;
  }

  private TrainResult loop(JsonlLog log) throws IOException {
    model.setTraining(true);
    optimizer.zeroGrad();
    Clock clock = new Clock(state.elapsedSeconds(), state.tokens());
    Evaluation last = null;
    double loss = Double.NaN;
    boolean outOfTime = false;
    for (long step = state.step(); step < stopAt && !outOfTime; step++) {
      clock.startStep();
      StepResult r = step((int) step);
      loss = r.loss();
      clock.stopStep();
      state = advance(step + 1, r);
      long done = state.step();
      outOfTime = settings.timeLimit() > 0 && clock.elapsed() >= settings.timeLimit();
      boolean end = done == settings.steps() || outOfTime;
      if (r.problem() != null) {
        nonFinite(log, r.problem()); // stops the run unless training.on_nonfinite is skip
      } else if (done % settings.logInterval() == 0 || end) {
        logTrain(log, r, clock);
      }
      if (settings.evalInterval() > 0 && (done % settings.evalInterval() == 0 || end)) {
        last = evaluate(log, clock);
      }
      boolean numbered =
          settings.checkpointInterval() > 0 && done % settings.checkpointInterval() == 0;
      boolean stopping = done < stopAt && stopRequest.reason().isPresent();
      if (numbered || done == stopAt || stopping || outOfTime) {
        saveLast(log, clock, numbered);
      }
      if (stopping) {
        logStopped(log, clock);
        break;
      }
    }
    progress.finish();
    if (outOfTime) {
      progress.message(
          String.format(
              java.util.Locale.ROOT,
              "stopped at step %d of %d: training.time_limit of %.0f s reached (the learning rate"
                  + " was not changed; --resume continues)",
              state.step(),
              settings.steps(),
              settings.timeLimit()));
    }
    return state.step() == settings.steps() || outOfTime
        ? finish(log, last, loss, clock)
        : new TrainResult(
            state.step(),
            loss,
            Double.NaN,
            state.bestValLoss(),
            clock.elapsed(),
            clock.tokensPerSecondOverall(state.tokens()),
            Optional.empty());
  }

  /** A step's numbers; {@code problem} says what was not finite (the update was not applied). */
  private record StepResult(float loss, double gradNorm, float lr, long tokens, String problem) {}

  /** One optimizer step over {@code grad_accum_steps} micro-batches. */
  private StepResult step(int step) {
    float lr = schedule.lr(step);
    optimizer.setLearningRate(lr);
    int accum = settings.gradAccumSteps();
    double loss = 0;
    long tokens = 0;
    for (int micro = 0; micro < accum; micro++) {
      Batch b = batches.next();
      loss += model.forwardBackward(b);
      tokens += b.targetCount();
    }
    Collection<Tensor> params = model.parameters().values();
    if (accum > 1) {
      GradientClipping.scale(params, 1f / accum);
    }
    double norm = GradientClipping.clip(params, settings.gradClip());
    float meanLoss = (float) (loss / accum);
    Optional<String> problem = guard.check(step + 1, meanLoss, norm);
    if (problem.isEmpty()) {
      optimizer.step(); // a NaN/Inf step never reaches the weights
    }
    optimizer.zeroGrad();
    return new StepResult(meanLoss, norm, lr, tokens, problem.orElse(null));
  }

  private TrainingState advance(long step, StepResult r) {
    return new TrainingState(
        step,
        state.tokens() + r.tokens(),
        state.bestValLoss(),
        state.elapsedSeconds(),
        optimizer.kind(),
        optimizer.stepCount(),
        rngStates());
  }

  private Map<String, long[]> rngStates() {
    Map<String, long[]> rngs = new LinkedHashMap<>();
    rngs.put("data", batches.state());
    for (Map.Entry<String, Rng> e : model.randomGenerators().entrySet()) {
      rngs.put(e.getKey(), e.getValue().state());
    }
    return rngs;
  }

  private TrainingState withElapsed(Clock clock) {
    return new TrainingState(
        state.step(),
        state.tokens(),
        state.bestValLoss(),
        clock.elapsed(),
        state.optimizer(),
        state.optimizerSteps(),
        state.rngStates());
  }

  private Checkpoint.Contents contents() {
    return new Checkpoint.Contents(
        modelKind, model, data.tokenizer(), optimizer, state, config.toYaml());
  }

  // ---- divergence guard and graceful stop (DivergenceGuard, StopRequest) ----

  /** Writes {@code last} (and {@code step-N}), refusing weights that are not finite. */
  private void saveLast(JsonlLog log, Clock clock, boolean numbered) throws IOException {
    Optional<String> bad = DivergenceGuard.checkWeights(model.parameters());
    if (bad.isPresent()) {
      diverged(log, bad.get());
    }
    state = withElapsed(clock);
    checkpointer.saveLast(contents(), numbered);
    lastSaved = state.step();
  }

  /** A step whose loss or gradient norm was not finite: skipped when allowed, else the end. */
  private void nonFinite(JsonlLog log, String problem) throws IOException {
    if (!guard.skips()) {
      diverged(log, problem);
    }
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("step", state.step());
    rec.put("problem", problem);
    rec.put("skipped_steps", guard.countSkipped());
    log.write("skipped", rec);
    progress.message(
        "step " + state.step() + ": " + problem + "; update skipped (training.on_nonfinite=skip)");
    Optional<String> bad = DivergenceGuard.checkWeights(model.parameters());
    if (bad.isPresent()) {
      diverged(log, bad.get()); // skipping cannot help once the weights are gone
    }
    if (guard.givesUp()) {
      diverged(
          log,
          problem + " for " + DivergenceGuard.MAX_SKIPS_IN_A_ROW + " steps in a row (skipped)");
    }
  }

  /** Logs a {@code diverged} record and ends the run with the guard's one-line message. */
  private void diverged(JsonlLog log, String problem) throws IOException {
    Optional<Map.Entry<Long, String>> checkpoint =
        lastSaved > 0 ? Optional.of(Map.entry(lastSaved, run.last().toString())) : Optional.empty();
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("step", state.step());
    rec.put("problem", problem);
    rec.put("checkpoint", checkpoint.map(Map.Entry::getValue).orElse(null));
    log.write("diverged", rec);
    progress.finish();
    throw new IllegalStateException(guard.stopMessage(state.step(), problem, checkpoint));
  }

  /** Logs the {@code stopped} record of a run ended by a {@link StopRequest}. */
  private void logStopped(JsonlLog log, Clock clock) throws IOException {
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("step", state.step());
    rec.put("reason", stopRequest.reason().orElse("request"));
    rec.put("checkpoint", run.last().toString());
    rec.put("elapsed", round3(clock.elapsed()));
    rec.put("time", Instant.now().toString());
    log.write("stopped", rec);
  }

  private static long countRecords(Path logFile, String type) throws IOException {
    return JsonlLog.read(logFile).stream().filter(r -> type.equals(r.get("type"))).count();
  }

  private void logTrain(JsonlLog log, StepResult r, Clock clock) throws IOException {
    double tokensPerSec = clock.tokensPerSecond(state.tokens());
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("step", state.step());
    rec.put("tokens", state.tokens());
    rec.put("lr", r.lr());
    rec.put("loss", r.loss());
    rec.put("grad_norm", (float) r.gradNorm());
    rec.put("tokens_per_sec", Math.round(tokensPerSec * 10) / 10.0);
    rec.put("elapsed", round3(clock.elapsed()));
    if (guard.skips()) {
      rec.put("skipped_steps", guard.skipped());
    }
    log.write("train", rec);
    double eta = (settings.steps() - state.step()) * clock.secondsPerStep();
    progress.update((int) state.step(), r.loss(), tokensPerSec, eta);
  }

  private Evaluation evaluate(JsonlLog log, Clock clock) throws IOException {
    int B = settings.batchSize();
    Evaluation e =
        Evaluation.run(
            model,
            data.evalBatches(false, B, T, Evaluation.trainSeed(settings.seed())),
            data.evalBatches(true, B, T, Evaluation.valSeed(settings.seed())),
            settings.evalBatches());
    Optional<TaskMetric.Result> accuracy = Optional.empty();
    if (data.metric().isPresent()) {
      model.setTraining(false);
      accuracy = data.metric().get().duringTraining(model);
      model.setTraining(true);
    }
    boolean best = e.valLoss() < state.bestValLoss();
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("step", state.step());
    rec.put("tokens", state.tokens());
    rec.put("elapsed", round3(clock.elapsed()));
    rec.put("train_loss", (float) e.trainLoss());
    rec.put("train_perplexity", (float) e.trainPerplexity());
    rec.put("val_loss", (float) e.valLoss());
    rec.put("val_perplexity", (float) e.valPerplexity());
    rec.put("best", best);
    log.write("eval", rec);
    if (accuracy.isPresent()) {
      Map<String, Object> acc = new LinkedHashMap<>();
      acc.put("step", state.step());
      acc.put("tokens", state.tokens());
      acc.put("elapsed", round3(clock.elapsed()));
      acc.putAll(accuracy.get().fields());
      log.write("accuracy", acc);
    }
    progress.message(
        String.format(
            java.util.Locale.ROOT,
            "step %d: train loss %.4f, val loss %.4f (perplexity %.2f)%s%s",
            state.step(),
            e.trainLoss(),
            e.valLoss(),
            e.valPerplexity(),
            accuracy.map(a -> "; " + a.lines().get(0)).orElse(""),
            best ? ", best so far" : ""));
    accuracy.ifPresent(a -> a.lines().stream().skip(1).forEach(progress::message)); // examples
    if (best) {
      state = withBest(e.valLoss(), clock);
      checkpointer.saveBest(contents());
    }
    return e;
  }

  private TrainingState withBest(double valLoss, Clock clock) {
    return new TrainingState(
        state.step(),
        state.tokens(),
        valLoss,
        clock.elapsed(),
        state.optimizer(),
        state.optimizerSteps(),
        state.rngStates());
  }

  private TrainResult finish(JsonlLog log, Evaluation last, double loss, Clock clock)
      throws IOException {
    Optional<TaskMetric.Result> metric = Optional.empty();
    if (data.metric().isPresent()) {
      model.setTraining(false);
      metric = Optional.of(data.metric().get().evaluate(model));
      model.setTraining(true);
      Map<String, Object> rec = new LinkedHashMap<>();
      rec.put("step", state.step());
      rec.putAll(metric.get().fields());
      log.write("result", rec);
    }
    return new TrainResult(
        state.step(),
        loss,
        last == null ? Double.NaN : last.valLoss(),
        state.bestValLoss(),
        clock.elapsed(),
        clock.tokensPerSecondOverall(state.tokens()),
        metric);
  }

  private static double round3(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}
