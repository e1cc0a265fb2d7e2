package io.newswatch.alerts.detector;

import io.newswatch.alerts.detector.PlaceState.Original;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The stories one place got lately, by fingerprint, for telling a syndicated copy from a new
 * story. Copies of a story name the same places, so each place's detector collapses them on
 * its own, on the place's partition, where articles come in one order on any number of
 * partitions and instances: no step sees every article.
 *
 * <p>An article is a copy of an original of this place when their fingerprints (the SimHash
 * enrich computes) are at most {@value #MAX_DISTANCE} bits apart and they were published
 * within {@link #HORIZON} of each other, before or after. Copies are not remembered, so every
 * copy points at its original, not at a chain.
 *
 * <p>Invariant: at most {@value #KEPT} originals, the latest by publication time (ties by id),
 * none more than the horizon before the latest: so what is kept is a function of the set of
 * originals, whatever order they came in, and a lookup reads at most {@value #KEPT} entries, at
 * any traffic. A place with more stories than that within a day can count a late copy of an
 * older one as a story of its own.
 */
public final class Originals {
  /** Copies of a wire story run within hours of it; a day is ample. */
  static final Duration HORIZON = Duration.ofDays(1);
  /**
   * Bits two fingerprints of one story may differ by: news bodies are short, and an edit
   * changes as many shingles as a shingle has words; unrelated stories are some 32 bits apart.
   */
  public static final int MAX_DISTANCE = 6;
  /** Far above what a village or town gets in a day; a capital's busiest days exceed it. */
  public static final int KEPT = 256;
  private static final Comparator<Original> BY_TIME =
      Comparator.comparingLong(Original::publishedAt).thenComparing(Original::articleId);

  private final TreeSet<Original> kept = new TreeSet<>(BY_TIME);

  public Originals(List<Original> originals) {
    kept.addAll(originals);
  }

  /**
   * The id of the original {@code articleId} copies; its own id when it is that original, seen
   * before; null when it is an original, and then it is remembered.
   */
  public String originalOf(String articleId, long fingerprint, long publishedAt) {
    long horizon = HORIZON.toMillis();
    for (Original original : kept) {
      if (Math.abs(original.publishedAt() - publishedAt) <= horizon
          && Long.bitCount(original.fingerprint() ^ fingerprint) <= MAX_DISTANCE) {
        return original.articleId();
      }
    }
    kept.add(new Original(articleId, fingerprint, publishedAt));
    long forgetBefore = kept.last().publishedAt() - horizon;
    while (kept.size() > KEPT || kept.first().publishedAt() < forgetBefore) {
      kept.pollFirst();
    }
    return null;
  }

  /** Oldest first. */
  public List<Original> list() {
    return List.copyOf(kept);
  }
}
