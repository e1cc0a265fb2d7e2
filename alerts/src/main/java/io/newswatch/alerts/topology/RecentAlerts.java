package io.newswatch.alerts.topology;

import io.newswatch.avro.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The keys of the recent-alerts store: the detection time ({@link SortableTime}), then the
 * alert id. So "alerts since T" is one range scan.
 */
public final class RecentAlerts {
  /** How long, in event time, published alerts stay queryable. */
  public static final Duration RETENTION = Duration.ofDays(30);

  private RecentAlerts() {}

  static String key(Alert alert) {
    return firstKeyAt(alert.getDetectedAt()) + "/" + alert.getAlertId();
  }

  /** The lowest key of an alert detected at or after {@code since}. */
  public static String firstKeyAt(Instant since) {
    return SortableTime.of(since);
  }

  /** Stores a published alert and forgets those older than {@link #RETENTION} before it. */
  static void add(KeyValueStore<String, Alert> store, Alert alert) {
    store.put(key(alert), alert);
    List<String> expired = new ArrayList<>();
    try (var old = store.range(null, firstKeyAt(alert.getDetectedAt().minus(RETENTION)))) {
      old.forEachRemaining(entry -> expired.add(entry.key));
    }
    expired.forEach(store::delete);
  }
}
