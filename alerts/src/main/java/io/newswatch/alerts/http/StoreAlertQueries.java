package io.newswatch.alerts.http;

import io.newswatch.alerts.detector.PlaceState;
import io.newswatch.alerts.topology.AlertsTopology;
import io.newswatch.alerts.topology.PlaceStates;
import io.newswatch.alerts.topology.RecentAlerts;
import io.newswatch.avro.Alert;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers from the alerts topology's stores by interactive query, and finds the other instances
 * from the Streams metadata: each instance advertises its HTTP API as {@code application.server}.
 */
public final class StoreAlertQueries implements AlertQueries {
  private final KafkaStreams streams;
  private final HostInfo self;

  /** @param self this instance's {@code application.server} */
  public StoreAlertQueries(KafkaStreams streams, HostInfo self) {
    this.streams = streams;
    this.self = self;
  }

  @Override
  public List<Alert> alertsSince(Instant since) {
    return alertsSince(store(AlertsTopology.RECENT_ALERTS_STORE, Alert.class), since);
  }

  /** The alerts of a recent-alerts store (see {@link RecentAlerts}) detected at or after {@code since}, oldest first. */
  static List<Alert> alertsSince(ReadOnlyKeyValueStore<String, Alert> recent, Instant since) {
    List<Alert> alerts = new ArrayList<>();
    try (var range = recent.range(RecentAlerts.firstKeyAt(since), null)) {
      range.forEachRemaining(entry -> alerts.add(entry.value));
    }
    // each partition's store is in time order, but not the partitions together
    alerts.sort(Comparator.comparing(Alert::getDetectedAt).thenComparing(Alert::getAlertId));
    return alerts;
  }

  @Override
  public Optional<PlaceState> placeState(long placeId) {
    return Optional.ofNullable(PlaceStates.read(store(AlertsTopology.PLACE_STATE_STORE, PlaceState.class),
        store(AlertsTopology.PLACE_STORIES_STORE, PlaceState.Story.class), Long.toString(placeId)));
  }

  /**
   * One pass over each store: the summaries, and the stories only to count them per place,
   * so a request costs the same however the stories fall on places.
   */
  @Override
  public List<PlaceSummary> places() {
    Map<String, Integer> kept = new HashMap<>();
    try (var stories = store(AlertsTopology.PLACE_STORIES_STORE, PlaceState.Story.class).all()) {
      stories.forEachRemaining(kv -> kept.merge(kv.key.substring(0, kv.key.indexOf('/')), 1, Integer::sum));
    }
    List<PlaceSummary> places = new ArrayList<>();
    try (var summaries = store(AlertsTopology.PLACE_STATE_STORE, PlaceState.class).all()) {
      summaries.forEachRemaining(kv -> places.add(PlaceSummary.of(kv.value, kept.getOrDefault(kv.key, 0))));
    }
    return places;
  }

  @Override
  public Optional<URI> remoteHolderOf(long placeId) {
    KeyQueryMetadata holder = streams.queryMetadataForKey(AlertsTopology.PLACE_STATE_STORE,
        Long.toString(placeId), Serdes.String().serializer());
    if (holder == null || holder.equals(KeyQueryMetadata.NOT_AVAILABLE) || holder.activeHost().equals(self)) {
      return Optional.empty(); // while partitions move, answer what this instance has
    }
    return Optional.of(uri(holder.activeHost()));
  }

  @Override
  public List<URI> otherInstances() {
    return streams.streamsMetadataForStore(AlertsTopology.RECENT_ALERTS_STORE).stream()
        .map(instance -> instance.hostInfo())
        .filter(host -> !host.equals(self))
        .distinct()
        .map(StoreAlertQueries::uri)
        .toList();
  }

  private static URI uri(HostInfo host) {
    return URI.create("http://" + host.host() + ":" + host.port());
  }

  private <V> ReadOnlyKeyValueStore<String, V> store(String name, Class<V> valueType) {
    return streams.store(StoreQueryParameters.fromNameAndType(name,
        QueryableStoreTypes.<String, V>keyValueStore()));
  }
}
