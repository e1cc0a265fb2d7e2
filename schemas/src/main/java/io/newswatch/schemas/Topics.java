package io.newswatch.schemas;

import io.newswatch.avro.Alert;
import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.FeedState;
import io.newswatch.avro.RawArticle;
import io.newswatch.avro.Subscription;
import io.newswatch.avro.Watch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topic catalog: every topic newswatch reads or writes, with its serdes.
 * The names are a public contract (consumers, kcat lines and docker-compose.yml name them;
 * {@code TopicsTest} holds the docs to them), behind one optional prefix, so that several
 * deployments can share a cluster.
 */
public final class Topics {
  public static final String RAW = "news.articles.raw";
  public static final String ENRICHED = "news.articles.enriched";
  public static final String WATCHLIST = "news.watchlist";
  public static final String ALERTS = "news.alerts";
  public static final String ALERTS_JSON = "news.alerts.json";
  public static final String DEADLETTER = "news.deadletter";
  public static final String FEEDS = "news.ingest.feeds";
  public static final String SUBSCRIPTIONS = "news.subscriptions";

  private final String prefix;

  private Topics(String prefix) {
    this.prefix = prefix == null ? "" : prefix;
  }

  public static Topics withPrefix(String prefix) {
    return new Topics(prefix);
  }

  public static Topics defaults() {
    return new Topics("");
  }

  public String prefix() {
    return prefix;
  }

  /** Articles as ingested. Key: article id. */
  public Topic<String, RawArticle> raw() {
    return new Topic<>(prefix + RAW, Serdes.String(), AvroSerde.of(RawArticle.class));
  }

  /** Articles tagged by enrich. Key: article id. */
  public Topic<String, EnrichedArticle> enriched() {
    return new Topic<>(prefix + ENRICHED, Serdes.String(), AvroSerde.of(EnrichedArticle.class));
  }

  /**
   * The enriched articles as read by those that need neither the text nor where names occur in
   * it (the alerts stage, the pipeline's meters): those fields come back empty, their bytes
   * skipped. Its serializer writes whole articles; a record read through it is not one.
   */
  public Topic<String, EnrichedArticle> enrichedWithoutText() {
    AvroSerde<EnrichedArticle> articles = AvroSerde.of(EnrichedArticle.class);
    return new Topic<>(prefix + ENRICHED, Serdes.String(),
        Serdes.serdeFrom(articles.serializer(), articles.without("text", "mentions")));
  }

  /** Compacted webhook subscriptions. Key: subscription id; a tombstone removes it. */
  public Topic<String, Subscription> subscriptions() {
    return new Topic<>(prefix + SUBSCRIPTIONS, Serdes.String(), AvroSerde.of(Subscription.class));
  }

  /** Compacted watchlist. Key: place id as a decimal string; a tombstone removes the watch. */
  public Topic<String, Watch> watchlist() {
    return new Topic<>(prefix + WATCHLIST, Serdes.String(), AvroSerde.of(Watch.class));
  }

  /** Alerts. Key: place id as a decimal string, so one place's alerts stay in order. */
  public Topic<String, Alert> alerts() {
    return new Topic<>(prefix + ALERTS, Serdes.String(), AvroSerde.of(Alert.class));
  }

  /**
   * The alerts of {@link #alerts()} again, each as the UTF-8 JSON document a webhook receives,
   * for subscribers that do not decode Avro (a Python or Go consumer, kcat). Written in the
   * same transaction as the alerts topic, so both hold the same alerts in the same order per
   * place. Key: place id as a decimal string.
   */
  public Topic<String, String> alertsJson() {
    return new Topic<>(prefix + ALERTS_JSON, Serdes.String(), Serdes.String());
  }

  /**
   * Records that could not be read or processed, as the bytes that came in, with the
   * reason in headers (see {@link DeadLetters}).
   */
  public Topic<byte[], byte[]> deadLetter() {
    return new Topic<>(prefix + DEADLETTER, Serdes.ByteArray(), Serdes.ByteArray());
  }

  /** Compacted state of ingest's feed poller. Key: the feed URL. */
  public Topic<String, FeedState> feeds() {
    return new Topic<>(prefix + FEEDS, Serdes.String(), AvroSerde.of(FeedState.class));
  }

  public List<Topic<?, ?>> all() {
    return List.of(raw(), enriched(), watchlist(), alerts(), alertsJson(), deadLetter(), feeds(), subscriptions());
  }

  /** True for topics that keep only the latest value per key. */
  public boolean isCompacted(String topicName) {
    return topicName.equals(prefix + WATCHLIST) || topicName.equals(prefix + FEEDS)
        || topicName.equals(prefix + SUBSCRIPTIONS);
  }

  /**
   * The topic-level settings a topic is created with. Raw articles and alerts (in Avro and in
   * JSON) are kept a year, so a replay can go back that far and subscribers can catch up; enriched articles
   * can be rebuilt from raw ones and dead letters are read soon or never, so a month.
   */
  public Map<String, String> configs(String topicName) {
    if (isCompacted(topicName)) {
      return Map.of("cleanup.policy", "compact");
    }
    String name = topicName.substring(prefix.length());
    long days = name.equals(RAW) || name.equals(ALERTS) || name.equals(ALERTS_JSON) ? 365 : 30;
    return Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(Duration.ofDays(days).toMillis()));
  }
}
