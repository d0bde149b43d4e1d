package org.tinyformer.visualization.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class FlatLogLineTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static FlatLogLine parse(String line) {
    FlatLogLine flat = new FlatLogLine();
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    assertThat(flat.parse(b, 0, b.length)).as(line).isTrue();
    return flat;
  }

  private static boolean accepts(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return new FlatLogLine().parse(b, 0, b.length);
  }

  @Test
  void readsATrainerLine() {
    FlatLogLine f =
        parse(
            "{\"type\":\"train\",\"step\":10,\"tokens\":7680,\"lr\":9.900991E-5,\"loss\":3.7441022,"
                + "\"best\":true,\"note\":null,\"val\":\"NaN\"}");
    assertThat(f.count()).isEqualTo(8);
    assertThat(f.name(0)).isEqualTo("type");
    assertThat(f.string(0)).isEqualTo("train");
    assertThat(f.number(1)).isEqualTo(10.0);
    assertThat(f.number(3)).isEqualTo(Double.parseDouble("9.900991E-5"));
    assertThat(f.number(4)).isEqualTo(3.7441022);
    assertThat(f.kind(5)).isEqualTo(FlatLogLine.TRUE);
    assertThat(f.kind(6)).isEqualTo(FlatLogLine.NULL);
    assertThat(f.string(7)).isEqualTo("NaN");
  }

  @Test
  void numbersAreTheDoublesJacksonReads() throws Exception {
    for (String n :
        new String[] {
          "0",
          "-0",
          "0.0",
          "-0.5",
          "1e22",
          "1e23",
          "123456789012345",
          "1234567890123456789012",
          "4.9e-324",
          "1.7976931348623157E308",
          "2.2250738585072014E-308",
          "0.30000000000000004",
          "1E-22",
          "1E-23",
          "9007199254740993",
          "100000000000000000000000000001e-10"
        }) {
      FlatLogLine f = parse("{\"x\":" + n + "}");
      double jackson = JSON.readTree("{\"x\":" + n + "}").get("x").asDouble();
      assertThat(Double.doubleToRawLongBits(f.number(0)))
          .as(n)
          .isEqualTo(Double.doubleToRawLongBits(jackson));
    }
  }

  @Property(tries = 2000)
  void anyFloatTheTrainerWritesReadsBackExactly(@ForAll float value, @ForAll double d) {
    for (String text : new String[] {Float.toString(value), Double.toString(d)}) {
      if (text.contains("N") || text.contains("I")) {
        continue; // NaN and the infinities are written as strings
      }
      FlatLogLine f = parse("{\"type\":\"train\",\"v\":" + text + "}");
      assertThat(Double.doubleToRawLongBits(f.number(1)))
          .as(text)
          .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
    }
  }

  @Property(tries = 500)
  void formattedNumbersAgreeWithJackson(@ForAll double d, @ForAll("digits") int digits)
      throws Exception {
    if (!Double.isFinite(d)) {
      return;
    }
    String text = String.format(Locale.ROOT, "%." + digits + "g", d).replace("+", "");
    String line = "{\"type\":\"eval\",\"v\":" + text + "}";
    JsonNode node = JSON.readTree(line);
    FlatLogLine f = parse(line);
    assertThat(f.number(1)).as(text).isEqualTo(node.get("v").asDouble());
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Integer> digits() {
    return net.jqwik.api.Arbitraries.integers().between(1, 17);
  }

  @Test
  void leavesEverythingElseToTheGeneralParser() {
    assertThat(accepts("{\"a\":{\"b\":1}}")).isFalse(); // nested
    assertThat(accepts("{\"a\":[1,2]}")).isFalse();
    assertThat(accepts("{\"a\":\"x\\\"y\"}")).isFalse(); // an escape
    assertThat(accepts("{\"a\":\"h\u00e9\"}")).isFalse(); // non-ASCII
    assertThat(accepts("{\"a\":01}")).isFalse(); // leading zero
    assertThat(accepts("{\"a\":1.}")).isFalse();
    assertThat(accepts("{\"a\":-}")).isFalse();
    assertThat(accepts("{\"a\":+1}")).isFalse();
    assertThat(accepts("{\"a\":1e}")).isFalse();
    assertThat(accepts("{\"a\":1")).isFalse(); // cut short
    assertThat(accepts("{\"a\":1} x")).isFalse(); // trailing text
    assertThat(accepts("{\"a\" 1}")).isFalse();
    assertThat(accepts("[1]")).isFalse();
    assertThat(accepts("{\"a\":tru}")).isFalse();
    assertThat(accepts("{}")).isTrue();
    assertThat(accepts(" { \"a\" : 1 , \"b\" : true } ")).isTrue();
  }
}
