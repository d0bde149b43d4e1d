package org.tinyformer.training;

import java.util.Optional;

/**
 * A request to end training early, safe to set from any thread (a signal handler): the {@link
 * Trainer} finishes the step it is in, writes a checkpoint at that step boundary (so {@code
 * --resume} continues bit-identically) and a {@code stopped} log record, then returns.
 *
 * <p>{@code StopRequest stop = new StopRequest(); trainer.stopOn(stop); ...
 * stop.request("SIGINT");}
 */
public final class StopRequest {
  private volatile String reason;

  /** Asks the trainer to stop after the current step; {@code reason} goes into the log. */
  public void request(String reason) {
    this.reason = reason;
  }

  /** Why a stop was requested; empty while none was. */
  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }
}
