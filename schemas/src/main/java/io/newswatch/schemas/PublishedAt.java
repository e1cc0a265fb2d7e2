package io.newswatch.schemas;

import java.time.Duration;
import java.time.Instant;

/**
 * The one rule for an article's publishedAt: it may not be later than the article reached
 * newswatch, give or take {@link #CLOCK_SKEW}. Ingest takes a later date for the time of
 * ingest; the stages refuse a record that breaks the rule, because each keeps event-time
 * state (the copy check's window, a place's buckets) that one date in 2100 would move past
 * every real article.
 */
public final class PublishedAt {
  /** Clocks differ a little; a date this far ahead is still believed. */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(15);

  private PublishedAt() {}

  public static boolean believable(Instant publishedAt, Instant arrived) {
    return !publishedAt.isAfter(arrived.plus(CLOCK_SKEW));
  }

  /**
   * Throws, with the reason for the dead letter, when {@code publishedAt} is later than
   * {@code recordTimestamp}, the time its record was written, allows.
   */
  public static void check(Instant publishedAt, long recordTimestamp) {
    Instant written = Instant.ofEpochMilli(recordTimestamp);
    if (!believable(publishedAt, written)) {
      throw new IllegalArgumentException("publishedAt " + publishedAt
          + " is later than the article was written (" + written + "): a date in the future is not believed");
    }
  }
}
