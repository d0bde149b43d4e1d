package org.tinyformer.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tinyformer.models.AttentionKind;
import org.tinyformer.visualization.AttentionFigures;
import org.tinyformer.visualization.AttentionMap;
import org.tinyformer.visualization.AttentionMaps;
import org.tinyformer.visualization.Png;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tinyformer attention --run D --input "5 7 9 2" [--layer L] [--head H] [--kind
 * encoder|decoder|cross] [--compare D2] [--out file.png]}: attention heat maps of a trained run. A
 * task run takes space-separated source tokens; a GPT run ({@code tinyformer train}) takes prompt
 * text and shows its causal self-attention (kind decoder). With a layer and a head: one map; with a
 * layer only: all its heads; with a head only: that head in every layer; with neither: all heads of
 * the last layer. {@code --compare} puts the same map of a second run (e.g. copy vs reverse) beside
 * it, averaged over heads unless --head is given.
 */
@Command(
    name = "attention",
    description =
        "Draw attention heat maps of a trained run as PNG: a task run (encoder, decoder, cross)"
            + " or a GPT run on a text prompt (causal self-attention).")
final class AttentionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin RunOption run;

  @Option(
      names = "--input",
      required = true,
      description =
          "Task run: source tokens, space-separated, e.g. \"5 7 9 2\". GPT run: the prompt text.")
  String input;

  @Option(names = "--layer", description = "Layer (default: all heads of the last layer).")
  Integer layer;

  @Option(names = "--head", description = "Head; -1 for the mean over heads.")
  Integer head;

  @Option(
      names = "--kind",
      description =
          "encoder, decoder or cross (default: cross for a task run, decoder for a GPT run).")
  String kind;

  @Option(names = "--compare", description = "A second run to draw beside the first.")
  Path compare;

  @Option(
      names = "--out",
      description = "PNG to write (default: <run>/plots/attention-<kind>.png).")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter printer = spec.commandLine().getOut();
    RunAttention first = RunAttention.of(run.dir, input);
    AttentionKind k = kind != null ? AttentionKind.parse(kind) : first.defaultKind();
    first.checkKind(k);
    printer.println(first.description());
    AttentionMaps maps = first.maps();
    int lastLayer = maps.numLayers(k) - 1;
    checkRange("layer", layer, lastLayer);
    checkRange("head", head, maps.numHeads(k) - 1);
    int l = layer != null ? layer : lastLayer;
    first.alignment(k, l).ifPresent(printer::println);
    BufferedImage image;
    if (compare != null) {
      RunAttention second = RunAttention.of(compare, input);
      second.checkKind(k);
      printer.println(second.description());
      second.alignment(k, l).ifPresent(printer::println);
      int h = head != null ? head : AttentionMap.MEAN_OF_HEADS;
      image = AttentionFigures.comparison(maps.map(k, l, h), second.maps().map(k, l, h));
    } else if (layer != null && head != null) {
      image = AttentionFigures.single(maps.map(k, layer, head));
    } else if (head != null) {
      image = AttentionFigures.headAcrossLayers(maps.headAcrossLayers(k, head));
    } else {
      image = AttentionFigures.headsOfLayer(maps.headsOfLayer(k, l));
    }
    Path target =
        out != null ? out : run.dir.resolve("plots").resolve("attention-" + k.option() + ".png");
    Png.write(image, target);
    printer.println("wrote " + target);
    return 0;
  }

  private static void checkRange(String name, Integer value, int max) {
    if (value != null && (value < (name.equals("head") ? -1 : 0) || value > max)) {
      throw new IllegalArgumentException(
          "attention: --" + name + " must be in [0, " + max + "], got " + value);
    }
  }
}
