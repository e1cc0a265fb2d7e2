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

  @Option(names = "--min-population", defaultValue = "0", paramLabel = "N",
      description = "With --watch-all, only places of at least N people (a place of unknown population "
          + "counts as 0). Default ${DEFAULT-VALUE}: every place, villages included, as the reports a level "
          + "needs scale with the feed's volume and each place's usual coverage.")
  long minPopulation;

  /** For the live stages; backtest has its own --watch/--watch-all choice. */
  static final class Discovery {
    @Option(names = "--watch-all", description = "Alert on every locality, village to city, not only the "
        + "watchlist's (countries and regions excluded; --min-population to skip small places).")
    boolean all;

    WatchFilter alwaysWatched(DetectorOptions detector) {
      return all ? detector.everyPlace() : WatchFilter.none();
    }
  }

  /** What --watch-all watches. */
  WatchFilter everyPlace() {
    return WatchFilter.all(minPopulation);
  }

  DetectorSettings settings() {
    return DetectorSettings.defaults().withBucket(bucket);
  }
}
