package io.newswatch.alerts.webhook;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before retry n (1, 2, ...) wait a random time up
 * to min(cap, base * 2^(n-1)), so subscribers that failed together do not retry together.
 */
public record Backoff(Duration base, Duration cap, int attempts) {
  public static Backoff defaults() {
    return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 6);
  }

  public Duration beforeRetry(int retry, RandomGenerator random) {
    return Duration.ofMillis(random.nextLong(ceiling(retry).toMillis() + 1));
  }

  /** The longest wait before retry {@code retry}. */
  Duration ceiling(int retry) {
    return Duration.ofMillis(Math.min(cap.toMillis(), base.toMillis() << Math.min(retry - 1, 30)));
  }
}
