package io.newswatch.ingest.article;

import java.time.Duration;
import java.time.Instant;

/**
 * When an article was published, as far as we can tell. Sources lie: a missing date, or
 * one in the future (a wrong time zone, a pre-dated post), would put the article in the
 * wrong place on the detector's timeline, so it becomes the time of ingest, flagged.
 */
public record PublishedTime(Instant at, boolean estimated) {
  /** Clocks differ a little; a date this far ahead is still believed. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(15);

  public static PublishedTime of(Instant claimed, Instant now) {
    if (claimed == null || claimed.isAfter(now.plus(CLOCK_SKEW))) {
      return new PublishedTime(now, true);
    }
    return new PublishedTime(claimed, false);
  }
}
