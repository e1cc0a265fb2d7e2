package io.newswatch.enrich.dedup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Seen fingerprints in a Kafka Streams window store: key a lookup key (a pair of bands), value
 * {@code <fingerprint hex> <article id>}, timestamp the article's publishedAt. The store's
 * retention is the bound: records older than {@code retention} behind the latest publishedAt
 * the store has seen are dropped with their segment, so its size follows the article rate
 * times the retention, not the age of the app.
 */
public final class WindowStoreSeenFingerprints implements SeenFingerprints {
  private final WindowStore<Integer, String> store;

  public WindowStoreSeenFingerprints(WindowStore<Integer, String> store) {
    this.store = store;
  }

  /** A persistent store keeping duplicates (several articles per key and millisecond). */
  public static StoreBuilder<WindowStore<Integer, String>> storeBuilder(String name, Duration retention) {
    return Stores.windowStoreBuilder(
        Stores.persistentWindowStore(name, retention, Duration.ofMillis(1), true),
        Serdes.Integer(), Serdes.String());
  }

  @Override
  public List<Seen> find(int key, long from, long to) {
    List<Seen> seen = new ArrayList<>();
    try (WindowStoreIterator<String> records = store.fetch(key, from, to)) {
      while (records.hasNext()) {
        KeyValue<Long, String> record = records.next();
        int space = record.value.indexOf(' ');
        seen.add(new Seen(record.value.substring(space + 1),
            Long.parseUnsignedLong(record.value.substring(0, space), 16), record.key));
      }
    }
    return seen;
  }

  @Override
  public void add(int key, Seen seen) {
    store.put(key, Long.toHexString(seen.fingerprint()) + " " + seen.articleId(), seen.publishedAt());
  }
}
