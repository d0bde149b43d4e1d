package org.tinyformer.training;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Converts between YAML text, a tree of maps ({@code section -> key -> value}) and {@link
 * TrainConfig}: missing keys take the defaults, unknown keys are rejected with the allowed ones.
 */
final class ConfigYaml {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  private static final List<String> SECTIONS = List.of("data", "task", "model", "training");
  private static final List<String> TOP_KEYS = List.of("name", "data", "task", "model", "training");

  private ConfigYaml() {}

  /** YAML text to a tree; errors name {@code origin}. */
  static Map<String, Object> parse(String yaml, String origin) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (YAMLException e) {
      String first = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      throw new IllegalArgumentException("config: " + origin + " is not valid YAML: " + first);
    }
    if (root == null) {
      root = new LinkedHashMap<String, Object>();
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(
          "config: " + origin + ": expected a mapping with keys " + String.join(", ", TOP_KEYS));
    }
    Map<String, Object> tree = new LinkedHashMap<>();
    map.forEach((k, v) -> tree.put(String.valueOf(k), v));
    if (!tree.containsKey("name")) {
      tree.put("name", defaultName(origin));
    }
    return tree;
  }

  private static String defaultName(String origin) {
    String base = origin.replaceFirst("^preset ", "").replaceAll(".*[/\\\\]", "");
    return base.replaceFirst("\\.ya?ml$", "").replaceAll("[^A-Za-z0-9._-]", "-");
  }

  /** A resolved config as a tree with every key. */
  static Map<String, Object> toTree(TrainConfig config) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("name", config.name());
    tree.put("data", toMap(config.data()));
    if (config.isTask()) {
      tree.put("task", toMap(config.task()));
    }
    tree.put("model", toMap(config.model()));
    tree.put("training", toMap(config.training()));
    return tree;
  }

  private static Map<String, Object> toMap(Object settings) {
    Map<String, Object> map =
        MAPPER.convertValue(settings, new TypeReference<LinkedHashMap<String, Object>>() {});
    // float components arrive widened to double (0.0010000000474974513): print them as floats
    map.replaceAll(
        (k, v) -> v instanceof Double d ? Double.parseDouble(Float.toString(d.floatValue())) : v);
    return map;
  }

  /** Applies one {@code section.key=value} assignment to the tree. */
  static void set(Map<String, Object> tree, String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(
          "--set: expected section.key=value, e.g. training.learning_rate=1e-3, got '"
              + assignment
              + "'");
    }
    String key = assignment.substring(0, eq).trim();
    Object value;
    try {
      value = new Yaml(new SafeConstructor(new LoaderOptions())).load(assignment.substring(eq + 1));
    } catch (YAMLException e) {
      throw new IllegalArgumentException(
          "--set " + assignment + ": the value is not valid YAML: " + firstLine(e));
    }
    if (key.equals("name")) {
      tree.put("name", String.valueOf(value));
      return;
    }
    int dot = key.indexOf('.');
    String section = dot < 0 ? key : key.substring(0, dot);
    checkSection(section);
    if (dot < 0) {
      throw new IllegalArgumentException(
          "--set: expected section.key=value, got '"
              + assignment
              + "'; keys of "
              + section
              + ": "
              + allowedKeys(section));
    }
    sectionOf(tree, section).put(key.substring(dot + 1), value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> sectionOf(Map<String, Object> tree, String section) {
    Object s = tree.get(section);
    if (!(s instanceof Map<?, ?>)) {
      s = new LinkedHashMap<String, Object>();
      tree.put(section, s);
    }
    return (Map<String, Object>) s;
  }

  /** A tree to a validated config: defaults fill missing keys; unknown keys are errors. */
  static TrainConfig bind(Map<String, Object> tree) {
    for (String key : tree.keySet()) {
      if (!TOP_KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "config: unknown key '" + key + "'; allowed keys: " + String.join(", ", TOP_KEYS));
      }
    }
    TrainConfig defaults = TrainConfig.defaults("run");
    return new TrainConfig(
        String.valueOf(tree.get("name")),
        bindSection(tree, "data", defaults.data(), DataSettings.class),
        bindSection(tree, "task", defaults.task(), TaskSettings.class),
        bindSection(tree, "model", defaults.model(), ModelSettings.class),
        bindSection(tree, "training", defaults.training(), TrainingSettings.class));
  }

  private static <T> T bindSection(
      Map<String, Object> tree, String section, T defaults, Class<T> type) {
    Object given = tree.get(section);
    if (given != null && !(given instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(
          "config: " + section + ": expected a mapping of keys, got '" + given + "'");
    }
    Map<String, Object> merged = toMap(defaults);
    if (given instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        if (!merged.containsKey(key)) {
          throw new IllegalArgumentException(
              "config: unknown key '"
                  + section
                  + "."
                  + key
                  + "'; allowed keys in "
                  + section
                  + ": "
                  + allowedKeys(section));
        }
        merged.put(key, e.getValue());
      }
    }
    checkTypes(section, merged, type);
    try {
      return MAPPER.convertValue(merged, type);
    } catch (IllegalArgumentException e) {
      throw translate(section, merged, e);
    }
  }

  /**
   * Each value against its component's type, before any conversion: an integer key takes only a
   * whole number in range (5.7 is refused, not cut to 5), a number key only a finite number, a flag
   * only true or false.
   */
  private static void checkTypes(String section, Map<String, Object> merged, Class<?> type) {
    for (RecordComponent c : type.getRecordComponents()) {
      String key = PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(c.getName());
      Object v = merged.get(key);
      Class<?> t = c.getType();
      String where = "config: " + section + "." + key;
      if (t == int.class || t == long.class) {
        long max = t == int.class ? Integer.MAX_VALUE : Long.MAX_VALUE;
        BigDecimal whole = wholeNumber(v);
        if (whole == null) {
          throw new IllegalArgumentException(where + " must be an integer, got " + show(v));
        }
        if (whole.compareTo(BigDecimal.valueOf(max)) > 0
            || whole.compareTo(BigDecimal.valueOf(-max - 1)) < 0) {
          throw new IllegalArgumentException(
              String.format(
                  "%s must be an integer from %d to %d, got %s", where, -max - 1, max, show(v)));
        }
      } else if (t == float.class || t == double.class) {
        boolean finite =
            v instanceof Number n
                && Double.isFinite(n.doubleValue())
                && (t == double.class || Float.isFinite(n.floatValue()));
        if (!finite) {
          throw new IllegalArgumentException(where + " must be a finite number, got " + show(v));
        }
      } else if (t == boolean.class && !(v instanceof Boolean)) {
        throw new IllegalArgumentException(where + " must be true or false, got " + show(v));
      }
    }
  }

  /** {@code v} as a whole number (5, 5.0, 1e3), or null (5.7, text, null). */
  private static BigDecimal wholeNumber(Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
      return new BigDecimal(v.toString());
    }
    if (v instanceof Double d && Double.isFinite(d) && d == Math.rint(d)) {
      return BigDecimal.valueOf(d);
    }
    return null;
  }

  /** A value as the user wrote it in YAML: .inf, -.inf, .nan, 'text', null. */
  private static String show(Object v) {
    if (v instanceof Double d && d.isNaN()) {
      return ".nan";
    }
    if (v instanceof Double d && d.isInfinite()) {
      return d > 0 ? ".inf" : "-.inf";
    }
    return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
  }

  private static IllegalArgumentException translate(
      String section, Map<String, Object> merged, IllegalArgumentException e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    if (root instanceof IllegalArgumentException iae
        && String.valueOf(iae.getMessage()).startsWith("config:")) {
      return iae;
    }
    if (e.getCause() instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
      String key = jme.getPath().get(0).getFieldName();
      if (key != null) {
        return new IllegalArgumentException(
            "config: " + section + "." + key + ": invalid value '" + merged.get(key) + "'");
      }
    }
    return new IllegalArgumentException("config: " + section + ": " + firstLine(e));
  }

  /**
   * {@code e} with a message that stays on one line: values echoed from the YAML or a {@code --set}
   * (a multi-line string, a control character) are shown escaped ({@code \\n}, {@code \\xNN}).
   */
  static IllegalArgumentException oneLine(IllegalArgumentException e) {
    String m = String.valueOf(e.getMessage());
    StringBuilder s = new StringBuilder(m.length());
    m.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                  if (c < 0x20 || c == 0x7F || c == 0x85 || c == 0x2028 || c == 0x2029) {
                    s.append(String.format("\\x{%X}", c));
                  } else {
                    s.appendCodePoint(c);
                  }
                }
              }
            });
    return s.toString().equals(m) ? e : new IllegalArgumentException(s.toString(), e);
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    return m.lines().findFirst().orElse(m);
  }

  private static void checkSection(String section) {
    if (!SECTIONS.contains(section)) {
      throw new IllegalArgumentException(
          "config: unknown section '"
              + section
              + "'; allowed: "
              + String.join(", ", SECTIONS)
              + " (and name)");
    }
  }

  static String allowedKeys(String section) {
    TrainConfig d = TrainConfig.defaults("run");
    Object settings =
        switch (section) {
          case "data" -> d.data();
          case "task" -> d.task();
          case "model" -> d.model();
          default -> d.training();
        };
    return toMap(settings).keySet().stream().collect(Collectors.joining(", "));
  }

  /** A tree as block-style YAML. */
  static String dump(Map<String, Object> tree) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(options).dump(tree);
  }
}
