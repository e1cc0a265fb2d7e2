package io.newswatch.ingest.feed;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.newswatch.avro.FeedState;
import io.newswatch.web.RedactedUrl;
import java.util.function.ToDoubleFunction;

/**
 * Per-feed meters, tagged {@code feed=URL}. They read the poller's feed states, which
 * count since the feed was first polled, across restarts.
 */
public final class FeedMetrics {
  private FeedMetrics() {}

  public static void bind(MeterRegistry registry, FeedPoller poller) {
    for (FeedSpec feed : poller.feeds()) {
      String url = RedactedUrl.of(feed.url().toString());
      counter(registry, poller, feed, "newswatch.feed.fetches", "polls of the feed", FeedState::getFetches);
      counter(registry, poller, feed, "newswatch.feed.not.modified", "polls answered 304 Not Modified", FeedState::getNotModified);
      counter(registry, poller, feed, "newswatch.feed.new.items", "items sent as new articles", FeedState::getNewItems);
      counter(registry, poller, feed, "newswatch.feed.duplicates", "items whose article had arrived before", FeedState::getDuplicates);
      counter(registry, poller, feed, "newswatch.feed.rejected", "items or bodies sent to the dead-letter topic", FeedState::getRejected);
      counter(registry, poller, feed, "newswatch.feed.failures", "polls that failed or were refused", FeedState::getFailures);
      Gauge.builder("newswatch.feed.last.success", poller, p -> lastSuccess(p.state(feed)))
          .description("when the feed was last polled successfully, in seconds since the epoch (0: never)")
          .baseUnit("seconds").tag("feed", url).register(registry);
    }
  }

  private static void counter(MeterRegistry registry, FeedPoller poller, FeedSpec feed, String name,
      String description, ToDoubleFunction<FeedState> count) {
    FunctionCounter.builder(name, poller, p -> count.applyAsDouble(p.state(feed)))
        .description(description).tag("feed", RedactedUrl.of(feed.url().toString())).register(registry);
  }

  private static double lastSuccess(FeedState state) {
    return state.getLastSuccess() == null ? 0 : state.getLastSuccess().toEpochMilli() / 1000.0;
  }
}
