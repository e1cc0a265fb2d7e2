package io.newswatch.enrich.dedup;

import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Seen originals in a Kafka Streams window store, each article id under its 8-byte
 * fingerprint, timestamped with its publishedAt. The store's retention is the bound: records
 * older than {@code retention} behind the latest publishedAt it has seen are dropped with
 * their segment, so its size follows the article rate times the retention, not the age of the
 * app.
 */
public final class WindowStoreSeenFingerprints implements SeenFingerprints {
  private final WindowStore<Long, String> ids;

  public WindowStoreSeenFingerprints(WindowStore<Long, String> ids) {
    this.ids = ids;
  }

  /** The store of article ids by fingerprint, keeping two articles of one fingerprint and millisecond. */
  public static StoreBuilder<WindowStore<Long, String>> store(String name, Duration retention) {
    return Stores.windowStoreBuilder(
        Stores.persistentWindowStore(name, retention, Duration.ofMillis(1), true),
        Serdes.Long(), Serdes.String());
  }

  @Override
  public String idOf(Seen seen) {
    try (WindowStoreIterator<String> records = ids.fetch(seen.fingerprint(), seen.publishedAt(), seen.publishedAt())) {
      return records.hasNext() ? records.next().value : null;
    }
  }

  @Override
  public void add(String articleId, Seen seen) {
    ids.put(seen.fingerprint(), articleId, seen.publishedAt());
  }

  @Override
  public void forEach(Consumer<Seen> action) {
    try (KeyValueIterator<Windowed<Long>, String> records = ids.all()) {
      while (records.hasNext()) {
        KeyValue<Windowed<Long>, String> record = records.next();
        action.accept(new Seen(record.key.key(), record.key.window().start()));
      }
    }
  }
}
