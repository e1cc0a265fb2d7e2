package io.newswatch.enrich.dedup;

import java.util.List;

/**
 * The articles {@link NearDuplicates} has seen, indexed by keys made of two bands (8-bit slices) of their fingerprint.
 * Two implementations run the same logic: {@link InMemorySeenFingerprints} for the offline
 * commands, {@link WindowStoreSeenFingerprints} (a Kafka Streams state store) in the pipeline.
 */
public interface SeenFingerprints {
  /** An article as remembered: its id, fingerprint and event time (epoch millis). */
  record Seen(String articleId, long fingerprint, long publishedAt) {}

  /** Articles recorded under lookup {@code key} with {@code from <= publishedAt <= to}. */
  List<Seen> find(int key, long from, long to);

  void add(int key, Seen seen);
}
