package io.newswatch.enrich.dedup;

import java.util.List;

/**
 * The articles {@link NearDuplicates} has seen: their fingerprints indexed by keys made of two
 * bands (8-bit slices), and their ids by fingerprint, each id stored once (not under every
 * key), as the keyed entries are most of the store. Two implementations run the same logic:
 * {@link InMemorySeenFingerprints} for the offline commands, {@link WindowStoreSeenFingerprints}
 * (Kafka Streams state stores) in the pipeline.
 */
public interface SeenFingerprints {
  /** A fingerprint as remembered, with its article's event time (epoch millis). */
  record Seen(long fingerprint, long publishedAt) {}

  /** Fingerprints recorded under lookup {@code key} with {@code from <= publishedAt <= to}. */
  List<Seen> find(int key, long from, long to);

  /** The id of the article remembered with this fingerprint and time, or null. */
  String idOf(Seen seen);

  /** Remembers an article under its keys. */
  void add(String articleId, Seen seen, int[] keys);
}
