package org.tinyformer.io.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.io.Safetensors;
import org.tinyformer.tensor.Tensor;

/** Corrupt and hostile model directories get one-line errors naming the file or tensor. */
class HfImportErrorsTest {
  @TempDir Path tmp;

  private Path copy(String fixture) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(fixture));
    try (Stream<Path> files = Files.list(HfReference.FIXTURES.resolve(fixture))) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    return dir;
  }

  private static Map<String, Tensor> weights(Path dir) throws IOException {
    return new TreeMap<>(Safetensors.read(dir.resolve("model.safetensors")));
  }

  private static void config(Path dir, String key, Object value) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode c = (ObjectNode) json.readTree(dir.resolve("config.json").toFile());
    c.set(key, json.valueToTree(value));
    json.writeValue(dir.resolve("config.json").toFile(), c);
  }

  @Test
  void refusesPickledWeights() throws IOException {
    Path dir = copy("gpt2");
    Files.delete(dir.resolve("model.safetensors"));
    Files.write(dir.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2});
    assertThatThrownBy(() -> HfImport.read(dir))
        .hasMessage(
            "hf import: "
                + dir.resolve("pytorch_model.bin")
                + " is a pickle, which tinyformer never executes; convert it to safetensors first"
                + " (with transformers: AutoModelForCausalLM.from_pretrained(DIR)"
                + ".save_pretrained(DIR, safe_serialization=True))");
  }

  @Test
  void namesAMissingTensor() throws IOException {
    Path dir = copy("gpt2");
    Map<String, Tensor> w = weights(dir);
    w.remove("transformer.h.1.mlp.c_fc.bias");
    Safetensors.write(dir.resolve("model.safetensors"), w, Map.of());
    assertThatThrownBy(() -> HfImport.read(dir))
        .hasMessage(
            "hf import: tensor transformer.h.1.mlp.c_fc.bias [128] is missing from the weights of"
                + " GPT2LMHeadModel");
  }

  @Test
  void namesATensorOfTheWrongShape() throws IOException {
    Path dir = copy("gpt2");
    Map<String, Tensor> w = weights(dir);
    w.put("transformer.h.0.attn.c_attn.weight", Tensor.zeros(96, 32)); // (out, in): not Conv1D
    Safetensors.write(dir.resolve("model.safetensors"), w, Map.of());
    assertThatThrownBy(() -> HfImport.read(dir))
        .hasMessage(
            "hf import: tensor transformer.h.0.attn.c_attn.weight in "
                + dir.resolve("model.safetensors")
                + " has shape [96, 32], expected [32, 96]");
  }

  @Test
  void namesAnUnexpectedTensor() throws IOException {
    Path dir = copy("gpt2");
    Map<String, Tensor> w = weights(dir);
    w.put("transformer.h.2.ln_1.weight", Tensor.zeros(32));
    Safetensors.write(dir.resolve("model.safetensors"), w, Map.of());
    assertThatThrownBy(() -> HfImport.read(dir))
        .hasMessage(
            "hf import: unexpected tensor transformer.h.2.ln_1.weight in "
                + dir.resolve("model.safetensors")
                + " for GPT2LMHeadModel");
  }

  @Test
  void acceptsHubNamesWithMaskBuffersAndATiedHeadCopy() throws IOException {
    Path dir = copy("gpt2");
    Map<String, Tensor> hub = new TreeMap<>();
    weights(dir).forEach((k, v) -> hub.put(k.substring("transformer.".length()), v));
    hub.put("h.0.attn.bias", Tensor.ones(1, 1, 32, 32));
    hub.put("h.1.attn.masked_bias", Tensor.scalar(-1e4f));
    hub.put("lm_head.weight", hub.get("wte.weight"));
    Safetensors.write(dir.resolve("model.safetensors"), hub, Map.of());
    HfReference ref = HfReference.of("gpt2");
    HfImport.Imported m = HfImport.read(dir);
    assertThat(HfReference.maxAbsDiff(HfReference.logits(m.model(), ref.ids()), ref.logits()))
        .isLessThan(1e-4);
  }

  @Test
  void refusesAnUnknownArchitecture() throws IOException {
    Path dir = copy("gpt2");
    config(dir, "architectures", new String[] {"BertForMaskedLM"});
    assertThatThrownBy(() -> HfImport.read(dir))
        .hasMessage(
            "hf import: "
                + dir.resolve("config.json")
                + " has architecture BertForMaskedLM; supported: GPT2LMHeadModel,"
                + " LlamaForCausalLM");
  }

  @Test
  void refusesRopeScalingWeDoNotCompute() throws IOException {
    Path dir = copy("llama");
    config(dir, "rope_theta", 500000.0);
    assertThatThrownBy(() -> HfImport.read(dir))
        .hasMessage(
            "hf import: "
                + dir.resolve("config.json")
                + ": rope_theta 500000.0 is not supported (ours is 10000)");
  }

  @Test
  void namesAMissingConfigKey() throws IOException {
    Path dir = copy("gpt2");
    ObjectMapper json = new ObjectMapper();
    ObjectNode c = (ObjectNode) json.readTree(dir.resolve("config.json").toFile());
    c.remove("n_layer");
    json.writeValue(dir.resolve("config.json").toFile(), c);
    assertThatThrownBy(() -> HfImport.read(dir))
        .hasMessage(
            "hf import: "
                + dir.resolve("config.json")
                + " needs a positive integer n_layer, got nothing");
  }

  @Test
  void refusesAMissingConfigAndMissingTokenizer() throws IOException {
    Path dir = copy("gpt2");
    Files.delete(dir.resolve("vocab.json"));
    assertThatThrownBy(() -> HfImport.read(dir))
        .hasMessage(
            "hf import: "
                + dir
                + " has no tokenizer (expected tokenizer.json, or vocab.json and merges.txt)");
    Files.delete(dir.resolve("config.json"));
    assertThatThrownBy(() -> HfImport.read(dir))
        .hasMessage("hf import: " + dir.resolve("config.json") + " is missing");
  }

  @Test
  void refusesAMissingShardAndAShardOutsideTheDirectory() throws IOException {
    Path dir = copy("llama");
    Files.delete(dir.resolve("model-00002-of-00002.safetensors"));
    assertThatThrownBy(() -> HfImport.read(dir))
        .hasMessage(
            "hf import: shard "
                + dir.resolve("model-00002-of-00002.safetensors")
                + " listed in "
                + dir.resolve("model.safetensors.index.json")
                + " is missing");
    Files.writeString(
        dir.resolve("model.safetensors.index.json"),
        "{\"weight_map\": {\"lm_head.weight\": \"../../etc/passwd\"}}");
    assertThatThrownBy(() -> HfImport.read(dir))
        .hasMessage(
            "hf import: "
                + dir.resolve("model.safetensors.index.json")
                + " names shard '../../etc/passwd'; shards must be plain file names");
  }

  @Test
  void refusesAHugeHeader() throws IOException {
    Path dir = copy("gpt2");
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(1L << 40).put("{}      ".getBytes(StandardCharsets.US_ASCII));
    Files.write(dir.resolve("model.safetensors"), b.array());
    assertThatThrownBy(() -> HfImport.read(dir))
        .hasMessageStartingWith("safetensors: " + dir.resolve("model.safetensors") + ": header")
        .hasMessageEndingWith("(not a valid safetensors file)");
  }

  @Test
  void namesATensorOfAnUnsupportedDtype() throws IOException {
    Path dir = copy("gpt2");
    String header =
        "{\"transformer.wte.weight\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}";
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + json.length + 8).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(json.length).put(json).putLong(7);
    Files.write(dir.resolve("model.safetensors"), b.array());
    assertThatThrownBy(() -> HfImport.read(dir))
        .hasMessageContaining("tensor transformer.wte.weight has dtype I64");
  }
}
