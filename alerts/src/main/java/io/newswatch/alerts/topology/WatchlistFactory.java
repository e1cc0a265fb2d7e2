package io.newswatch.alerts.topology;

import io.newswatch.alerts.watchlist.WatchFilter;
import io.newswatch.alerts.watchlist.Watchlist;
import io.newswatch.avro.Watch;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** Opens the {@link Watchlist} a processor reads: the global watchlist store plus the fixed filter. */
record WatchlistFactory(WatchFilter alwaysWatched) {
  Watchlist open(ProcessorContext<?, ?> context) {
    TimestampedKeyValueStore<String, Watch> store = context.getStateStore(AlertsTopology.WATCHLIST_STORE);
    return new Watchlist(alwaysWatched,
        placeId -> ValueAndTimestamp.getValueOrNull(store.get(Long.toString(placeId))));
  }
}
