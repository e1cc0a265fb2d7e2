package io.newswatch.enrich.dedup;

import java.util.function.Consumer;

/**
 * The originals {@link NearDuplicates} has seen, by fingerprint and time: the record that tells
 * a copy which article it copies, and from which its {@link FingerprintIndex} is built again
 * when it starts. Two implementations: {@link InMemorySeenFingerprints} for the offline
 * commands, {@link WindowStoreSeenFingerprints} (a Kafka Streams state store) in the pipeline.
 */
public interface SeenFingerprints {
  /** A fingerprint as remembered, with its article's event time (epoch millis). */
  record Seen(long fingerprint, long publishedAt) {}

  /** The id of the article remembered with this fingerprint and time, or null. */
  String idOf(Seen seen);

  /** Remembers an original. */
  void add(String articleId, Seen seen);

  /** Every original remembered, in no particular order. */
  void forEach(Consumer<Seen> action);
}
