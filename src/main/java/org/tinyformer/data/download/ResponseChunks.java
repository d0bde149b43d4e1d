package org.tinyformer.data.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read chunk by chunk with a stall timeout: the JDK HTTP client has no read
 * timeout, so a server that stops sending would otherwise block a download forever.
 */
final class ResponseChunks implements Flow.Subscriber<List<ByteBuffer>> {
  private static final Object DONE = new Object();

  private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
  private final Duration stallTimeout;
  private volatile Flow.Subscription subscription;

  ResponseChunks(Flow.Publisher<List<ByteBuffer>> body, Duration stallTimeout) {
    this.stallTimeout = stallTimeout;
    body.subscribe(this);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> chunk) {
    items.add(chunk);
  }

  @Override
  public void onError(Throwable error) {
    items.add(error);
  }

  @Override
  public void onComplete() {
    items.add(DONE);
  }

  /** The next buffers, or null at the end of the body; throws if the server stalls or fails. */
  @SuppressWarnings("unchecked")
  List<ByteBuffer> next() throws IOException {
    Object item;
    try {
      item = items.poll(stallTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel();
      throw new IOException("interrupted", e);
    }
    if (item == null) {
      cancel();
      throw new IOException("no data for " + stallTimeout.toSeconds() + " s");
    }
    if (item == DONE) {
      return null;
    }
    if (item instanceof Throwable error) {
      throw error instanceof IOException io ? io : new IOException(error.getMessage(), error);
    }
    subscription.request(1);
    return (List<ByteBuffer>) item;
  }

  /** Stops the transfer (closes the connection's body). */
  void cancel() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }
}
