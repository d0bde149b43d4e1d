package org.tinyformer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tinyformer.io.LoadedRun;
import org.tinyformer.training.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tinyformer train}: trains a model from a preset or YAML config; with no arguments, the
 * built-in arithmetic (the add task on a small GPT). Writes {@code runs/<name>/} and resumes it
 * with {@code --resume}.
 */
@Command(
    name = "train",
    description = {
      "Train a language model. With no arguments: a small GPT learns 3-digit addition (about a"
          + " minute), then prints held-out accuracy and worked examples.",
      "Example: tinyformer train --preset shakespeare-char --data input.txt --set training.steps=500"
    })
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--preset",
      paramLabel = "NAME",
      description = "A built-in config: ${COMPLETION-CANDIDATES}.",
      completionCandidates = Presets.class)
  String preset;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "A YAML config (sections name, data, task, model, training).")
  Path configFile;

  @Option(
      names = "--data",
      paramLabel = "FILE|DIR|NAME",
      description =
          "A UTF-8 text file, a shard directory from 'tokenizer pretokenize', or a registry"
              + " dataset name (tinyformer data list; fetched into the cache) to train on (sets"
              + " data.kind=text).")
  Path data;

  @Mixin RunOptions run;

  @Option(names = "--cache-dir", paramLabel = "D", description = "Dataset cache directory.")
  Path cacheDir;

  @Option(
      names = "--model",
      paramLabel = "KIND",
      description = "Model kind: gpt, modern or handwritten (sets model.kind).")
  String model;

  static final class Presets extends ArrayList<String> {
    Presets() {
      super(TrainConfig.PRESETS);
    }
  }

  @Override
  public Integer call() throws IOException {
    run.check("train");
    if (run.initFrom != null && model != null) {
      throw new IllegalArgumentException(
          "train: --init-from takes the model of " + run.initFrom + "; --model does not apply");
    }
    LoadedRun init = RunTraining.initRun(run);
    return RunTraining.train(resolveConfig(init), run, init, spec);
  }

  /**
   * The config: the saved one on {@code --resume}, the {@code --init-from} run's with it (both
   * unless a preset or file is given), else the preset, file or text default; then the overrides.
   */
  private TrainConfig resolveConfig(LoadedRun init) throws IOException {
    if (preset != null && configFile != null) {
      throw new IllegalArgumentException("train: pass either --preset or --config, not both");
    }
    boolean own = preset == null && configFile == null;
    TrainConfig base = run.resume && own ? RunTraining.savedConfig(run.runDir, List.of()) : null;
    if (init != null && own) {
      base =
          TrainConfig.parse(init.configYaml(), init.checkpoint().resolve("config.yaml").toString());
    }
    if (base == null) {
      base =
          configFile != null
              ? TrainConfig.load(configFile)
              : preset == null && data != null
                  ? textDefault(data)
                  : TrainConfig.preset(preset != null ? preset : TrainConfig.DEFAULT_PRESET);
    }
    List<String> overrides = new ArrayList<>();
    if (data != null) {
      overrides.add("data.kind=" + (base.data().kind().equals("lines") ? "lines" : "text"));
      overrides.add(
          "data.path=" + RegistryData.resolve(data, cacheDir, spec.commandLine().getErr()));
    }
    if (model != null) {
      overrides.add("model.kind=" + model);
      overrides.addAll(encoderDecoderSettingsFor(model, base));
    }
    overrides.addAll(run.sets);
    return base.with(overrides);
  }

  /**
   * {@code --model KIND} on a config written for the encoder-decoder (the task presets): its
   * sinusoidal positions and source END token do not exist in a decoder-only model, so they become
   * learned positions and no END, as {@code task TASK --model gpt} does; a {@code --set} still
   * overrides them.
   */
  static List<String> encoderDecoderSettingsFor(String kind, TrainConfig base) {
    if (kind.equals("encdec")) {
      return List.of();
    }
    List<String> settings = new ArrayList<>();
    if (base.model().positions().equals("sinusoidal")) {
      settings.add("model.positions=learned");
    }
    if (base.model().sourceEnd()) {
      settings.add("model.source_end=false");
    }
    return settings;
  }

  /**
   * {@code train --data FILE} without a preset or config: not the arithmetic default (context 16,
   * named arithmetic) but the text recipe that fits the data, a character-level GPT with the
   * shakespeare-char settings for a text file, the tinystories-bpe ones for a token shard, named
   * after the file; a note says so.
   */
  private TrainConfig textDefault(Path file) {
    boolean shard = Files.isDirectory(file) || file.toString().endsWith(".bin");
    String recipe = shard ? "tinystories-bpe" : "shakespeare-char";
    String stem = file.toAbsolutePath().normalize().getFileName().toString();
    String name = stem.replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9._-]", "-");
    name = name.isEmpty() || name.matches("\\.+") ? "text" : name;
    spec.commandLine()
        .getOut()
        .printf(
            "note: no --preset given, so %s trains with the %s settings as run '%s' (see --help"
                + " for the presets)%n",
            file, recipe, name);
    return TrainConfig.preset(recipe).with(List.of("name=" + name));
  }
}
