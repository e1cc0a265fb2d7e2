package io.newswatch.enrich.dedup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Seen fingerprints in maps, for the offline commands ({@code tag}, {@code backtest}). Bounded
 * like the state stores: articles published more than {@code retention} before the latest one
 * are dropped, in a sweep every {@value #SWEEP_EVERY} additions. Not thread-safe: one per run.
 */
public final class InMemorySeenFingerprints implements SeenFingerprints {
  private static final int SWEEP_EVERY = 10_000;

  private final long retentionMillis;
  private final Map<Integer, List<Seen>> byKey = new HashMap<>();
  private final Map<Seen, String> ids = new HashMap<>();
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
  public String idOf(Seen seen) {
    return ids.get(seen);
  }

  @Override
  public void add(String articleId, Seen seen, int[] keys) {
    for (int key : keys) {
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(seen);
    }
    ids.putIfAbsent(seen, articleId);
    latest = Math.max(latest, seen.publishedAt());
    if (++addsSinceSweep >= SWEEP_EVERY) {
      addsSinceSweep = 0;
      long oldest = latest - retentionMillis;
      byKey.values().forEach(list -> list.removeIf(s -> s.publishedAt() < oldest));
      byKey.values().removeIf(List::isEmpty);
      ids.keySet().removeIf(s -> s.publishedAt() < oldest);
    }
  }
}
