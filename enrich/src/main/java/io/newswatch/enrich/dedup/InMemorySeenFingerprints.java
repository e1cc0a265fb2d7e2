package io.newswatch.enrich.dedup;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Seen originals in a map, for the offline commands ({@code tag}, {@code backtest}). Bounded
 * like the state store: articles published more than {@code retention} before the latest one
 * are dropped, in a sweep every {@value #SWEEP_EVERY} additions. Not thread-safe: one per run.
 */
public final class InMemorySeenFingerprints implements SeenFingerprints {
  private static final int SWEEP_EVERY = 10_000;

  private final long retentionMillis;
  private final Map<Seen, String> ids = new HashMap<>();
  private long latest = Long.MIN_VALUE;
  private int addsSinceSweep;

  public InMemorySeenFingerprints(Duration retention) {
    this.retentionMillis = retention.toMillis();
  }

  @Override
  public String idOf(Seen seen) {
    return ids.get(seen);
  }

  @Override
  public void add(String articleId, Seen seen) {
    ids.putIfAbsent(seen, articleId);
    latest = Math.max(latest, seen.publishedAt());
    if (++addsSinceSweep >= SWEEP_EVERY) {
      addsSinceSweep = 0;
      long oldest = latest - retentionMillis;
      ids.keySet().removeIf(s -> s.publishedAt() < oldest);
    }
  }

  @Override
  public void forEach(Consumer<Seen> action) {
    ids.keySet().forEach(action);
  }
}
