package org.tinyformer.training;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tinyformer.base.Checks;

/**
 * A resolved run configuration: {@code name}, then the {@code data}, {@code task} (read only when
 * {@code data.kind: task}), {@code model} and {@code training} sections. Built from a preset (in
 * the jar under {@code /presets/}, the same files as {@code configs/}) or a YAML file, then {@code
 * --set section.key=value} overrides; every key not given keeps its default, and an unknown key is
 * an error naming it and the allowed keys.
 *
 * <p>{@code TrainConfig c =
 * TrainConfig.preset("shakespeare-char").with(List.of("training.steps=10"));}
 */
public record TrainConfig(
    String name,
    DataSettings data,
    TaskSettings task,
    ModelSettings model,
    TrainingSettings training) {

  /** The preset used when {@code tinyformer train} gets no config. */
  public static final String DEFAULT_PRESET = "arithmetic";

  /** The presets shipped in the jar: text runs, then the sequence tasks. */
  public static final List<String> PRESETS =
      List.of(
          "arithmetic",
          "tiny-qa",
          "sentences",
          "shakespeare-char",
          "tinystories-char",
          "tinystories-bpe",
          "copy",
          "reverse",
          "sort",
          "add",
          "duplicate");

  public TrainConfig {
    // the run directory is runs/<name>: one path segment, never "." or ".."
    Checks.check(
        name != null && name.matches("[A-Za-z0-9._-]+") && !name.matches("\\.+"),
        "config: name must be one path segment of letters, digits, '.', '_' or '-' (not only"
            + " dots), got '%s'",
        name);
    Checks.check(
        !model.encoderDecoder() || data.kind().equals("task"),
        "config: model.kind encdec trains on sequence tasks (data.kind: task), got data.kind %s",
        data.kind());
  }

  /** Whether this run trains on a sequence task (the {@code task:} section applies). */
  public boolean isTask() {
    return data.kind().equals("task");
  }

  /** Every default, under the given name. */
  public static TrainConfig defaults(String name) {
    return new TrainConfig(
        name,
        DataSettings.DEFAULTS,
        TaskSettings.DEFAULTS,
        ModelSettings.DEFAULTS,
        TrainingSettings.DEFAULTS);
  }

  /** A named preset from the jar. */
  public static TrainConfig preset(String presetName) {
    InputStream in = TrainConfig.class.getResourceAsStream("/presets/" + presetName + ".yaml");
    Checks.check(
        in != null,
        "config: unknown preset '%s'; presets: %s",
        presetName,
        String.join(", ", PRESETS));
    try (in) {
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "preset " + presetName);
    } catch (IOException e) {
      throw new IllegalStateException("config: cannot read preset " + presetName, e);
    }
  }

  /** A config file; the file name (without .yaml) is the default name. */
  public static TrainConfig load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("config: file not found: " + file);
    }
    return parse(Files.readString(file), file.toString());
  }

  /** Parses YAML text; {@code origin} names the source in messages. */
  public static TrainConfig parse(String yaml, String origin) {
    try {
      return ConfigYaml.bind(ConfigYaml.parse(yaml, origin));
    } catch (IllegalArgumentException e) {
      throw ConfigYaml.oneLine(e);
    }
  }

  /** This config with {@code section.key=value} overrides applied (values parsed as YAML). */
  public TrainConfig with(List<String> assignments) {
    try {
      Map<String, Object> tree = ConfigYaml.toTree(this);
      for (String assignment : assignments) {
        ConfigYaml.set(tree, assignment);
      }
      return ConfigYaml.bind(tree);
    } catch (IllegalArgumentException e) {
      throw ConfigYaml.oneLine(e);
    }
  }

  /**
   * The resolved config as YAML, every key present (the {@code task} section only for task runs):
   * printed at start, saved with the run.
   */
  public String toYaml() {
    return ConfigYaml.dump(ConfigYaml.toTree(this));
  }
}
