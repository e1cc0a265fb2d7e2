package io.newswatch.alerts.http;

import io.newswatch.alerts.detector.PlaceState;
import io.newswatch.avro.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the HTTP API asks of the running alerts topology. */
public interface AlertQueries {
  /** Published alerts detected at or after {@code since}, oldest first. */
  List<Alert> alertsSince(Instant since);

  /** The detector state of a tracked place. */
  Optional<PlaceState> placeState(long placeId);
}
