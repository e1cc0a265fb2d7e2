package io.newswatch.schemas;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams settings every newswatch topology runs with, in production and in
 * {@code TopologyTestDriver} tests alike: exactly-once, and bad records sent to the
 * dead-letter topic with their reason instead of stopping the app, whether they could not be
 * read, processed or written ({@link ProductionFailures}); and every record they write compressed
 * ({@link #COMPRESSION}). Only the Streams apps call this, so
 * only they need Streams on the class path.
 */
public final class StreamsDefaults {
  /**
   * The codec of every record the stages write: outputs, repartition topics and changelogs
   * alike, as all go through the stage's producer. The broker keeps batches as the producer
   * compressed them, so this divides what it writes, stores and serves. lz4, not zstd: the
   * stages are bound by CPU, and lz4 costs the least CPU per byte of the codecs Kafka offers.
   */
  public static final String COMPRESSION = "lz4";

  private StreamsDefaults() {}

  public static Properties properties(String applicationId, String bootstrapServers, Topics topics) {
    Properties props = new Properties();
    props.put("application.id", applicationId);
    props.put("bootstrap.servers", bootstrapServers);
    props.put("processing.guarantee", "exactly_once_v2");
    props.put("errors.dead.letter.queue.topic.name", topics.deadLetter().name());
    // With a dead-letter topic set, the continue-handlers write the failed record there.
    props.put("deserialization.exception.handler",
        "org.apache.kafka.streams.errors.LogAndContinueExceptionHandler");
    props.put("processing.exception.handler",
        "org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler");
    // The same for the global thread that reads the watchlist (the default from Kafka 5.0).
    props.put("processing.exception.handler.global.enabled", "true");
    props.put("production.exception.handler", ProductionFailures.class.getName());
    props.put("default.key.serde", "org.apache.kafka.common.serialization.Serdes$StringSerde");
    // Exactly-once output is visible only once committed, and an article crosses two commits in
    // enrich: the interval is most of its latency from ingest to enriched (docs/PERFORMANCE.md).
    props.put("commit.interval.ms", "100");
    props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), COMPRESSION);
    return props;
  }
}
