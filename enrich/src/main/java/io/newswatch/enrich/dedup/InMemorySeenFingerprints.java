package io.newswatch.enrich.dedup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Seen fingerprints in a map, for the offline commands ({@code tag}, {@code backtest}). Bounded
 * like the state store: articles published more than {@code retention} before the latest one
 * are dropped, in a sweep every {@value #SWEEP_EVERY} additions. Not thread-safe: one per run.
 */
public final class InMemorySeenFingerprints implements SeenFingerprints {
  private static final int SWEEP_EVERY = 10_000;

  private final long retentionMillis;
  private final Map<Integer, List<Seen>> byKey = new HashMap<>();
  private long latest = Long.MIN_VALUE;
  private int addsSinceSweep;

  public InMemorySeenFingerprints(Duration retention) {
    this.retentionMillis = retention.toMillis();
  }

  @Override
  public List<Seen> find(int key, long from, long to) {
    return byKey.getOrDefault(key, List.of()).stream()
        .filter(s -> s.publishedAt() >= from && s.publishedAt() <= to)
        .toList();
  }

  @Override
  public void add(int key, Seen seen) {
    byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(seen);
    latest = Math.max(latest, seen.publishedAt());
    if (++addsSinceSweep >= SWEEP_EVERY) {
      addsSinceSweep = 0;
      long oldest = latest - retentionMillis;
      byKey.values().forEach(list -> list.removeIf(s -> s.publishedAt() < oldest));
      byKey.values().removeIf(List::isEmpty);
    }
  }
}
