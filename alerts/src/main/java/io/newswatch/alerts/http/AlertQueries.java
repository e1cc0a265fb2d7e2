package io.newswatch.alerts.http;

import io.newswatch.alerts.detector.PlaceState;
import io.newswatch.avro.Alert;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the HTTP API asks of the running alerts topology: this instance's answers, and where the
 * other instances are, since each holds the places of its own partitions.
 */
public interface AlertQueries {
  /** Published alerts of this instance detected at or after {@code since}, oldest first. */
  List<Alert> alertsSince(Instant since);

  /** The detector state of a place tracked by this instance. */
  Optional<PlaceState> placeState(long placeId);

  /** Every place this instance tracks, with its level now and its reports in its window. */
  List<PlaceSummary> places();

  /** The HTTP API of the other instance that holds the place, when not this one. */
  Optional<URI> remoteHolderOf(long placeId);

  /** The HTTP APIs of the other instances. */
  List<URI> otherInstances();
}
