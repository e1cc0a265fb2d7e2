package io.newswatch.alerts.detector;

import io.newswatch.alerts.detector.PlaceState.Original;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

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
 *
 * <p>The originals are records, sorted by time, for the place's state, which is taken after
 * every article and must not build them anew; their fingerprints and times sit beside them in
 * two arrays in the same order, so that a lookup reads them in a row, as the records would have
 * it hop from one to the next.
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

  /** Oldest first (ties by id). */
  private final ArrayList<Original> records;
  /** The first {@link #size} entries: the records' times and fingerprints. */
  private long[] times;
  private long[] fingerprints;
  private int size;

  public Originals(List<Original> originals) {
    ArrayList<Original> sorted = new ArrayList<>(originals);
    sorted.sort(Original.ORDER);
    int capacity = Math.max(4, Integer.highestOneBit(Math.max(1, sorted.size())) << 1);
    times = new long[capacity];
    fingerprints = new long[capacity];
    for (Original original : sorted) {
      times[size] = original.publishedAt();
      fingerprints[size++] = original.fingerprint();
    }
    records = sorted;
    forgetBeyondKept();
  }

  /**
   * The id of the original {@code articleId} copies; its own id when it is that original, seen
   * before; null when it is an original, and then it is remembered.
   */
  public String originalOf(String articleId, long fingerprint, long publishedAt) {
    long horizon = HORIZON.toMillis();
    for (int i = 0; i < size; i++) {
      if (Long.bitCount(fingerprints[i] ^ fingerprint) <= MAX_DISTANCE && Math.abs(times[i] - publishedAt) <= horizon) {
        return records.get(i).articleId();
      }
    }
    insert(articleId, fingerprint, publishedAt);
    forgetBeyondKept();
    return null;
  }

  /** Oldest first; a view that changes with these originals. */
  public List<Original> list() {
    return Collections.unmodifiableList(records);
  }

  private void insert(String articleId, long fingerprint, long publishedAt) {
    int at = size;
    while (at > 0 && (times[at - 1] > publishedAt || times[at - 1] == publishedAt
        && records.get(at - 1).articleId().compareTo(articleId) > 0)) {
      at--;
    }
    if (size == times.length) {
      times = Arrays.copyOf(times, 2 * size);
      fingerprints = Arrays.copyOf(fingerprints, 2 * size);
    }
    System.arraycopy(times, at, times, at + 1, size - at);
    System.arraycopy(fingerprints, at, fingerprints, at + 1, size - at);
    times[at] = publishedAt;
    fingerprints[at] = fingerprint;
    size++;
    records.add(at, new Original(articleId, fingerprint, publishedAt));
  }

  /** Keeps the invariant: the latest {@link #KEPT}, none more than the horizon before the latest. */
  private void forgetBeyondKept() {
    if (size == 0) {
      return;
    }
    long forgetBefore = times[size - 1] - HORIZON.toMillis();
    int drop = Math.max(0, size - KEPT);
    while (drop < size && times[drop] < forgetBefore) {
      drop++;
    }
    if (drop > 0) {
      System.arraycopy(times, drop, times, 0, size - drop);
      System.arraycopy(fingerprints, drop, fingerprints, 0, size - drop);
      size -= drop;
      records.subList(0, drop).clear();
    }
  }
}
