package io.newswatch.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ThreadReplacementsTest {
  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final ThreadReplacements policy = new ThreadReplacements("alerts", clock::get);
  private final StreamsException sameFailure = new StreamsException("Error encountered trying to commit a transaction");

  /** A task that fails the same way on every new thread stops the app instead of looping. */
  @Test
  void aFailureThatRecursAtOnceStopsTheAppAfterAFewReplacements() {
    assertThat(IntStream.range(0, ThreadReplacements.REPLACEMENTS + 1).mapToObj(i -> {
      clock.addAndGet(1_000);
      return policy.handle(sameFailure);
    })).containsExactly(StreamThreadExceptionResponse.REPLACE_THREAD, StreamThreadExceptionResponse.REPLACE_THREAD,
        StreamThreadExceptionResponse.REPLACE_THREAD, StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
  }

  /** Failures far enough apart are each answered with a new thread, however many there are. */
  @Test
  void failuresSpreadOverTimeAreEachReplaced() {
    Duration apart = ThreadReplacements.WINDOW.dividedBy(ThreadReplacements.REPLACEMENTS - 1);
    assertThat(IntStream.range(0, 20).mapToObj(i -> {
      clock.addAndGet(apart.toMillis());
      return policy.handle(sameFailure);
    })).containsOnly(StreamThreadExceptionResponse.REPLACE_THREAD);
  }
}
