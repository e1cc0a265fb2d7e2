package io.newswatch.ingest.feed;

import io.newswatch.avro.FeedState;
import java.util.Map;

/** Where the poller keeps each feed's state, so a restart goes on where it stopped. */
public interface FeedStateStore extends AutoCloseable {
  /** Every feed's last state, by feed URL. */
  Map<String, FeedState> load();

  void save(FeedState state);

  @Override
  void close();
}
