package org.tinyformer.visualization.dashboard;

import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Server-Sent Events for live pages: every {@link #PERIOD_MILLIS} ms the runs directories are
 * listed again and each log's new lines read ({@link RunLog#refresh}); when a run got records, or a
 * run appeared, vanished or changed status, every browser gets one {@code runs} event naming the
 * changed runs and all statuses, and fetches what it shows again.
 */
final class LiveFeed implements AutoCloseable {
  /** How often the logs are looked at. */
  static final long PERIOD_MILLIS = 500;

  private final RunCatalog catalog;
  private final List<SseClient> clients = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService timer;
  private Map<String, String> statuses = Map.of();

  LiveFeed(RunCatalog catalog) {
    this.catalog = catalog;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "dashboard-live");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::tick, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  void add(SseClient client) {
    client.keepAlive();
    client.onClose(() -> clients.remove(client));
    clients.add(client);
    client.sendEvent("hello", Json.write(Map.of("statuses", statuses)));
  }

  private void tick() {
    try {
      if (clients.isEmpty()) {
        return;
      }
      List<String> changed = new ArrayList<>();
      Map<String, String> now = new LinkedHashMap<>();
      long millis = System.currentTimeMillis();
      for (RunEntry run : catalog.scan()) {
        if (run.refresh()) {
          changed.add(run.id());
        }
        long target = run.config().get("training.steps") instanceof Number n ? n.longValue() : 0;
        now.put(run.id(), RunStatus.of(run.dir(), run.log(), target, millis).label());
      }
      if (!changed.isEmpty() || !now.equals(statuses)) {
        statuses = now;
        Map<String, Object> event = new HashMap<>();
        event.put("changed", changed);
        event.put("statuses", now);
        for (SseClient client : clients) {
          if (client.terminated()) {
            clients.remove(client);
          } else {
            client.sendEvent("runs", Json.write(event));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // a run being written or removed while we read: the next tick looks again
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    clients.forEach(SseClient::close);
  }
}
