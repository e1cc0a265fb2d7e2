package io.newswatch.bench;

import io.newswatch.alerts.detector.Originals;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The alerts stage's copy check ({@link Originals}, one per place) run as a steady feed runs it:
 * {@code rate} articles a second over {@code span} of publication time, each naming
 * {@value #PLACES_PER_ARTICLE} places drawn from {@code places} by a Zipf law (a few in every
 * other article, most rarely), one in {@value #COPY_ONE_IN} a copy of one of the last 10,000
 * articles, a few bits changed, naming its places. Every place is kept in memory, where the
 * stage keeps only the places it saw last: the heap measured is more than a task holds, and
 * the bytes per original say what a task's cache takes.
 */
public final class CopiesBench {
  public static final int PLACES_PER_ARTICLE = 3;
  static final int COPY_ONE_IN = 10;
  private static final int RECENT = 10_000;
  /** Lookups timed one by one; the rest only counted, so that the timing costs little. */
  private static final int SAMPLE_EVERY = 64;

  /**
   * What a run measured.
   *
   * @param lookups one per article and place it names
   * @param copies articles told as copies
   * @param meanMicros the mean time of a lookup, and
   * @param p99Micros its 99th percentile, in microseconds
   * @param largest the most originals one place kept
   * @param kept the originals kept over all places at the end
   * @param heapBytes the heap the places' originals take at the end
   */
  public record Result(long articles, long lookups, long copies, double meanMicros, double p99Micros, int largest,
      long kept, long heapBytes) {
    public double bytesPerOriginal() {
      return kept == 0 ? 0 : (double) heapBytes / kept;
    }
  }

  private CopiesBench() {}

  public static Result run(double rate, Duration span, int places, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] zipf = zipfCumulative(places);
    long articles = (long) (rate * span.toSeconds());
    long[][] recentPlaces = new long[RECENT][];
    long[] recentFingerprints = new long[RECENT];
    long heapBefore = usedHeap();
    Map<Long, Originals> byPlace = new HashMap<>();
    long[] samples = new long[(int) Math.min(Integer.MAX_VALUE - 8, articles * PLACES_PER_ARTICLE / SAMPLE_EVERY + 1)];
    int sampled = 0;
    long lookups = 0;
    long copies = 0;
    long nanos = 0;
    long start = 1_700_000_000_000L;
    for (long i = 0; i < articles; i++) {
      // published up to ten minutes before it is read, as feeds deliver
      long publishedAt = start + (long) (i * 1000 / rate) - random.nextLong(600_000);
      long fingerprint;
      long[] named;
      if (i >= RECENT && random.nextInt(COPY_ONE_IN) == 0) {
        int original = random.nextInt(RECENT);
        fingerprint = recentFingerprints[original] ^ (1L << random.nextInt(64)) ^ (1L << random.nextInt(64));
        named = recentPlaces[original];
      } else {
        fingerprint = random.nextLong();
        named = new long[PLACES_PER_ARTICLE];
        for (int p = 0; p < named.length; p++) {
          int found = Arrays.binarySearch(zipf, random.nextDouble());
          named[p] = found >= 0 ? found : -found - 1; // the rank whose share the draw falls in
        }
      }
      recentFingerprints[(int) (i % RECENT)] = fingerprint;
      recentPlaces[(int) (i % RECENT)] = named;
      String id = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
      boolean copy = false;
      for (long place : named) {
        Originals originals = byPlace.computeIfAbsent(place, p -> new Originals(List.of()));
        long before = System.nanoTime();
        String original = originals.originalOf(id, fingerprint, publishedAt);
        long took = System.nanoTime() - before;
        nanos += took;
        if (lookups++ % SAMPLE_EVERY == 0 && sampled < samples.length) {
          samples[sampled++] = took;
        }
        copy |= original != null;
      }
      copies += copy ? 1 : 0;
    }
    long heapBytes = usedHeap() - heapBefore - (long) samples.length * Long.BYTES;
    Arrays.sort(samples, 0, sampled);
    int largest = byPlace.values().stream().mapToInt(o -> o.list().size()).max().orElse(0);
    long kept = byPlace.values().stream().mapToLong(o -> o.list().size()).sum();
    return new Result(articles, lookups, copies, nanos / 1e3 / Math.max(1, lookups),
        sampled == 0 ? 0 : samples[(int) (sampled * 0.99)] / 1e3, largest, kept, heapBytes);
  }

  /** The cumulative shares of ranks 1 to {@code n} under Zipf's law with exponent 1. */
  private static double[] zipfCumulative(int n) {
    double[] cumulative = new double[n];
    double sum = 0;
    for (int rank = 1; rank <= n; rank++) {
      sum += 1.0 / rank;
      cumulative[rank - 1] = sum;
    }
    for (int i = 0; i < n; i++) {
      cumulative[i] /= sum;
    }
    return cumulative;
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
