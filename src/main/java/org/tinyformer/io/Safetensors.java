package org.tinyformer.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tinyformer.tensor.Tensor;

/**
 * The safetensors format (Hugging Face): an 8-byte little-endian header length, a JSON header
 * mapping each name to {@code dtype}, {@code shape} and {@code data_offsets} (plus an optional
 * {@code __metadata__} of strings), padded with spaces to 8 bytes, then the raw little-endian data.
 * Writes F32; reads F32, F16, BF16 and F64 into float32.
 *
 * <p>{@code Safetensors.write(path, model.parameters(), Map.of("format", "pt")); var t =
 * Safetensors.read(path);}
 */
public final class Safetensors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String METADATA = "__metadata__";
  private static final long MAX_HEADER = 100L << 20;
  private static final int CHUNK = 1 << 20; // floats per write/read buffer

  private Safetensors() {}

  /** Writes the tensors (in name order, as the reference library does) and string metadata. */
  public static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata)
      throws IOException {
    Map<String, Tensor> sorted = new TreeMap<>(tensors);
    byte[] header = header(sorted, metadata);
    try (FileChannel ch =
        FileChannel.open(
            path,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer prefix = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
      prefix.putLong(header.length).put(header).flip();
      writeFully(ch, prefix);
      ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (Tensor t : sorted.values()) {
        float[] data = t.data();
        for (int start = 0; start < data.length; start += CHUNK) {
          int n = Math.min(CHUNK, data.length - start);
          buffer.clear();
          buffer.asFloatBuffer().put(data, start, n);
          buffer.limit(n * 4);
          writeFully(ch, buffer);
        }
      }
    }
  }

  private static byte[] header(Map<String, Tensor> sorted, Map<String, String> metadata) {
    ObjectNode root = JSON.createObjectNode();
    if (metadata != null && !metadata.isEmpty()) {
      ObjectNode meta = root.putObject(METADATA);
      new TreeMap<>(metadata).forEach(meta::put);
    }
    long offset = 0;
    for (Map.Entry<String, Tensor> e : sorted.entrySet()) {
      if (e.getKey().equals(METADATA)) {
        throw new IllegalArgumentException("safetensors: a tensor may not be named __metadata__");
      }
      ObjectNode info = root.putObject(e.getKey());
      info.put("dtype", "F32");
      ArrayNode shape = info.putArray("shape");
      for (int d : e.getValue().dims()) {
        shape.add(d);
      }
      long bytes = 4L * e.getValue().numel();
      info.putArray("data_offsets").add(offset).add(offset + bytes);
      offset += bytes;
    }
    byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    byte[] header = new byte[padded];
    System.arraycopy(json, 0, header, 0, json.length);
    java.util.Arrays.fill(header, json.length, padded, (byte) ' ');
    return header;
  }

  private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  /** Reads every tensor, in file order, as float32. */
  public static Map<String, Tensor> read(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      Header h = readHeader(path, ch);
      Map<String, Tensor> tensors = new LinkedHashMap<>();
      for (Entry e : h.entries()) {
        tensors.put(e.name(), Tensor.of(readData(path, ch, h.dataStart(), e), e.shape()));
      }
      return tensors;
    }
  }

  /** The {@code __metadata__} strings (empty when absent). */
  public static Map<String, String> metadata(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      return readHeader(path, ch).metadata();
    }
  }

  /** Every tensor's shape by name, in file order, from the header alone (no data is read). */
  public static Map<String, int[]> shapes(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      Map<String, int[]> shapes = new LinkedHashMap<>();
      for (Entry e : readHeader(path, ch).entries()) {
        shapes.put(e.name(), e.shape().clone());
      }
      return shapes;
    }
  }

  private record Entry(String name, String dtype, int[] shape, long begin, long end) {}

  private record Header(long dataStart, List<Entry> entries, Map<String, String> metadata) {}

  private static Header readHeader(Path path, FileChannel ch) throws IOException {
    long size = ch.size();
    if (size < 8) {
      throw corrupt(path, "file has " + size + " bytes, fewer than the 8-byte header length");
    }
    ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    readFully(ch, len, 0);
    long n = len.flip().getLong();
    if (n <= 0 || n > MAX_HEADER || 8 + n > size) {
      throw corrupt(path, "header length " + n + " does not fit a file of " + size + " bytes");
    }
    ByteBuffer json = ByteBuffer.allocate((int) n);
    readFully(ch, json, 8);
    JsonNode root;
    try {
      root = JSON.readTree(new String(json.array(), StandardCharsets.UTF_8));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw corrupt(
          path,
          "header is not valid JSON ("
              + e.getOriginalMessage().lines().findFirst().orElse("")
              + " at column "
              + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr())
              + ")");
    }
    if (root == null || !root.isObject()) {
      throw corrupt(path, "header is not a JSON object");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    List<Entry> entries = new ArrayList<>();
    for (var it = root.fields(); it.hasNext(); ) {
      var f = it.next();
      if (f.getKey().equals(METADATA)) {
        f.getValue()
            .fields()
            .forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
      } else {
        entries.add(entry(path, f.getKey(), f.getValue()));
      }
    }
    entries.sort(Comparator.comparingLong(Entry::begin));
    long dataStart = 8 + n;
    checkLayout(path, entries, size - dataStart);
    return new Header(dataStart, entries, metadata);
  }

  private static Entry entry(Path path, String name, JsonNode info) throws IOException {
    JsonNode shapeNode = info.get("shape");
    JsonNode offsets = info.get("data_offsets");
    if (!info.has("dtype") || shapeNode == null || offsets == null || offsets.size() != 2) {
      throw corrupt(path, "tensor " + name + " lacks dtype, shape or data_offsets");
    }
    if (!shapeNode.isArray() || !offsets.isArray()) {
      throw corrupt(path, "tensor " + name + ": shape and data_offsets must be arrays");
    }
    int[] shape = new int[shapeNode.size()];
    long numel = 1;
    for (int i = 0; i < shape.length; i++) {
      JsonNode d = shapeNode.get(i);
      if (!d.isIntegralNumber()
          || !d.canConvertToLong()
          || d.longValue() < 0
          || d.longValue() > Integer.MAX_VALUE) {
        throw corrupt(path, "tensor " + name + " has dimension " + d + " in shape " + shapeNode);
      }
      shape[i] = d.intValue();
      numel = Math.multiplyExact(numel, (long) shape[i]);
      if (numel > Integer.MAX_VALUE - 8) {
        throw corrupt(
            path,
            "tensor " + name + " of shape " + shapeNode + " has more elements than an array holds");
      }
    }
    String dtype = info.get("dtype").asText();
    JsonNode b = offsets.get(0);
    JsonNode e = offsets.get(1);
    if (!b.isIntegralNumber()
        || !e.isIntegralNumber()
        || !b.canConvertToLong()
        || !e.canConvertToLong()
        || b.longValue() < 0
        || e.longValue() < b.longValue()) {
      throw corrupt(path, "tensor " + name + " has data_offsets " + offsets);
    }
    long begin = b.longValue();
    long end = e.longValue();
    if (end - begin != numel * bytesOf(path, name, dtype)) {
      throw corrupt(
          path,
          "tensor "
              + name
              + " has "
              + (end - begin)
              + " bytes for shape "
              + shapeNode
              + " "
              + dtype);
    }
    return new Entry(name, dtype, shape, begin, end);
  }

  private static int bytesOf(Path path, String name, String dtype) throws IOException {
    return switch (dtype) {
      case "F32" -> 4;
      case "F16", "BF16" -> 2;
      case "F64" -> 8;
      default ->
          throw corrupt(
              path, "tensor " + name + " has dtype " + dtype + "; supported: F32, F16, BF16, F64");
    };
  }

  private static void checkLayout(Path path, List<Entry> entries, long dataBytes)
      throws IOException {
    long expected = 0;
    for (Entry e : entries) {
      if (e.begin() != expected) {
        throw corrupt(
            path, "tensor " + e.name() + " starts at " + e.begin() + ", expected " + expected);
      }
      expected = e.end();
    }
    if (expected > dataBytes) {
      throw corrupt(
          path,
          "data needs " + expected + " bytes but the file has " + dataBytes + " (truncated?)");
    }
  }

  private static float[] readData(Path path, FileChannel ch, long dataStart, Entry e)
      throws IOException {
    int bytes = bytesOf(path, e.name(), e.dtype());
    int n = Math.toIntExact((e.end() - e.begin()) / bytes);
    float[] out = new float[n];
    // sized to the tensor: 4 MiB of direct memory per small tensor made a load wait for GC
    int capacity = (int) Math.min((long) CHUNK * 4, Math.max(bytes, e.end() - e.begin()));
    ByteBuffer buffer = ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
    int perChunk = capacity / bytes;
    for (int start = 0; start < n; start += perChunk) {
      int count = Math.min(perChunk, n - start);
      buffer.clear().limit(count * bytes);
      readFully(ch, buffer, dataStart + e.begin() + (long) start * bytes);
      buffer.flip();
      decode(buffer, e.dtype(), out, start, count);
    }
    return out;
  }

  private static void decode(ByteBuffer b, String dtype, float[] out, int start, int count) {
    switch (dtype) {
      case "F32" -> b.asFloatBuffer().get(out, start, count);
      case "F64" -> {
        for (int i = 0; i < count; i++) {
          out[start + i] = (float) b.getDouble();
        }
      }
      case "BF16" -> {
        for (int i = 0; i < count; i++) {
          out[start + i] = Float.intBitsToFloat((b.getShort() & 0xFFFF) << 16);
        }
      }
      default -> {
        for (int i = 0; i < count; i++) {
          out[start + i] = HalfFloat.toFloat(b.getShort());
        }
      }
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
    long pos = position;
    while (b.hasRemaining()) {
      int r = ch.read(b, pos);
      if (r < 0) {
        throw new IOException("safetensors: unexpected end of file");
      }
      pos += r;
    }
  }

  private static IOException corrupt(Path path, String what) {
    return new IOException(
        "safetensors: " + path + ": " + what + " (not a valid safetensors file)");
  }
}
