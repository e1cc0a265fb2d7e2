package io.newswatch.cli.pipeline;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a long-running command started, closed in reverse order when the process is
 * told to stop (Ctrl-C, SIGTERM) or when the command closes it itself.
 */
public final class Running implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Running.class);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final CountDownLatch stopped = new CountDownLatch(1);

  public Running() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "newswatch-shutdown"));
  }

  public synchronized <T extends AutoCloseable> T add(T resource) {
    started.push(resource);
    return resource;
  }

  /** Blocks until the process is told to stop and everything is closed. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Blocks as {@link #awaitStop()} does, at most {@code timeout}; true once stopped. */
  public boolean awaitStop(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void close() {
    while (!started.isEmpty()) {
      AutoCloseable resource = started.pop();
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("while stopping {}: {}", resource, e.toString());
      }
    }
    stopped.countDown();
  }
}
