package io.newswatch.ingest.feed;

import io.newswatch.avro.FeedState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Feed states kept in memory, surviving a poller "restart" within a test. */
final class MemoryStateStore implements FeedStateStore {
  final Map<String, FeedState> saved = new ConcurrentHashMap<>();

  @Override public Map<String, FeedState> load() { return Map.copyOf(saved); }

  @Override public void save(FeedState state) { saved.put(state.getUrl(), state); }

  @Override public void close() {}
}
