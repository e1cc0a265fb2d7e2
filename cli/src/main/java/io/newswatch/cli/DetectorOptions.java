package io.newswatch.cli;

import io.newswatch.alerts.detector.DetectorSettings;
import io.newswatch.alerts.watchlist.WatchFilter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The detector's settings a user can change, shared by {@code up}, {@code alerts} and {@code backtest}. */
final class DetectorOptions {
  @Option(names = "--bucket", defaultValue = "1h", converter = Durations.class, paramLabel = "DURATION",
      description = "Event-time bucket of the per-place counts: 1h (default), 1d for day-dated feeds.")
  Duration bucket;

  /** For the live stages; backtest has its own --watch/--watch-all choice. */
  static final class Discovery {
    @Option(names = "--watch-all", description = "Alert on every town and city, not only the watchlist's "
        + "(countries and regions excluded).")
    boolean all;

    WatchFilter alwaysWatched() {
      return all ? WatchFilter.all() : WatchFilter.none();
    }
  }

  DetectorSettings settings() {
    return DetectorSettings.defaults().withBucket(bucket);
  }
}
