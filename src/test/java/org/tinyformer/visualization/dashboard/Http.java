package org.tinyformer.visualization.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A raw HTTP/1.1 client for the dashboard tests: the request line goes out byte for byte as written
 * (no client normalises {@code ..} or {@code %2e} away), the response comes back whole.
 */
record Http(int status, String body) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Http request(int port, String method, String path) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      String request =
          method
              + " "
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
              + (method.equals("GET") ? "" : "Content-Length: 0\r\n")
              + "\r\n";
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(raw.substring(9, 12));
      int split = raw.indexOf("\r\n\r\n");
      String head = raw.substring(0, split);
      String body = raw.substring(split + 4);
      if (head.toLowerCase().contains("transfer-encoding: chunked")) {
        body = unchunk(body);
      }
      return new Http(status, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Http get(int port, String path) {
    return request(port, "GET", path);
  }

  JsonNode json() {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  private static String unchunk(String body) {
    StringBuilder out = new StringBuilder();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    int i = 0;
    while (i < bytes.length) {
      int eol = indexOf(bytes, i);
      int size =
          Integer.parseInt(new String(bytes, i, eol - i, StandardCharsets.US_ASCII).trim(), 16);
      if (size == 0) {
        break;
      }
      out.append(new String(bytes, eol + 2, size, StandardCharsets.UTF_8));
      i = eol + 2 + size + 2;
    }
    return out.toString();
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i < bytes.length - 1; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        return i;
      }
    }
    return bytes.length;
  }
}
