package io.newswatch.alerts.topology;

import io.newswatch.alerts.detector.PlaceState;
import io.newswatch.alerts.detector.PlaceState.Bucket;
import io.newswatch.alerts.detector.PlaceState.Original;
import io.newswatch.alerts.detector.PlaceState.Story;
import io.newswatch.schemas.BoundedMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The detectors' {@link PlaceState}s, kept in three stores: the place's counts and scores
 * ({@link AlertsTopology#PLACE_STATE_STORE}, its buckets without their stories, without its
 * originals), the window's stories one by one ({@link AlertsTopology#PLACE_STORIES_STORE}, key
 * placeId/bucketStart/index) and its originals one by one ({@link AlertsTopology#PLACE_ORIGINALS_STORE},
 * key placeId/publishedAt/articleId, the fingerprint as value). A busy place's stories and
 * originals are most of its state; written apart, each article about it writes its own story
 * and original and the small summary, not the whole window and day again.
 */
public final class PlaceStates {
  private final KeyValueStore<String, PlaceState> summaries;
  private final KeyValueStore<String, Story> stories;
  private final KeyValueStore<String, Long> originals;
  /**
   * The stored state of the places used last, as read or written: a read cache, so that a write
   * need not read the stores back to compare.
   */
  private final Map<String, PlaceState> storedCache;

  PlaceStates(KeyValueStore<String, PlaceState> summaries, KeyValueStore<String, Story> stories,
      KeyValueStore<String, Long> originals, int cached) {
    this.summaries = summaries;
    this.stories = stories;
    this.originals = originals;
    this.storedCache = BoundedMap.leastRecentlyUsed(cached);
  }

  /** The state of a place, stories included; null when the place has none. */
  PlaceState get(String placeKey) {
    PlaceState state = storedCache.get(placeKey);
    if (state == null) {
      state = readWithOriginals(summaries, stories, originals, placeKey);
      if (state != null) {
        storedCache.put(placeKey, state);
      }
    }
    return state;
  }

  /**
   * Stores a place's state: only the stories that changed since it was last stored are written,
   * those that left the window deleted, and the summary only when it changed.
   */
  void put(String placeKey, PlaceState state) {
    PlaceState stored = get(placeKey);
    Map<Long, List<Story>> before = storiesByBucket(stored);
    for (Bucket bucket : state.buckets()) {
      List<Story> old = before.getOrDefault(bucket.start(), List.of());
      List<Story> now = bucket.stories();
      for (int i = 0; i < now.size(); i++) {
        if (i >= old.size() || !old.get(i).equals(now.get(i))) {
          stories.put(storyKey(placeKey, bucket.start(), i), now.get(i));
        }
      }
      deleteFrom(placeKey, bucket.start(), now.size(), old.size());
      before.remove(bucket.start());
    }
    before.forEach((start, old) -> deleteFrom(placeKey, start, 0, old.size()));
    writeOriginals(placeKey, stored == null ? List.of() : stored.originals(), state.originals());
    PlaceState summary = summary(state);
    if (stored == null || !summary.equals(summary(stored))) {
      summaries.put(placeKey, summary);
    }
    storedCache.put(placeKey, state);
  }

  /**
   * Writes the originals in {@code now} that are not in {@code before} and deletes those gone:
   * both sorted by time, then id, as a place keeps them, so one pass over the two finds them.
   */
  private void writeOriginals(String placeKey, List<Original> before, List<Original> now) {
    int b = 0;
    int n = 0;
    while (b < before.size() || n < now.size()) {
      int order = b == before.size() ? 1 : n == now.size() ? -1
          : before.get(b) == now.get(n) ? 0 : Original.ORDER.compare(before.get(b), now.get(n));
      if (order < 0) {
        originals.delete(originalKey(placeKey, before.get(b++)));
      } else if (order > 0) {
        Original added = now.get(n++);
        originals.put(originalKey(placeKey, added), added.fingerprint());
      } else {
        b++;
        n++;
      }
    }
  }

  /**
   * A state without its stories and originals, as the summaries store holds it: unchanged by
   * most articles, a story added to a bucket already in the window, so those write their story
   * and original only.
   */
  private static PlaceState summary(PlaceState state) {
    return state.withBuckets(state.buckets().stream().map(b -> new Bucket(b.start(), List.of(), b.rest())).toList())
        .withOriginals(List.of());
  }

  /**
   * A place's state as {@link #get} assembles it, without its originals (which only its detector
   * uses), from stores open for queries.
   */
  public static PlaceState read(ReadOnlyKeyValueStore<String, PlaceState> summaries,
      ReadOnlyKeyValueStore<String, Story> stories, String placeKey) {
    PlaceState summary = summaries.get(placeKey);
    if (summary == null) {
      return null;
    }
    // the keys' numbers are not zero-padded: order by number, not by the store's byte order
    Map<Long, TreeMap<Integer, Story>> byBucket = new TreeMap<>();
    try (var kept = stories.prefixScan(placeKey + "/", new StringSerializer())) {
      kept.forEachRemaining(kv -> {
        String[] parts = kv.key.split("/");
        byBucket.computeIfAbsent(Long.parseLong(parts[1]), b -> new TreeMap<>())
            .put(Integer.parseInt(parts[2]), kv.value);
      });
    }
    return summary.withBuckets(summary.buckets().stream()
        .map(b -> new Bucket(b.start(), List.copyOf(byBucket.getOrDefault(b.start(), new TreeMap<>()).values()),
            b.rest()))
        .toList());
  }

  /** A place's state as its detector left it, from its three stores; null when the place has none. */
  static PlaceState readWithOriginals(ReadOnlyKeyValueStore<String, PlaceState> summaries,
      ReadOnlyKeyValueStore<String, Story> stories, ReadOnlyKeyValueStore<String, Long> originals, String placeKey) {
    PlaceState state = read(summaries, stories, placeKey);
    return state == null ? null : state.withOriginals(originals(originals, placeKey));
  }

  /** A place's stored originals, in any order: its detector sorts them. */
  private static List<Original> originals(ReadOnlyKeyValueStore<String, Long> originals, String placeKey) {
    List<Original> remembered = new ArrayList<>();
    try (var kept = originals.prefixScan(placeKey + "/", new StringSerializer())) {
      kept.forEachRemaining(kv -> {
        String[] parts = kv.key.split("/", 3);
        remembered.add(new Original(parts[2], kv.value, Long.parseLong(parts[1])));
      });
    }
    return remembered;
  }

  private void deleteFrom(String placeKey, long bucketStart, int from, int to) {
    for (int i = from; i < to; i++) {
      stories.delete(storyKey(placeKey, bucketStart, i));
    }
  }

  private static String originalKey(String placeKey, Original original) {
    return placeKey + "/" + original.publishedAt() + "/" + original.articleId();
  }

  private static String storyKey(String placeKey, long bucketStart, int index) {
    return placeKey + "/" + bucketStart + "/" + index;
  }

  private static Map<Long, List<Story>> storiesByBucket(PlaceState state) {
    Map<Long, List<Story>> byBucket = new HashMap<>();
    if (state != null) {
      state.buckets().forEach(b -> byBucket.put(b.start(), b.stories()));
    }
    return byBucket;
  }
}
