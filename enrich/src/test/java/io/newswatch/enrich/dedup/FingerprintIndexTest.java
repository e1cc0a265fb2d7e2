package io.newswatch.enrich.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.dedup.SeenFingerprints.Seen;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FingerprintIndexTest {
  private static final long HOUR = Duration.ofHours(1).toMillis();
  private static final Duration RETENTION = Duration.ofHours(48);

  /**
   * Against a scan of every fingerprint kept, oldest first: the same first answers, whether the
   * lookup takes the oldest or passes over some, over a feed that grows the
   * ring, outlives its retention, arrives out of order and copies earlier articles with a few
   * bits flipped.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void findsWhatAScanOfEveryKeptFingerprintFinds(long seed) {
    Random random = new Random(seed);
    FingerprintIndex index = new FingerprintIndex(RETENTION);
    List<Seen> kept = new ArrayList<>();
    long latest = 0;
    for (int i = 0; i < 6_000; i++) {
      long time = i * HOUR / 40 - random.nextInt(3) * HOUR; // 40 an hour, some up to 2 h late
      long fingerprint = kept.isEmpty() || random.nextInt(3) > 0 ? random.nextLong()
          : flip(kept.get(random.nextInt(kept.size())).fingerprint(), random.nextInt(9), random);
      long from = time - 24 * HOUR;
      long to = time + 24 * HOUR;
      for (int distance : new int[] {0, 3, FingerprintIndex.MAX_DISTANCE}) {
        List<Seen> near = scan(kept, fingerprint, distance, from, to);
        assertThat(index.<Seen>firstNear(fingerprint, distance, from, to, seen -> seen))
            .as("article %d, %d bits", i, distance).isEqualTo(near.isEmpty() ? null : near.get(0));
        assertThat(index.<Seen>firstNear(fingerprint, distance, from, to, odd -> odd.fingerprint() % 2 == 0 ? null : odd))
            .as("article %d, %d bits, odd ones", i, distance)
            .isEqualTo(near.stream().filter(s -> s.fingerprint() % 2 != 0).findFirst().orElse(null));
      }
      index.add(fingerprint, time);
      latest = Math.max(latest, time);
      kept.add(new Seen(fingerprint, time));
      long oldest = latest - RETENTION.toMillis();
      kept.removeIf(s -> s.publishedAt() < oldest);
    }
    assertThat(index.size()).as("what the retention drops leaves the ring").isLessThan(48 * 40 + 200);
  }

  private static List<Seen> scan(List<Seen> kept, long fingerprint, int distance, long from, long to) {
    return new ArrayList<>(kept.stream()
        .filter(s -> s.publishedAt() >= from && s.publishedAt() <= to)
        .filter(s -> NearDuplicates.distance(s.fingerprint(), fingerprint) <= distance)
        .sorted(Comparator.comparingLong(Seen::publishedAt).thenComparingLong(Seen::fingerprint))
        .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
  }

  private static long flip(long fingerprint, int bits, Random random) {
    for (int i = 0; i < bits; i++) {
      fingerprint ^= 1L << random.nextInt(64);
    }
    return fingerprint;
  }
}
