package org.tinyformer.visualization.dashboard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;

/**
 * How to start a {@link Dashboard}: the runs directories to serve, and the address to bind ({@code
 * 127.0.0.1} unless asked otherwise; port 0 picks a free port).
 */
public record DashboardOptions(List<Path> runs, String host, int port) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;

  public DashboardOptions {
    runs = List.copyOf(runs);
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("dashboard: give at least one runs directory");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "dashboard: port must be between 0 and 65535, got " + port);
    }
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("dashboard: host is empty");
    }
  }

  /** The runs under {@code runs}, on 127.0.0.1 and a free port (for tests and notebooks). */
  public static DashboardOptions of(Path... runs) {
    return new DashboardOptions(List.of(runs), DEFAULT_HOST, 0);
  }

  /** Whether {@code host} is a loopback address (only this machine can connect). */
  public boolean isLoopback() {
    try {
      return host.equals("localhost") || InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
