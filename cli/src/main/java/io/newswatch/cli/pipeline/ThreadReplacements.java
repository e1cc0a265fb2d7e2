package io.newswatch.cli.pipeline;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Streams app does when one of its stream threads dies. Bad records never get here (they
 * are dead-lettered), so the failure is the app's or the cluster's: one that passes (a broker
 * lost mid-commit) is answered by replacing the thread, at most {@link #REPLACEMENTS} times
 * within {@link #WINDOW}. A failure beyond that is taken as deterministic, the same task failing
 * the same way each time a new thread picks it up, and the app shuts down with a log line that
 * says why, so that {@code /ready} answers NOT_READY instead of the stage retrying for ever.
 */
final class ThreadReplacements implements StreamsUncaughtExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ThreadReplacements.class);
  static final int REPLACEMENTS = 3;
  static final Duration WINDOW = Duration.ofMinutes(10);

  private final String name;
  private final LongSupplier clockMs;
  /** When threads were replaced within the last {@link #WINDOW}, oldest first. */
  private final Deque<Long> replaced = new ArrayDeque<>();

  ThreadReplacements(String name, LongSupplier clockMs) {
    this.name = name;
    this.clockMs = clockMs;
  }

  @Override
  public synchronized StreamThreadExceptionResponse handle(Throwable failure) {
    long now = clockMs.getAsLong();
    while (!replaced.isEmpty() && now - replaced.peekFirst() >= WINDOW.toMillis()) {
      replaced.removeFirst();
    }
    if (replaced.size() >= REPLACEMENTS) {
      LOG.error("{}: stream thread failed again after {} replacements within {} min; stopping {} (it "
          + "reports not ready) rather than failing the same way for ever", name, REPLACEMENTS,
          WINDOW.toMinutes(), name, failure);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    replaced.addLast(now);
    LOG.error("{}: stream thread failed, replacing it", name, failure);
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }
}
