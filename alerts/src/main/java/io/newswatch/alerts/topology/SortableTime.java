package io.newswatch.alerts.topology;

import java.time.Instant;

/**
 * Times as parts of store keys that sort as the times do: milliseconds since the epoch,
 * zero-padded to 13 digits (times before the epoch as the epoch). The recent alerts are keyed
 * by detection time, the reorder buffer's articles by ingest and published time, so that "since
 * T" and "up to T" are range scans.
 */
final class SortableTime {
  private SortableTime() {}

  static String of(Instant time) {
    // not String.format: the reorder buffer makes two of these per article and place
    String millis = Long.toString(Math.max(0, time.toEpochMilli()));
    return "0".repeat(Math.max(0, 13 - millis.length())) + millis;
  }
}
