package io.newswatch.ingest.article;

import io.newswatch.schemas.PublishedAt;
import java.time.Instant;

/**
 * When an article was published, as far as we can tell. Sources lie: a missing date, or
 * one in the future (a wrong time zone, a pre-dated post), would put the article in the
 * wrong place on the detector's timeline, so it becomes the time of ingest, flagged.
 */
public record PublishedTime(Instant at, boolean estimated) {
  public static PublishedTime of(Instant claimed, Instant now) {
    if (claimed == null || !PublishedAt.believable(claimed, now)) {
      return new PublishedTime(now, true);
    }
    return new PublishedTime(claimed, false);
  }
}
