package io.newswatch.enrich.dedup;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Article ids seen within {@link #HORIZON}, in a window store keyed by id and timestamped with
 * the record's time. An id seen again is the same article sent again (by another ingest
 * process, a push of what a file import had sent, a retry after a failed flush): enrich passes
 * an article on once, whichever path or process sent it, while the ingest processes' own
 * memories of what they sent are only their own. The store's retention bounds it: its size is
 * the article rate times twice the horizon.
 */
public final class RepeatedArticles {
  /** How far apart, by record time, two sendings of one article are recognised. */
  public static final Duration HORIZON = Duration.ofDays(7);

  private final WindowStore<String, Long> ids;

  public RepeatedArticles(WindowStore<String, Long> ids) {
    this.ids = ids;
  }

  /** The store; retention twice the horizon, so that a repeat up to the horizon late is still found. */
  public static StoreBuilder<WindowStore<String, Long>> store(String name) {
    return Stores.windowStoreBuilder(
        Stores.persistentWindowStore(name, HORIZON.multipliedBy(2), Duration.ofMillis(1), false),
        Serdes.String(), Serdes.Long());
  }

  /** True, and the id remembered, when no record with this id was seen within the horizon of {@code time}. */
  public boolean firstSighting(String id, long time) {
    long horizon = HORIZON.toMillis();
    try (WindowStoreIterator<Long> seen = ids.fetch(id, Math.max(0, time - horizon), time + horizon)) {
      if (seen.hasNext()) {
        return false;
      }
    }
    ids.put(id, time, time);
    return true;
  }
}
