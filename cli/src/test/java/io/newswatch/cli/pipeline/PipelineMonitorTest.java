package io.newswatch.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The lags as {@code /metrics} shows them. */
class PipelineMonitorTest {
  private static final String LAG = "newswatch.ingest.to.enriched";
  private static final String SCRAPED = "newswatch_ingest_to_enriched_seconds";
  /** The default interval of a feed's polls. */
  private static final Duration NEXT_POLL = Duration.ofMinutes(10);

  private final MockClock clock = new MockClock();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);

  @Test
  void betweenTwoPollsTheQuantilesAndMaxAreThoseOfTheLastPollsArticles() {
    for (int millis = 1; millis <= 1000; millis++) {
      PipelineMonitor.recordLag(registry, LAG, millis);
    }
    clock.add(NEXT_POLL.minusSeconds(1));

    Map<String, Double> lag = scrape();
    assertThat(lag.get(SCRAPED + "_count")).isEqualTo(1000);
    assertThat(lag.get(SCRAPED + "_sum")).isCloseTo(500.5, withinPercentage(0.01));
    assertThat(lag.get(SCRAPED + "{quantile=\"0.5\"}")).isCloseTo(0.5, withinPercentage(1));
    assertThat(lag.get(SCRAPED + "{quantile=\"0.99\"}")).isCloseTo(0.99, withinPercentage(1));
    assertThat(lag.get(SCRAPED + "_max")).isEqualTo(1.0);
  }

  @Test
  void theQuantilesFollowTheLastHoursArticlesTheCountAllOfThem() {
    for (int i = 0; i < 100; i++) {
      PipelineMonitor.recordLag(registry, LAG, 200);
    }
    clock.add(PipelineMonitor.LAG_WINDOW);
    for (int i = 0; i < 100; i++) {
      PipelineMonitor.recordLag(registry, LAG, 5_000);
    }
    clock.add(NEXT_POLL.minusSeconds(1));

    Map<String, Double> lag = scrape();
    assertThat(lag.get(SCRAPED + "_count")).isEqualTo(200);
    assertThat(lag.get(SCRAPED + "{quantile=\"0.5\"}")).isCloseTo(5.0, withinPercentage(1));
    assertThat(lag.get(SCRAPED + "{quantile=\"0.99\"}")).isCloseTo(5.0, withinPercentage(1));
    assertThat(lag.get(SCRAPED + "_max")).isEqualTo(5.0);
  }

  /** The scraped samples of the lag: name and labels to value. */
  private Map<String, Double> scrape() {
    return registry.scrape().lines()
        .filter(line -> line.startsWith(SCRAPED))
        .collect(Collectors.toMap(line -> line.substring(0, line.lastIndexOf(' ')),
            line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))));
  }
}
