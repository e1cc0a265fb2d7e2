package io.newswatch.alerts.topology;

import io.newswatch.avro.EnrichedArticle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Articles waiting to reach their place's detector, so that they reach it in one order whatever
 * order the partitions interleaved them in: by ingest time, then published time, then article
 * id. The order is a property of the articles alone, so a replay releases them as the first run
 * did; and articles ingested together (one feed poll) reach the detector in event-time order.
 *
 * <p>Articles wait as the bytes they arrived as, read only when released: an article is
 * decoded once, when its detector needs it, not also on arrival and encoded again. Their place
 * in the order therefore comes with them, as a record header, and so does the feed's volume
 * when the fan-out read them, which waits with them and is handed on with them ({@link #headers}).
 *
 * <p>An article leaves the store only once it has been handed on or, when it cannot be read or
 * handled, rejected: one bad article among those released together costs no other.
 */
final class ReorderBuffer {
  /** Where released articles go. */
  interface Release {
    /**
     * Handles a released article, read when the feed carried {@code feedPerDay} articles a day
     * (infinite when not known); if this throws, the article is {@link #reject rejected}.
     */
    void accept(String placeKey, EnrichedArticle article, double feedPerDay);

    /** Takes an article that could not be read or handled, as the bytes it waited as. */
    void reject(String placeKey, byte[] article, RuntimeException failure);
  }

  /** The record header that carries an article's {@link #order}. */
  private static final String ORDER_HEADER = "newswatch-order";
  /** The record header that carries the feed's volume when the article was read, a double. */
  private static final String FEED_HEADER = "newswatch-feed-per-day";
  /** A stored value is the feed's volume, then the article's bytes. */
  private static final int FEED_BYTES = Double.BYTES;

  private final KeyValueStore<String, byte[]> store;
  private final Deserializer<EnrichedArticle> articles;
  private final Release release;
  /**
   * No waiting article sorts before this key (null: not known, as after a restart). Each take
   * starts its scan here rather than at the store's first key: RocksDB would otherwise step
   * over the tombstone of every article released since its last compaction, on every take,
   * which made a bulk replay quadratic.
   */
  private String lowest;
  /** The last article released since the buffer opened (null: none). */
  private String lastReleased;
  /** Articles waiting: counted when the buffer opens, then kept exact. */
  private long size;

  ReorderBuffer(KeyValueStore<String, byte[]> store, Deserializer<EnrichedArticle> articles, Release release) {
    this.store = store;
    this.articles = articles;
    this.release = release;
    try (var all = store.all()) {
      all.forEachRemaining(kv -> size++);
    }
  }

  /** How many articles wait. */
  long size() {
    return size;
  }

  /**
   * The headers for an article's copies: its record's, with its place in the order and the
   * feed's volume when it was read ({@code feedPerDay}) added.
   */
  static Headers headers(Headers headers, EnrichedArticle article, double feedPerDay) {
    Headers added = new RecordHeaders(headers.toArray());
    added.remove(ORDER_HEADER);
    added.remove(FEED_HEADER);
    return added.add(ORDER_HEADER, order(article).getBytes(StandardCharsets.UTF_8))
        .add(FEED_HEADER, ByteBuffer.allocate(Double.BYTES).putDouble(feedPerDay).array());
  }

  /**
   * Holds an article's copy for a place, as encoded, at the order its headers carry, with the
   * feed's volume they carry; a copy without them was not re-keyed by the stage's fan-out and
   * is refused. True when an article that sorts after it was released already: it will be
   * released next, out of order.
   */
  boolean add(String placeKey, byte[] article, Headers headers) {
    Header order = headers.lastHeader(ORDER_HEADER);
    Header feed = headers.lastHeader(FEED_HEADER);
    if (order == null || feed == null || feed.value().length != Double.BYTES) {
      throw new IllegalArgumentException("a copy for place " + placeKey + " without the headers "
          + ORDER_HEADER + " and " + FEED_HEADER + " that the alerts stage's fan-out sets");
    }
    String key = new String(order.value(), StandardCharsets.UTF_8) + "/" + placeKey;
    if (store.get(key) == null) {
      size++; // not a copy delivered again while it waits (after a crash)
    }
    store.put(key, ByteBuffer.allocate(FEED_BYTES + article.length).put(feed.value()).put(article).array());
    if (lowest != null && key.compareTo(lowest) < 0) {
      lowest = key; // a late article, overtaken on its way
    }
    return lastReleased != null && key.compareTo(lastReleased) < 0;
  }

  /** Releases, in order, the first {@code limit} of the articles ingested at or before {@code time}. */
  void releaseUpTo(Instant time, int limit) {
    take(SortableTime.of(time.plusMillis(1)), limit);
  }

  /** Where an article goes in the order: its ingest time, published time and id. */
  private static String order(EnrichedArticle article) {
    return SortableTime.of(article.getIngestedAt())
        + "/" + SortableTime.of(article.getPublishedAt())
        + "/" + article.getId();
  }

  private void take(String toExclusive, int limit) {
    if (lowest != null && lowest.compareTo(toExclusive) >= 0) {
      return;
    }
    List<KeyValue<String, byte[]>> due = new ArrayList<>();
    try (var waiting = store.range(lowest, toExclusive)) {
      while (due.size() < limit && waiting.hasNext()) {
        due.add(waiting.next());
      }
    }
    for (KeyValue<String, byte[]> kv : due) {
      String placeKey = kv.key.substring(kv.key.lastIndexOf('/') + 1);
      byte[] article = Arrays.copyOfRange(kv.value, FEED_BYTES, kv.value.length);
      try {
        release.accept(placeKey, articles.deserialize(null, article), ByteBuffer.wrap(kv.value).getDouble());
      } catch (StreamsException e) {
        throw e; // the stream's failure (a fenced producer, a store), not the article's: it waits
      } catch (RuntimeException e) {
        release.reject(placeKey, article, e);
      }
      // deleted only now: if rejecting failed too, this article and those after it still wait
      store.delete(kv.key);
      size--;
      lowest = kv.key;
      lastReleased = kv.key;
    }
    if (lowest == null) {
      lowest = toExclusive; // nothing waits before it
    }
  }
}
