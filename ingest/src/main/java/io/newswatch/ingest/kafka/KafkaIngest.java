package io.newswatch.ingest.kafka;

import io.javalin.config.JavalinConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newswatch.ingest.ArticleSink;
import io.newswatch.ingest.article.ArticleParser;
import io.newswatch.ingest.dedup.DedupingSink;
import io.newswatch.ingest.dedup.SeenArticles;
import io.newswatch.ingest.feed.FeedLimits;
import io.newswatch.ingest.feed.FeedMetrics;
import io.newswatch.ingest.feed.FeedPoller;
import io.newswatch.ingest.feed.FeedSpec;
import io.newswatch.ingest.http.IngestHttp;
import io.newswatch.ingest.http.PushEndpoint;
import io.newswatch.ingest.http.PushSettings;
import io.newswatch.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest running against Kafka: one sink that sends each article once, shared by the feed
 * poller, HTTP push and file imports. Copies are caught by article id against the ids on
 * the raw topic from the last {@link #DEDUP_WINDOW} (at most the last {@link #IDS_READ_AT_START}
 * of them), read at start, and everything sent since. This process's memory only: enrich
 * passes each id on once, whatever sent it.
 */
public final class KafkaIngest implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaIngest.class);
  /** How far back a copy is recognised. */
  public static final Duration DEDUP_WINDOW = Duration.ofDays(7);
  /** Bounds the start: the ids of at most this many of the latest raw records are read. */
  public static final int IDS_READ_AT_START = 50_000;
  private static final int SEEN_CAPACITY = 500_000;
  private static final int POLLER_THREADS = 4;

  private final Properties client;
  private final Topics topics;
  private final ArticleSink sink;
  private FeedPoller poller;
  private KafkaFeedStateStore store;

  private KafkaIngest(Properties client, Topics topics, ArticleSink sink) {
    this.client = client;
    this.topics = topics;
    this.sink = sink;
  }

  public static KafkaIngest connect(Properties client, Topics topics) {
    SeenArticles seen = new SeenArticles(SEEN_CAPACITY);
    List<String> recent = RecentArticleIds.read(client, topics, DEDUP_WINDOW, IDS_READ_AT_START);
    seen.addAll(recent);
    LOG.info("{} article ids from the last {} days on {}", recent.size(), DEDUP_WINDOW.toDays(), topics.raw().name());
    return new KafkaIngest(client, topics, new DedupingSink(new KafkaArticleSink(client, topics), seen));
  }

  /** The sink that sends each article once. */
  public ArticleSink sink() {
    return sink;
  }

  /** Starts polling the feeds, their meters in {@code metrics}. */
  public FeedPoller pollFeeds(List<FeedSpec> feeds, FeedLimits limits, PrometheusMeterRegistry metrics) {
    store = new KafkaFeedStateStore(client, topics);
    poller = new FeedPoller(feeds, limits, sink, store, Clock.systemUTC(), POLLER_THREADS);
    FeedMetrics.bind(metrics, poller);
    return poller.start();
  }

  /** POST /api/articles and GET /metrics, to mount on an HTTP server. */
  public Consumer<JavalinConfig> routes(PushSettings push, PrometheusMeterRegistry metrics) {
    return IngestHttp.routes(new PushEndpoint(new ArticleParser(Clock.systemUTC()), sink, push, metrics), metrics);
  }

  @Override
  public void close() {
    if (poller != null) {
      poller.close();
      store.close();
    }
    sink.close();
  }
}
