package io.newswatch.enrich.topology;

import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.RawArticle;
import io.newswatch.enrich.Enricher;
import io.newswatch.enrich.dedup.RepeatedArticles;
import io.newswatch.schemas.PublishedAt;
import io.newswatch.schemas.Topic;
import io.newswatch.schemas.Topics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The enrich topology: {@code raw} articles are enriched ({@link Enricher}) and written to
 * {@code enriched}, keyed by article id. An article whose id was seen before on its partition
 * ({@link RepeatedArticles}) is the same article sent again: it is counted
 * ({@value #REPEATS_METRIC}) and neither tagged nor passed on. Ingest keys raw articles by id,
 * so an article's sendings share a partition, and its enriched partition has the number of its
 * raw one (both topics have one partition count); a producer that keys them otherwise loses
 * both: a repeat on another partition is then passed on (the alerts stage counts it as the
 * same text again, see alerts/README.md), and its partition's order depends on timing.
 *
 * <p>Every step runs on every partition, each partition's articles in their order: nothing
 * here sees all articles, and the enriched partition an article lands on, and its place there,
 * do not depend on how many instances run or which of them is slow. Syndicated copies, which
 * come under ids of their own, are passed on as articles of their own: the alerts stage tells
 * them per place, by their fingerprint.
 *
 * <p>The time tagging takes, in milliseconds, is the Kafka Streams metric {@code tagging-latency-avg} and
 * {@code -max} (group {@code stream-newswatch-metrics}), on {@code /metrics} with the others.
 *
 * <p>A record that cannot be read or enriched goes to the dead-letter topic with its reason:
 * the app runs with {@link io.newswatch.schemas.StreamsDefaults}. So does an article dated
 * after its record was written ({@link PublishedAt}).
 */
public final class EnrichTopology {
  // Names of stores and processors: the app's internal topics are <application.id>-<name>-changelog,
  // and its metrics carry the names, so each is named for what it does, without repeating the stage.
  public static final String SEEN_IDS_STORE = "seen-article-ids";
  static final String REPEATS_METRIC = "repeated-articles-dropped";

  private EnrichTopology() {}

  public static Topology build(Topics topics, Enricher enricher) {
    StreamsBuilder builder = new StreamsBuilder();
    build(builder, topics, enricher);
    return builder.build();
  }

  public static void build(StreamsBuilder builder, Topics topics, Enricher enricher) {
    Topic<String, RawArticle> raw = topics.raw();
    Topic<String, EnrichedArticle> enriched = topics.enriched();
    builder.addStateStore(RepeatedArticles.store(SEEN_IDS_STORE));
    builder.stream(raw.name(), Consumed.with(raw.keySerde(), raw.valueSerde()).withName("raw-articles"))
        .filter((id, article) -> article != null, Named.as("skip-tombstones")) // a tombstone on the raw topic means nothing
        .processValues(DateCheck::new, Named.as("date-check"))
        // the enriched topic is keyed by id, whatever key a producer gave
        .selectKey((key, article) -> article.getId(), Named.as("key-by-id"))
        .processValues(RepeatCheck::new, Named.as("drop-repeats"), SEEN_IDS_STORE)
        .processValues(() -> new Tagging(enricher), Named.as("tagging"))
        .to(enriched.name(), Produced.with(enriched.keySerde(), enriched.valueSerde()).withName("enriched-articles"));
  }

  /** Refuses an article dated in the future (see {@link PublishedAt}). */
  private static final class DateCheck implements FixedKeyProcessor<String, RawArticle, RawArticle> {
    private FixedKeyProcessorContext<String, RawArticle> context;

    @Override
    public void init(FixedKeyProcessorContext<String, RawArticle> context) {
      this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, RawArticle> record) {
      PublishedAt.check(record.value().getPublishedAt(), record.timestamp());
      context.forward(record);
    }
  }

  /** Tags the article, timing it. */
  private static final class Tagging implements FixedKeyProcessor<String, RawArticle, EnrichedArticle> {
    private final Enricher enricher;
    private FixedKeyProcessorContext<String, EnrichedArticle> context;
    private Sensor latency;

    Tagging(Enricher enricher) {
      this.enricher = enricher;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, EnrichedArticle> context) {
      this.context = context;
      this.latency = context.metrics().addLatencyRateTotalSensor("newswatch", "enrich-" + context.taskId(),
          "tagging", Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(FixedKeyRecord<String, RawArticle> record) {
      long start = System.nanoTime();
      EnrichedArticle article = enricher.enrich(record.value());
      latency.record((System.nanoTime() - start) / 1e6);
      context.forward(record.withValue(article));
    }

    @Override
    public void close() {
      context.metrics().removeSensor(latency);
    }
  }

  /** Drops an article sent again. */
  private static final class RepeatCheck implements FixedKeyProcessor<String, RawArticle, RawArticle> {
    private FixedKeyProcessorContext<String, RawArticle> context;
    private RepeatedArticles repeated;
    private Sensor repeats;

    @Override
    public void init(FixedKeyProcessorContext<String, RawArticle> context) {
      this.context = context;
      this.repeated = new RepeatedArticles(context.getStateStore(SEEN_IDS_STORE));
      this.repeats = context.metrics().addRateTotalSensor("newswatch", "enrich-" + context.taskId(),
          REPEATS_METRIC, Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(FixedKeyRecord<String, RawArticle> record) {
      if (repeated.firstSighting(record.key(), record.timestamp())) {
        context.forward(record);
      } else {
        repeats.record();
      }
    }

    @Override
    public void close() {
      context.metrics().removeSensor(repeats);
    }
  }
}
