package io.newswatch.alerts.topology;

import io.newswatch.avro.EnrichedArticle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Articles waiting to reach their place's detector, so that they reach it in event-time order
 * whatever order the partitions interleaved them in. Keyed by ingest time (zero-padded), article
 * id and place id: articles are released by ingest time, which orders them as they came in,
 * and each release is sorted by (published time, article id), the order of the backtest.
 */
final class ReorderBuffer {
  private static final Comparator<KeyValue<String, EnrichedArticle>> EVENT_ORDER =
      Comparator.<KeyValue<String, EnrichedArticle>, Instant>comparing(kv -> kv.value.getPublishedAt())
          .thenComparing(kv -> kv.value.getId())
          .thenComparing(kv -> kv.key);

  private final KeyValueStore<String, EnrichedArticle> store;

  ReorderBuffer(KeyValueStore<String, EnrichedArticle> store) {
    this.store = store;
  }

  void add(String placeKey, EnrichedArticle article) {
    store.put(RecentAlerts.firstKeyAt(article.getIngestedAt()) + "/" + article.getId() + "/" + placeKey, article);
  }

  /**
   * Removes and returns the articles ingested at or before {@code time}, in event-time order,
   * each with its place key.
   */
  List<KeyValue<String, EnrichedArticle>> releaseUpTo(Instant time) {
    return take(RecentAlerts.firstKeyAt(time.plusMillis(1)));
  }

  /** Removes and returns every waiting article, in event-time order. */
  List<KeyValue<String, EnrichedArticle>> releaseAll() {
    return take(null);
  }

  private List<KeyValue<String, EnrichedArticle>> take(String toExclusive) {
    List<KeyValue<String, EnrichedArticle>> released = new ArrayList<>();
    try (var due = store.range(null, toExclusive)) {
      due.forEachRemaining(released::add);
    }
    released.forEach(kv -> store.delete(kv.key));
    released.sort(EVENT_ORDER);
    return released.stream()
        .map(kv -> KeyValue.pair(kv.key.substring(kv.key.lastIndexOf('/') + 1), kv.value))
        .toList();
  }
}
