package io.newswatch.ingest.feed;

import java.time.Duration;

/**
 * How far a feed is trusted and how politely it is fetched.
 *
 * @param maxBytes the most a feed may send, as sent and after decompression
 * @param maxItemChars the most text one item may carry
 * @param connectTimeout to open a connection
 * @param readTimeout the longest a server may send nothing
 * @param totalTimeout the longest a whole fetch may take, redirects included
 * @param maxRedirects redirects followed before giving up
 * @param hostDelay the least time between the starts of two requests to one host
 * @param maxBackoff the longest wait after failures (never less than the feed's interval)
 * @param userAgent sent with every request
 */
public record FeedLimits(long maxBytes, int maxItemChars, Duration connectTimeout, Duration readTimeout,
    Duration totalTimeout, int maxRedirects, Duration hostDelay, Duration maxBackoff, String userAgent) {

  public static FeedLimits defaults() {
    return new FeedLimits(10L << 20, 256 << 10, Duration.ofSeconds(10), Duration.ofSeconds(20),
        Duration.ofSeconds(60), 5, Duration.ofSeconds(2), Duration.ofHours(1),
        "newswatch/0.1 (news feed monitor; +https://github.com/newswatch)");
  }

  public FeedLimits withHostDelay(Duration delay) {
    return new FeedLimits(maxBytes, maxItemChars, connectTimeout, readTimeout, totalTimeout, maxRedirects,
        delay, maxBackoff, userAgent);
  }

  public FeedLimits withTimeouts(Duration read, Duration total) {
    return new FeedLimits(maxBytes, maxItemChars, connectTimeout, read, total, maxRedirects, hostDelay,
        maxBackoff, userAgent);
  }

  public FeedLimits withMaxBytes(long bytes) {
    return new FeedLimits(bytes, maxItemChars, connectTimeout, readTimeout, totalTimeout, maxRedirects,
        hostDelay, maxBackoff, userAgent);
  }
}
