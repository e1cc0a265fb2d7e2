package io.newswatch.ingest.feed;

import java.net.URI;
import java.time.Duration;

/** A feed to poll, and how often. */
public record FeedSpec(URI url, Duration interval) {
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);
}
