package io.newswatch.cli.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newswatch.avro.Alert;
import io.newswatch.avro.EnrichedArticle;
import io.newswatch.schemas.DeadLetters;
import io.newswatch.schemas.TopicReader;
import io.newswatch.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The pipeline's own metrics, read from its topics as a user would see them: articles
 * ingested and enriched, the lag from publication and from ingest to enrichment, alerts by
 * level and dead letters by stage and reason. One consumer on the topics' ends, no group.
 *
 * <p>A lag's count and sum cover every article since start; its p50, p99 and max, the articles
 * of the last {@link #LAG_WINDOW}.
 */
public final class PipelineMonitor implements AutoCloseable {
  /**
   * What a lag's quantiles and max look back over. Feeds are polled every ten minutes unless
   * told otherwise, so articles come in bursts: a window of several polls still holds the last
   * burst when scraped between two (the registry's default, its step of a minute, did not, and
   * read 0 most of the time). It slides by a sixth of itself.
   */
  static final Duration LAG_WINDOW = Duration.ofHours(1);
  private static final int LAG_WINDOW_SLICES = 6;

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Topics topics;
  private final MeterRegistry registry;
  /** Reads what the meters need of an article: its text and mentions are skipped. */
  private final Deserializer<EnrichedArticle> enriched;
  private final Thread thread;

  private PipelineMonitor(KafkaConsumer<byte[], byte[]> consumer, Topics topics, MeterRegistry registry) {
    this.consumer = consumer;
    this.topics = topics;
    this.registry = registry;
    this.enriched = topics.enrichedWithoutText().valueSerde().deserializer();
    this.thread = new Thread(this::run, "pipeline-monitor");
    thread.setDaemon(true);
  }

  public static PipelineMonitor start(Properties clientProperties, Topics topics, MeterRegistry registry) {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put("isolation.level", "read_committed");
    var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = List.of(topics.raw(), topics.enriched(), topics.alerts(), topics.deadLetter())
        .stream()
        .flatMap(t -> TopicReader.partitionsOf(consumer, t.name()).stream())
        .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    PipelineMonitor monitor = new PipelineMonitor(consumer, topics, registry);
    monitor.thread.start();
    return monitor;
  }

  private void run() {
    try {
      while (true) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
          count(record, System.currentTimeMillis());
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  void count(ConsumerRecord<byte[], byte[]> record, long now) {
    String topic = record.topic();
    if (topic.equals(topics.raw().name())) {
      registry.counter("newswatch.articles.ingested").increment();
    } else if (topic.equals(topics.enriched().name())) {
      EnrichedArticle article = enriched.deserialize(topic, record.value());
      registry.counter("newswatch.articles.enriched").increment();
      recordLag(registry, "newswatch.ingest.to.enriched", now - article.getIngestedAt().toEpochMilli());
      recordLag(registry, "newswatch.published.to.enriched", now - article.getPublishedAt().toEpochMilli());
    } else if (topic.equals(topics.alerts().name())) {
      Alert alert = topics.alerts().valueSerde().deserializer().deserialize(topic, record.value());
      registry.counter("newswatch.alerts", "level", alert.getLevel().toString()).increment();
    } else {
      Counter.builder("newswatch.dead.letters")
          .tag("stage", header(record, DeadLetters.STAGE, "streams"))
          .tag("reason", kind(DeadLetters.reason(record.headers())))
          .register(registry).increment();
    }
  }

  static void recordLag(MeterRegistry registry, String name, long millis) {
    Timer.builder(name)
        .publishPercentiles(0.5, 0.99)
        .percentilePrecision(2) // within a percent of the true quantile
        .distributionStatisticExpiry(LAG_WINDOW)
        .distributionStatisticBufferLength(LAG_WINDOW_SLICES)
        .register(registry)
        .record(Duration.ofMillis(Math.max(0, millis)));
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String key, String otherwise) {
    var h = record.headers().lastHeader(key);
    return h == null ? otherwise : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The kind of a reason, its text before the first colon, so the label has few values. */
  static String kind(String reason) {
    if (reason == null || reason.isBlank()) {
      return "unknown";
    }
    int colon = reason.indexOf(':');
    String kind = (colon > 0 ? reason.substring(0, colon) : reason).trim();
    return kind.length() > 60 ? kind.substring(0, 60) : kind;
  }

  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    thread.join(5_000);
  }
}
