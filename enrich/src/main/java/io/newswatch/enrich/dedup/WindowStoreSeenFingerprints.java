package io.newswatch.enrich.dedup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Seen fingerprints in two Kafka Streams window stores, timestamps the articles' publishedAt:
 * {@code keys} maps each lookup key (a pair of bands) to the 8-byte fingerprint, {@code ids}
 * each fingerprint to its article id. The stores' retention is the bound: records older than
 * {@code retention} behind the latest publishedAt they have seen are dropped with their segment,
 * so their size follows the article rate times the retention, not the age of the app.
 */
public final class WindowStoreSeenFingerprints implements SeenFingerprints {
  private final WindowStore<Integer, Long> keys;
  private final WindowStore<Long, String> ids;

  public WindowStoreSeenFingerprints(WindowStore<Integer, Long> keys, WindowStore<Long, String> ids) {
    this.keys = keys;
    this.ids = ids;
  }

  /** The store of lookup keys, keeping duplicates (several articles per key and millisecond). */
  public static StoreBuilder<WindowStore<Integer, Long>> keysStore(String name, Duration retention) {
    return Stores.windowStoreBuilder(
        Stores.persistentWindowStore(name, retention, Duration.ofMillis(1), true),
        Serdes.Integer(), Serdes.Long());
  }

  /** The store of article ids by fingerprint. */
  public static StoreBuilder<WindowStore<Long, String>> idsStore(String name, Duration retention) {
    return Stores.windowStoreBuilder(
        Stores.persistentWindowStore(name, retention, Duration.ofMillis(1), true),
        Serdes.Long(), Serdes.String());
  }

  @Override
  public List<Seen> find(int key, long from, long to) {
    List<Seen> seen = new ArrayList<>();
    try (WindowStoreIterator<Long> records = keys.fetch(key, from, to)) {
      records.forEachRemaining(record -> seen.add(new Seen(record.value, record.key)));
    }
    return seen;
  }

  @Override
  public String idOf(Seen seen) {
    try (WindowStoreIterator<String> records = ids.fetch(seen.fingerprint(), seen.publishedAt(), seen.publishedAt())) {
      return records.hasNext() ? records.next().value : null;
    }
  }

  @Override
  public void add(String articleId, Seen seen, int[] lookupKeys) {
    for (int key : lookupKeys) {
      keys.put(key, seen.fingerprint(), seen.publishedAt());
    }
    ids.put(seen.fingerprint(), articleId, seen.publishedAt());
  }
}
