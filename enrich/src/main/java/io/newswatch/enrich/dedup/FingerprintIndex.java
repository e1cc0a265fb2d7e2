package io.newswatch.enrich.dedup;

import io.newswatch.enrich.dedup.SeenFingerprints.Seen;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The fingerprints of recent originals, in memory, found by the pigeonhole principle: two
 * fingerprints at most 6 bits apart agree on at least two of their eight 8-bit bands, so they
 * share one of the 28 keys made of a pair of bands (16 bits), and only entries sharing a key
 * are compared. Single 8-bit bands would do for 7 bits, but each would hold one in 256 of the
 * recent articles, and every lookup would read them all.
 *
 * <p>Entries sit in a ring in the order they were added, each linked to the entry before it
 * under each of its 28 keys; entries published more than {@code retention} before the latest
 * one leave the ring from its oldest end. An entry costs 136 bytes (its fingerprint, time,
 * sequence number and 28 links) in a ring of a power of two: two days at 10 articles/s fill
 * 2^21 entries, 285 MB. Why memory and not a state store of the keys: a store lookup per key
 * would be 28 per article. A full ring makes each lookup walk some 900 entries (2^21 / 2^16
 * under each key), each entry's fields side by side so that a walk reads one place per entry.
 *
 * <p>Not thread-safe: one per stream task, rebuilt from the task's store when it starts.
 */
public final class FingerprintIndex {
  public static final int MAX_DISTANCE = 6;
  private static final int BANDS = 8;
  private static final int BAND_BITS = 64 / BANDS;
  /** Every pair of bands, {i, j} with i < j: 28 of them. */
  private static final int[][] BAND_PAIRS = bandPairs();
  private static final int KEYS = BAND_PAIRS.length;
  private static final int INITIAL_CAPACITY = 1 << 10;
  /** Longs per slot in {@link #entries}: fingerprint, publishedAt, sequence number. */
  private static final int ENTRY = 3;
  private static final Comparator<Seen> OLDEST_FIRST =
      Comparator.comparingLong(Seen::publishedAt).thenComparingLong(Seen::fingerprint);

  private final long retentionMillis;
  /** By key: the slot + 1 of the newest entry under it, 0 for none. */
  private final int[] heads = new int[KEYS << 2 * BAND_BITS];
  /**
   * Per slot, side by side: the fingerprint, its publishedAt and its sequence number (to tell
   * a link to a reused slot). One array, not three: a lookup hops from entry to entry, and each
   * hop to another array was another cache miss.
   */
  private long[] entries = new long[INITIAL_CAPACITY * ENTRY];
  /** slot * KEYS + k: the slot + 1 of the entry before it under its k-th key, 0 for none. */
  private int[] links = new int[INITIAL_CAPACITY * KEYS];
  /** Sequence numbers of the oldest entry kept and of the next one: [first, next) are in the ring. */
  private int first;
  private int next;
  private long latest = Long.MIN_VALUE;

  public FingerprintIndex(Duration retention) {
    this.retentionMillis = retention.toMillis();
  }

  /** Adds a fingerprint published at {@code publishedAt}, dropping those too old to keep. */
  public void add(long fingerprint, long publishedAt) {
    latest = Math.max(latest, publishedAt);
    while (first != next && entries[slot(first) * ENTRY + 1] < latest - retentionMillis) {
      first++;
    }
    if (next - first == capacity()) {
      grow();
    }
    link(next++, fingerprint, publishedAt);
  }

  /**
   * Of the fingerprints within {@code maxDistance} bits of {@code fingerprint} published from
   * {@code from} to {@code to}, oldest first (ties by fingerprint), the first that {@code lookup}
   * maps to something other than null, and what it maps it to; null if none. Oldest first one at
   * a time, not all of them sorted: a cluster of near-copies can put hundreds of entries within
   * reach of one fingerprint, of which the first is wanted.
   */
  public <T> T firstNear(long fingerprint, int maxDistance, long from, long to, Function<Seen, T> lookup) {
    requireDistance(maxDistance);
    List<Seen> near = new ArrayList<>(1);
    for (int k = 0; k < KEYS; k++) {
      int key = key(fingerprint, k);
      int newer = next;
      for (int link = heads[key]; link != 0; ) {
        int slot = link - 1;
        long seen = entries[slot * ENTRY];
        long time = entries[slot * ENTRY + 1];
        int sequence = (int) entries[slot * ENTRY + 2];
        // stop at a slot reused since it was linked, or past the oldest entry kept
        if (sequence - newer >= 0 || sequence - first < 0 || key(seen, k) != key) {
          break;
        }
        if (time >= from && time <= to && NearDuplicates.distance(seen, fingerprint) <= maxDistance) {
          near.add(new Seen(seen, time)); // once under each key it shares
        }
        newer = sequence;
        link = links[slot * KEYS + k];
      }
    }
    while (!near.isEmpty()) {
      Seen oldest = Collections.min(near, OLDEST_FIRST);
      T found = lookup.apply(oldest);
      if (found != null) {
        return found;
      }
      near.removeIf(oldest::equals);
    }
    return null;
  }

  /** Entries in the ring, expired ones not yet dropped included. */
  int size() {
    return next - first;
  }

  static void requireDistance(int maxDistance) {
    if (maxDistance < 0 || maxDistance > MAX_DISTANCE) {
      throw new IllegalArgumentException("maxDistance must be 0.." + MAX_DISTANCE + ": " + maxDistance);
    }
  }

  private void link(int sequence, long fingerprint, long publishedAt) {
    int slot = slot(sequence);
    entries[slot * ENTRY] = fingerprint;
    entries[slot * ENTRY + 1] = publishedAt;
    entries[slot * ENTRY + 2] = sequence;
    for (int k = 0; k < KEYS; k++) {
      int key = key(fingerprint, k);
      links[slot * KEYS + k] = heads[key];
      heads[key] = slot + 1;
    }
  }

  /** Doubles the ring and links its entries again at their new slots. */
  private void grow() {
    long[] old = entries;
    int capacity = capacity();
    entries = new long[2 * capacity * ENTRY];
    links = new int[2 * capacity * KEYS];
    Arrays.fill(heads, 0);
    for (int sequence = first; sequence != next; sequence++) {
      int oldSlot = sequence & (capacity - 1);
      link(sequence, old[oldSlot * ENTRY], old[oldSlot * ENTRY + 1]);
    }
  }

  private int capacity() {
    return entries.length / ENTRY;
  }

  private int slot(int sequence) {
    return sequence & (capacity() - 1);
  }

  /** Key {@code k}: the pair's index, then the two bands' bits. */
  private static int key(long fingerprint, int k) {
    int[] pair = BAND_PAIRS[k];
    return k << 2 * BAND_BITS | band(fingerprint, pair[0]) << BAND_BITS | band(fingerprint, pair[1]);
  }

  /** Band {@code b} of a fingerprint: its bits {@code 8b} to {@code 8b + 7}. */
  private static int band(long fingerprint, int b) {
    return (int) (fingerprint >>> (BAND_BITS * b) & ((1 << BAND_BITS) - 1));
  }

  private static int[][] bandPairs() {
    int[][] pairs = new int[BANDS * (BANDS - 1) / 2][];
    int k = 0;
    for (int i = 0; i < BANDS; i++) {
      for (int j = i + 1; j < BANDS; j++) {
        pairs[k++] = new int[] {i, j};
      }
    }
    return pairs;
  }
}
