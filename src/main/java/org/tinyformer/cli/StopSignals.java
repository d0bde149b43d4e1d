package org.tinyformer.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tinyformer.training.StopRequest;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM during training: the first asks the trainer to stop at the next step
 * boundary with a checkpoint ({@link StopRequest}); a second exits at once (the run then resumes
 * from its previous checkpoint). {@link #close} puts the previous handlers back.
 *
 * <p>{@code try (StopSignals signals = StopSignals.install(stop, err)) { trainer.train(); }}
 */
final class StopSignals implements AutoCloseable {
  private static final List<String> NAMES = List.of("INT", "TERM");
  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();
  private final StopRequest stop;
  private final PrintWriter err;
  private volatile Signal received;

  private StopSignals(StopRequest stop, PrintWriter err) {
    this.stop = stop;
    this.err = err;
  }

  /** Handles SIGINT and SIGTERM until closed (a platform without one of them keeps its default). */
  static StopSignals install(StopRequest stop, PrintWriter err) {
    StopSignals s = new StopSignals(stop, err);
    for (String name : NAMES) {
      try {
        Signal signal = new Signal(name);
        s.previous.add(Signal.handle(signal, s::handle));
        s.signals.add(signal);
      } catch (IllegalArgumentException e) {
        // the signal does not exist here, or the JVM reserves it (-Xrs): keep its default
      }
    }
    return s;
  }

  private void handle(Signal signal) {
    if (received != null) {
      err.println();
      err.println("stopped at once by a second SIG" + signal.getName() + " (no new checkpoint)");
      err.flush();
      Runtime.getRuntime().halt(exitCode(signal));
    }
    received = signal;
    stop.request("SIG" + signal.getName());
    err.println();
    err.println(
        "SIG"
            + signal.getName()
            + ": stopping after this step with a checkpoint; send it again to quit at once");
    err.flush();
  }

  /** The signal that asked for the stop, if any. */
  Optional<Signal> received() {
    return Optional.ofNullable(received);
  }

  /** The shell's exit code for a process ended by {@code signal}: 128 + its number. */
  static int exitCode(Signal signal) {
    return 128 + signal.getNumber();
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
  }
}
