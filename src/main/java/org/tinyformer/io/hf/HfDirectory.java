package org.tinyformer.io.hf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tinyformer.io.Safetensors;
import org.tinyformer.tensor.Tensor;

/**
 * A Hugging Face model directory as users download it: {@code config.json} and the weights, either
 * {@code model.safetensors} or shards listed by {@code model.safetensors.index.json}. Pickled
 * weights ({@code pytorch_model.bin} and friends) are refused: we never execute pickles.
 *
 * <p>{@code HfDirectory d = HfDirectory.open(Path.of("gpt2")); JsonNode c = d.config();}
 *
 * @param dir the directory
 * @param config the parsed {@code config.json}
 * @param tensors every tensor of every weight file, as float32, by its Hugging Face name
 * @param files the weight file each tensor came from (for error messages)
 */
record HfDirectory(
    Path dir, JsonNode config, Map<String, Tensor> tensors, Map<String, Path> files) {
  static final String CONFIG = "config.json";
  static final String WEIGHTS = "model.safetensors";
  static final String INDEX = "model.safetensors.index.json";
  private static final List<String> PICKLES =
      List.of("pytorch_model.bin", "pytorch_model.bin.index.json", "model.pt", "model.pth");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads {@code config.json} and every weight file of {@code dir}. */
  static HfDirectory open(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "hf import: " + dir + " is not a directory (expected a Hugging Face model directory)");
    }
    JsonNode config = readJson(dir.resolve(CONFIG), "hf import");
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    Map<String, Path> files = new LinkedHashMap<>();
    for (Path file : weightFiles(dir)) {
      for (Map.Entry<String, Tensor> e : Safetensors.read(file).entrySet()) {
        Path earlier = files.put(e.getKey(), file);
        if (earlier != null) {
          throw new IllegalArgumentException(
              "hf import: tensor " + e.getKey() + " is in both " + earlier + " and " + file);
        }
        tensors.put(e.getKey(), e.getValue());
      }
    }
    return new HfDirectory(dir, config, tensors, files);
  }

  /** The safetensors files of {@code dir}: the shards of the index, or model.safetensors. */
  private static List<Path> weightFiles(Path dir) throws IOException {
    Path index = dir.resolve(INDEX);
    if (Files.exists(index)) {
      return shards(dir, index);
    }
    Path single = dir.resolve(WEIGHTS);
    if (Files.exists(single)) {
      return List.of(single);
    }
    for (String pickle : PICKLES) {
      if (Files.exists(dir.resolve(pickle))) {
        throw new IllegalArgumentException(
            "hf import: "
                + dir.resolve(pickle)
                + " is a pickle, which tinyformer never executes; convert it to safetensors first"
                + " (with transformers: AutoModelForCausalLM.from_pretrained(DIR)"
                + ".save_pretrained(DIR, safe_serialization=True))");
      }
    }
    throw new IllegalArgumentException(
        "hf import: " + dir + " has no " + WEIGHTS + " and no " + INDEX + " (weights missing)");
  }

  private static List<Path> shards(Path dir, Path index) throws IOException {
    JsonNode map = readJson(index, "hf import").path("weight_map");
    if (!map.isObject() || map.isEmpty()) {
      throw new IllegalArgumentException(
          "hf import: " + index + " has no weight_map (expected tensor name -> shard file)");
    }
    Set<String> names = new LinkedHashSet<>();
    map.fields().forEachRemaining(e -> names.add(e.getValue().asText()));
    List<Path> out = new ArrayList<>();
    for (String name : names) {
      if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
        throw new IllegalArgumentException(
            "hf import: " + index + " names shard '" + name + "'; shards must be plain file names");
      }
      Path shard = dir.resolve(name);
      if (!Files.exists(shard)) {
        throw new IllegalArgumentException(
            "hf import: shard " + shard + " listed in " + index + " is missing");
      }
      out.add(shard);
    }
    return out;
  }

  /** Parses a JSON file; a missing or broken file is a one-line error naming it. */
  static JsonNode readJson(Path file, String op) throws IOException {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(op + ": " + file + " is missing");
    }
    try {
      JsonNode node = JSON.readTree(file.toFile());
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException(op + ": " + file + " is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          op + ": " + file + " is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** The single architecture of {@code config.json}, e.g. GPT2LMHeadModel. */
  String architecture() {
    JsonNode a = config.path("architectures");
    if (a.isArray() && a.size() == 1 && a.get(0).isTextual()) {
      return a.get(0).asText();
    }
    String type = config.path("model_type").asText("");
    return switch (type) {
      case "gpt2" -> Gpt2Layout.ARCHITECTURE;
      case "llama" -> LlamaLayout.ARCHITECTURE;
      default ->
          throw new IllegalArgumentException(
              "hf import: "
                  + dir.resolve(CONFIG)
                  + " names no architecture (architectures "
                  + a
                  + ", model_type '"
                  + type
                  + "')");
    };
  }

  /** A required positive integer of config.json. */
  int integer(String key) {
    JsonNode v = config.get(key);
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() <= 0) {
      throw new IllegalArgumentException(
          "hf import: "
              + dir.resolve(CONFIG)
              + " needs a positive integer "
              + key
              + ", got "
              + (v == null ? "nothing" : v.toString()));
    }
    return v.asInt();
  }

  /** An optional number of config.json. */
  double number(String key, double otherwise) {
    JsonNode v = config.get(key);
    return v == null || v.isNull() ? otherwise : v.asDouble();
  }

  /** Throws a one-line error about config.json unless {@code ok}. */
  void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException("hf import: " + dir.resolve(CONFIG) + ": " + what);
    }
  }
}
