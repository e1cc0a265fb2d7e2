package io.newswatch.alerts.http;

import io.newswatch.alerts.detector.PlaceState;
import io.newswatch.alerts.topology.AlertsTopology;
import io.newswatch.alerts.topology.RecentAlerts;
import io.newswatch.avro.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers from the alerts topology's stores by interactive query. It sees the partitions of
 * this instance only: with several instances, each answers for its own places.
 */
public final class StoreAlertQueries implements AlertQueries {
  private final KafkaStreams streams;

  public StoreAlertQueries(KafkaStreams streams) {
    this.streams = streams;
  }

  @Override
  public List<Alert> alertsSince(Instant since) {
    List<Alert> alerts = new ArrayList<>();
    try (var range = store(AlertsTopology.RECENT_ALERTS_STORE, Alert.class)
        .range(RecentAlerts.firstKeyAt(since), null)) {
      range.forEachRemaining(entry -> alerts.add(entry.value));
    }
    // each partition's store is in time order, but not the partitions together
    alerts.sort(Comparator.comparing(Alert::getDetectedAt).thenComparing(Alert::getAlertId));
    return alerts;
  }

  @Override
  public Optional<PlaceState> placeState(long placeId) {
    return Optional.ofNullable(
        store(AlertsTopology.PLACE_STATE_STORE, PlaceState.class).get(Long.toString(placeId)));
  }

  private <V> ReadOnlyKeyValueStore<String, V> store(String name, Class<V> valueType) {
    return streams.store(StoreQueryParameters.fromNameAndType(name,
        QueryableStoreTypes.<String, V>keyValueStore()));
  }
}
