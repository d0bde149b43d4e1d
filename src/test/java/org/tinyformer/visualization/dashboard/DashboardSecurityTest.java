package org.tinyformer.visualization.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No request reaches a file outside the runs directory ({@code ..}, {@code %2e%2e}, absolute paths,
 * symlinks out), no endpoint writes, and the server binds loopback unless told otherwise.
 */
class DashboardSecurityTest {
  @TempDir static Path dir;
  static Dashboard dashboard;
  static int port;
  static final String SECRET = "secret-outside-the-runs-directory";

  @BeforeAll
  static void start() throws IOException {
    Path runs = dir.resolve("runs");
    Path outside = dir.resolve("outside");
    Files.createDirectories(outside);
    Files.writeString(
        outside.resolve("log.jsonl"),
        "{\"type\":\"train\",\"step\":1,\"loss\":\"" + SECRET + "\"}\n");
    Files.writeString(outside.resolve("config.yaml"), "name: " + SECRET + "\n");
    Files.writeString(dir.resolve("secret.txt"), SECRET);
    Path ok = runs.resolve("ok");
    Files.createDirectories(ok);
    Files.writeString(ok.resolve("log.jsonl"), "{\"type\":\"train\",\"step\":1,\"loss\":2.5}\n");
    Files.createSymbolicLink(runs.resolve("escape"), outside); // a run symlinked out
    Path leaky = runs.resolve("leaky");
    Files.createDirectories(leaky);
    Files.createSymbolicLink(leaky.resolve("log.jsonl"), outside.resolve("log.jsonl"));
    Files.createSymbolicLink(leaky.resolve("config.yaml"), outside.resolve("config.yaml"));
    dashboard = Dashboard.start(DashboardOptions.of(runs));
    port = dashboard.port();
  }

  @AfterAll
  static void stop() {
    dashboard.close();
  }

  @Test
  void traversalPathsReachNoFile() {
    List<String> paths =
        List.of(
            "/../secret.txt",
            "/../../../../etc/passwd",
            "/%2e%2e/secret.txt",
            "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/static/..%2f..%2fsecret.txt",
            "/static/%2e%2e%2fsecret.txt",
            "/static/%2fetc%2fpasswd",
            "/static//etc/passwd",
            "/api/runs/..%2f..%2fsecret.txt/config",
            "/api/runs/%2e%2e/log",
            "/api/runs/%2Fetc%2Fpasswd/config",
            "/api/runs/..%2Foutside/log",
            "/api/runs/escape/log",
            "/api/runs/escape/config",
            "/etc/passwd",
            "/api/runs/ok/../../secret.txt");
    for (String path : paths) {
      Http r = Http.get(port, path);
      assertThat(r.status()).as(path + " -> " + r.body()).isIn(400, 404);
      assertThat(r.body()).as(path).doesNotContain(SECRET).doesNotContain("root:x:0:0");
    }
  }

  @Test
  void runsSymlinkedOutAreNotListedAndFilesSymlinkedOutAreNotRead() {
    String list = Http.get(port, "/api/runs").body();
    assertThat(list).contains("\"id\":\"ok\"").contains("\"id\":\"leaky\"");
    assertThat(list).doesNotContain("\"id\":\"escape\"").doesNotContain(SECRET);
    Http log = Http.get(port, "/api/runs/leaky/log");
    assertThat(log.status()).isEqualTo(200);
    assertThat(log.json().get("records")).isEmpty();
    assertThat(Http.get(port, "/api/runs/leaky/config").body()).doesNotContain(SECRET);
    Http unknown = Http.get(port, "/api/runs/escape/log");
    assertThat(unknown.json().get("error").asText())
        .isEqualTo("unknown run: escape (see /api/runs)");
  }

  @Test
  void noEndpointWrites() throws IOException {
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
      for (String path : List.of("/api/runs", "/api/runs/ok", "/api/runs/ok/log", "/")) {
        assertThat(Http.request(port, method, path).status())
            .as(method + " " + path)
            .isIn(404, 405);
      }
    }
    assertThat(Files.readString(dir.resolve("runs/ok/log.jsonl")))
        .isEqualTo("{\"type\":\"train\",\"step\":1,\"loss\":2.5}\n");
  }

  @Test
  void bindsLoopbackByDefault() throws IOException {
    assertThat(DashboardOptions.of(dir).host()).isEqualTo("127.0.0.1");
    assertThat(dashboard.url()).startsWith("http://127.0.0.1:");
    InetAddress external = nonLoopbackAddress();
    if (external != null) {
      assertThatThrownBy(
              () -> {
                try (Socket s = new Socket()) {
                  s.connect(new InetSocketAddress(external, port), 2000);
                }
              })
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void nonLoopbackHostIsKnownAsSuch() {
    assertThat(new DashboardOptions(List.of(dir), "127.0.0.1", 0).isLoopback()).isTrue();
    assertThat(new DashboardOptions(List.of(dir), "localhost", 0).isLoopback()).isTrue();
    assertThat(new DashboardOptions(List.of(dir), "::1", 0).isLoopback()).isTrue();
    assertThat(new DashboardOptions(List.of(dir), "0.0.0.0", 0).isLoopback()).isFalse();
    assertThat(new DashboardOptions(List.of(dir), "192.168.1.20", 0).isLoopback()).isFalse();
    assertThatThrownBy(() -> new DashboardOptions(List.of(dir), "127.0.0.1", 70000))
        .hasMessage("dashboard: port must be between 0 and 65535, got 70000");
  }

  private static InetAddress nonLoopbackAddress() throws IOException {
    for (NetworkInterface nic :
        java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress a : java.util.Collections.list(nic.getInetAddresses())) {
        if (!a.isLoopbackAddress() && a instanceof java.net.Inet4Address) {
          return a;
        }
      }
    }
    return null;
  }
}
