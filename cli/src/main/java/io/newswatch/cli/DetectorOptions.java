package io.newswatch.cli;

import io.newswatch.alerts.detector.DetectorSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The detector's settings a user can change, shared by {@code up}, {@code alerts} and {@code backtest}. */
final class DetectorOptions {
  @Option(names = "--bucket", defaultValue = "1h", converter = Durations.class, paramLabel = "DURATION",
      description = "Event-time bucket of the per-place counts: 1h (default), 1d for day-dated feeds.")
  Duration bucket;

  DetectorSettings settings() {
    return DetectorSettings.defaults().withBucket(bucket);
  }
}
