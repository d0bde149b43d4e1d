package org.tinyformer.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.base.Rng;
import org.tinyformer.tensor.Tensor;

/** Fixtures from scripts/fixtures/safetensors_reference.py (the reference library's layout). */
class SafetensorsTest {
  @TempDir Path dir;

  private Path fixture(String name) throws IOException {
    Path p = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/fixtures/" + name)) {
      Files.write(p, in.readAllBytes());
    }
    return p;
  }

  private static Map<String, Tensor> fixtureTensors() {
    float[] w = new float[6];
    for (int i = 0; i < 6; i++) {
      w[i] = i * 0.25f - 0.5f;
    }
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put("scale", Tensor.scalar(7f));
    t.put("ln_f.bias", Tensor.of(new float[] {1.5f, -2f, 3.25f}, 3));
    t.put("blocks.0.attn.qkv.weight", Tensor.of(w, 2, 3));
    return t;
  }

  @Test
  void readsTheReferenceLayoutWithMetadata() throws IOException {
    Path p = fixture("f32.safetensors");
    Map<String, Tensor> t = Safetensors.read(p);
    assertThat(t.keySet()).containsExactly("blocks.0.attn.qkv.weight", "ln_f.bias", "scale");
    assertThat(t.get("blocks.0.attn.qkv.weight").dims()).containsExactly(2, 3);
    assertThat(t.get("blocks.0.attn.qkv.weight").data())
        .containsExactly(-0.5f, -0.25f, 0f, 0.25f, 0.5f, 0.75f);
    assertThat(t.get("scale").rank()).isZero();
    assertThat(t.get("scale").item()).isEqualTo(7f);
    assertThat(Safetensors.metadata(p))
        .containsExactlyInAnyOrderEntriesOf(Map.of("format", "pt", "step", "12"));
  }

  @Test
  void writesByteForByteWhatTheReferenceWrites() throws IOException {
    Path ours = dir.resolve("ours.safetensors");
    Safetensors.write(ours, fixtureTensors(), Map.of("step", "12", "format", "pt"));
    assertThat(Files.readAllBytes(ours)).isEqualTo(Files.readAllBytes(fixture("f32.safetensors")));
  }

  @Test
  void readsHalfBfloatAndDoubleAsFloat() throws IOException {
    Map<String, Tensor> t = Safetensors.read(fixture("mixed.safetensors"));
    assertThat(t.get("double").dims()).containsExactly(1, 2);
    assertThat(t.get("double").data()).containsExactly(0.1f, -0.2f);
    assertThat(t.get("half").data()).containsExactly(0.5f, -1f, 65504f, 5.9604645e-8f);
    assertThat(t.get("brain").data()[0]).isEqualTo(0.5f);
    assertThat(t.get("brain").data()[1]).isEqualTo(-1f);
    assertThat(t.get("brain").data()[2])
        .isCloseTo(3.0e38f, org.assertj.core.data.Percentage.withPercentage(1));
  }

  @Test
  void largeTensorsRoundTripExactly() throws IOException {
    Rng rng = new Rng(7);
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put("big", Tensor.randn(rng, 1f, 1100, 1000)); // more than one 1M-float chunk
    t.put("small", Tensor.randn(rng, 1f, 17));
    Path p = dir.resolve("big.safetensors");
    Safetensors.write(p, t, Map.of());
    Map<String, Tensor> back = Safetensors.read(p);
    assertThat(Arrays.equals(back.get("big").data(), t.get("big").data())).isTrue();
    assertThat(back.get("small").data()).containsExactly(t.get("small").data());
    assertThat(Safetensors.metadata(p)).isEmpty();
  }

  @Test
  void truncatedOrForeignFilesGetAClearError() throws IOException {
    Path p = fixture("f32.safetensors");
    byte[] bytes = Files.readAllBytes(p);
    Path cut = dir.resolve("cut.safetensors");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length - 4));
    assertThatThrownBy(() -> Safetensors.read(cut))
        .hasMessageContaining("data needs 40 bytes but the file has 36 (truncated?)");
    Path text = dir.resolve("text.safetensors");
    Files.writeString(text, "hello world, not tensors");
    assertThatThrownBy(() -> Safetensors.read(text))
        .hasMessageStartingWith("safetensors: " + text + ": header length")
        .hasMessageEndingWith("(not a valid safetensors file)");
  }

  private Path withHeader(String name, String json, int dataBytes) throws IOException {
    byte[] header = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(8 + header.length + dataBytes)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putLong(header.length).put(header);
    Path p = dir.resolve(name);
    Files.write(p, b.array());
    return p;
  }

  @Test
  void shapesThatWrapAroundAnIntAreRefused() throws IOException {
    Path wrap =
        withHeader(
            "wrap.safetensors",
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967360],\"data_offsets\":[0,256]}}",
            256);
    assertThatThrownBy(() -> Safetensors.read(wrap))
        .hasMessage(
            "safetensors: "
                + wrap
                + ": tensor w has dimension 4294967360 in shape [4294967360] (not a valid"
                + " safetensors file)");
    Path product =
        withHeader(
            "product.safetensors",
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[65536,65536,16],\"data_offsets\":[0,64]}}",
            64);
    assertThatThrownBy(() -> Safetensors.read(product))
        .hasMessage(
            "safetensors: "
                + product
                + ": tensor w of shape [65536,65536,16] has more elements than an array holds (not"
                + " a valid safetensors file)");
    Path negative =
        withHeader(
            "neg.safetensors",
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}",
            8);
    assertThatThrownBy(() -> Safetensors.read(negative))
        .hasMessageContaining(": tensor w has data_offsets [8,0] (not a valid");
    Path badJson = withHeader("json.safetensors", "{\"w\": [1,", 0);
    assertThatThrownBy(() -> Safetensors.read(badJson))
        .hasMessageStartingWith("safetensors: " + badJson + ": header is not valid JSON (");
  }
}
