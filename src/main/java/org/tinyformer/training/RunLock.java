package org.tinyformer.training;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Lets one process at a time write a run directory: an OS file lock on {@code <run>/train.lock},
 * which holds the holder's pid. The kernel drops the lock when its process ends, however it ends
 * ({@code kill -9} included), so a leftover file whose lock nobody holds is stale and is taken
 * over. Readers (sample, eval, plot, the dashboard) take no lock. Reentrant for the thread holding
 * it: the CLI locks before it loads or clears a run, the {@link Trainer} locks again to train.
 *
 * <p>{@code try (RunLock lock = RunLock.acquire(run.root())) { ... }}
 */
public final class RunLock implements AutoCloseable {
  /** The lock file inside a run directory. */
  public static final String FILE = "train.lock";

  /** Locks this process holds, by real path: OS file locks belong to the whole process. */
  private static final Map<Path, Held> HELD = new HashMap<>();

  private final Held held;
  private final Path root;
  private boolean closed;

  private RunLock(Held held, Path root) {
    this.held = held;
    this.root = root;
  }

  private static final class Held {
    final Path key;
    final FileChannel channel;
    final FileLock lock;
    final Thread owner;
    final OptionalLong stalePid;
    int count = 1;

    Held(Path key, FileChannel channel, FileLock lock, OptionalLong stalePid) {
      this.key = key;
      this.channel = channel;
      this.lock = lock;
      this.owner = Thread.currentThread();
      this.stalePid = stalePid;
    }
  }

  /**
   * Locks run directory {@code root} (created if missing), or throws naming the pid that holds it.
   */
  public static RunLock acquire(Path root) throws IOException {
    return tryAcquire(root)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "run directory "
                        + root
                        + " is in use by process "
                        + holder(root)
                        + " (lock file "
                        + root.resolve(FILE)
                        + "); wait for it to finish, stop it, or pass another --run-dir"));
  }

  /** Locks {@code root} (created if missing); empty when another process or thread holds it. */
  public static synchronized Optional<RunLock> tryAcquire(Path root) throws IOException {
    Files.createDirectories(root);
    Path key = root.toRealPath();
    Held held = HELD.get(key);
    if (held != null) {
      if (held.owner != Thread.currentThread()) {
        return Optional.empty();
      }
      held.count++;
      return Optional.of(new RunLock(held, root));
    }
    FileChannel ch =
        FileChannel.open(
            key.resolve(FILE),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    if (lock == null) {
      ch.close();
      return Optional.empty();
    }
    OptionalLong stale = parsePid(readAll(ch)); // a clean release empties the file
    byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
    ch.truncate(0);
    ch.write(ByteBuffer.wrap(pid), 0);
    ch.force(false);
    held = new Held(key, ch, lock, stale);
    HELD.put(key, held);
    return Optional.of(new RunLock(held, root));
  }

  /** The locked run directory, as the caller named it. */
  public Path root() {
    return root;
  }

  /**
   * The pid of a process that held this lock and died without releasing it (killed or crashed),
   * found when this lock was taken; empty after a clean exit.
   */
  public OptionalLong stalePid() {
    return held.stalePid;
  }

  /** Releases this hold; the OS lock goes with the last one, and the pid is cleared. */
  @Override
  public void close() throws IOException {
    synchronized (RunLock.class) {
      if (closed) {
        return;
      }
      closed = true;
      if (--held.count > 0) {
        return;
      }
      HELD.remove(held.key);
      try (FileChannel ch = held.channel) {
        ch.truncate(0);
        held.lock.release();
      }
    }
  }

  /** The pid written in {@code root}'s lock file, for messages ("unknown" while being written). */
  private static String holder(Path root) {
    Path file = root.resolve(FILE);
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        OptionalLong pid = parsePid(Files.readString(file, StandardCharsets.US_ASCII));
        if (pid.isPresent()) {
          boolean self = pid.getAsLong() == ProcessHandle.current().pid();
          return pid.getAsLong() + (self ? " (this process)" : "");
        }
        Thread.sleep(10); // the holder writes its pid just after locking
      } catch (IOException e) {
        break;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return "unknown";
  }

  private static String readAll(FileChannel ch) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(ch.size(), 64));
    ch.read(buf, 0);
    return new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
  }

  private static OptionalLong parsePid(String text) {
    try {
      String t = text.trim();
      return t.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(t));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
