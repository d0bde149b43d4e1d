package org.tinyformer.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Replays the PyTorch fixtures of {@code scripts/golden/make_golden.py} (src/test/resources/golden)
 * and compares output and input gradients element by element: |diff| <= 1e-4 * max(1, |expected|).
 * Prints the largest difference per case.
 */
class GoldenFixturesTest {
  static final double TOLERANCE = 1e-4;
  private static final List<String> TABLE = new ArrayList<>();

  /** Each case: (float inputs, args) to output. */
  private static final Map<String, BiFunction<Tensor[], JsonNode, Tensor>> CASES =
      GoldenCases.all();

  @Test
  void everyFixtureMatchesPyTorch() throws IOException {
    Path dir = Paths.get("src/test/resources/golden");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).hasSize(CASES.size());
    ObjectMapper json = new ObjectMapper();
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        replay(json.readTree(in));
      }
    }
  }

  private static void replay(JsonNode c) {
    String name = c.get("op").asText();
    assertThat(CASES).as("a Java replay for golden case " + name).containsKey(name);
    Tensor[] inputs = new Tensor[c.get("inputs").size()];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = tensor(c.get("inputs").get(i)).requiresGrad(true);
    }
    Tensor out = CASES.get(name).apply(inputs, c.get("args"));
    double outDiff = compare(name + " output", tensor(c.get("output")), out.data());
    out.backward(tensor(c.get("weight")).reshape(out.dims()));
    double gradDiff = 0;
    for (int i = 0; i < inputs.length; i++) {
      gradDiff =
          Math.max(
              gradDiff,
              compare(name + " grad " + i, tensor(c.get("grads").get(i)), inputs[i].grad()));
    }
    TABLE.add(String.format("%-32s %12.3e %12.3e", name, outDiff, gradDiff));
  }

  /** Largest |diff|; fails beyond the tolerance, naming the case and index. */
  private static double compare(String what, Tensor expected, float[] actual) {
    float[] e = expected.data();
    assertThat(actual).as(what + " size").hasSize(e.length);
    double worst = 0;
    for (int i = 0; i < e.length; i++) {
      double diff = Math.abs(e[i] - actual[i]);
      assertThat(diff <= TOLERANCE * Math.max(1, Math.abs(e[i])))
          .as("%s at %d: pytorch %s, tinyformer %s", what, i, e[i], actual[i])
          .isTrue();
      worst = Math.max(worst, diff);
    }
    return worst;
  }

  static Tensor tensor(JsonNode node) {
    int[] dims = ints(node.get("shape"));
    JsonNode data = node.get("data");
    float[] values = new float[data.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) data.get(i).asDouble();
    }
    return Tensor.of(values, dims);
  }

  static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }

  @AfterAll
  static void printTable() {
    System.out.println(
        "golden fixtures vs PyTorch 1.13 (max |diff|, tolerance 1e-4 * max(1, |x|))");
    System.out.printf("%-32s %12s %12s%n", "case", "output", "gradients");
    TABLE.forEach(System.out::println);
  }
}
