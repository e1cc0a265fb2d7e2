package io.newswatch.ingest.feed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A feeds file: one feed URL per line, optionally followed by its poll interval
 * ({@code 30s}, {@code 5m}); {@code #} starts a comment. A feed listed twice
 * is polled once.
 */
public final class FeedList {
  private FeedList() {}

  /**
   * @param interval reads an interval as the caller's users write durations
   * @throws IllegalArgumentException naming the line that is not a feed
   */
  public static List<FeedSpec> parse(Reader input, Duration defaultInterval, Function<String, Duration> interval)
      throws IOException {
    Map<URI, FeedSpec> feeds = new LinkedHashMap<>();
    BufferedReader lines = new BufferedReader(input);
    int number = 0;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      number++;
      String content = line.replaceFirst("#.*", "").strip();
      if (content.isEmpty()) {
        continue;
      }
      String[] parts = content.split("\\s+");
      if (parts.length > 2) {
        throw new IllegalArgumentException("line " + number + ": expected URL [INTERVAL], got: " + content);
      }
      try {
        FeedSpec feed = new FeedSpec(url(parts[0]), parts.length == 2 ? interval.apply(parts[1]) : defaultInterval);
        feeds.putIfAbsent(feed.url(), feed);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("line " + number + ": " + e.getMessage(), e);
      }
    }
    return new ArrayList<>(feeds.values());
  }

  /** An absolute http(s) URL; nothing else is ever fetched. */
  public static URI url(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL: " + text);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + text);
    }
  }
}
