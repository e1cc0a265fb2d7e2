package io.newswatch.ingest.feed;

import io.newswatch.avro.FeedState;
import io.newswatch.web.RedactedUrl;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;

/** The feeds' states as a table for people, one feed a line. */
public final class FeedStatus {
  private FeedStatus() {}

  public static String table(Collection<FeedState> states, Instant now) {
    StringBuilder out = new StringBuilder(String.format("%-8s %7s %7s %7s %6s %6s %6s  %s%n",
        "success", "fetches", "304", "new", "dups", "reject", "fails", "feed"));
    states.stream().sorted(Comparator.comparing(FeedState::getUrl)).forEach(s -> {
      out.append(String.format("%-8s %7d %7d %7d %6d %6d %6d  %s%n", ago(s.getLastSuccess(), now), s.getFetches(),
          s.getNotModified(), s.getNewItems(), s.getDuplicates(), s.getRejected(), s.getFailures(), RedactedUrl.of(s.getUrl())));
      if (s.getLastError() != null) {
        out.append(String.format("%-8s last error: %s%n", "", s.getLastError()));
      }
    });
    if (states.isEmpty()) {
      out.append("no feed polled yet: feeds are polled by `newswatch ingest --feeds FILE` or `newswatch up --feeds FILE`")
          .append(System.lineSeparator());
    }
    return out.toString();
  }

  /** "never", "12s ago", "5m ago", "3h ago", "2d ago". */
  static String ago(Instant then, Instant now) {
    if (then == null) {
      return "never";
    }
    long s = Math.max(0, Duration.between(then, now).toSeconds());
    return s < 60 ? s + "s ago" : s < 3600 ? s / 60 + "m ago" : s < 86400 ? s / 3600 + "h ago" : s / 86400 + "d ago";
  }
}
