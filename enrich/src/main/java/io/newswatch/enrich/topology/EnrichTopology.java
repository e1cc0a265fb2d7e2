package io.newswatch.enrich.topology;

import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.RawArticle;
import io.newswatch.enrich.Enricher;
import io.newswatch.enrich.dedup.NearDuplicates;
import io.newswatch.enrich.dedup.RepeatedArticles;
import io.newswatch.enrich.dedup.WindowStoreSeenFingerprints;
import io.newswatch.schemas.PublishedAt;
import io.newswatch.schemas.Topic;
import io.newswatch.schemas.Topics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The enrich topology: {@code raw} articles are enriched ({@link Enricher}), marked when they
 * copy an article seen before ({@link NearDuplicates}) and written to {@code enriched}, keyed
 * by article id. An article whose id was seen before ({@link RepeatedArticles}) is the same
 * article sent again: it is counted ({@value #REPEATS_METRIC}) and not passed on.
 *
 * <p>Copies of one story arrive under different ids, so on different partitions: the
 * duplicate check runs after a repartition to a single partition, where one state store sees
 * every article. That step is cheap (a lookup in memory per article, and a store write per
 * original); the enrichment before it runs on all partitions. The store is a window store
 * whose retention, twice the duplicate horizon (2 days by default), bounds it; the index in
 * memory is built from it when the task starts.
 *
 * <p>The time tagging takes, in milliseconds, is the Kafka Streams metric {@code tagging-latency-avg} and
 * {@code -max} (group {@code stream-newswatch-metrics}), on {@code /metrics} with the others.
 *
 * <p>A record that cannot be read or enriched goes to the dead-letter topic with its reason:
 * the app runs with {@link io.newswatch.schemas.StreamsDefaults}. So does an article dated
 * after its record was written ({@link PublishedAt}).
 */
public final class EnrichTopology {
  // Names of stores, processors and the repartition topic: the app's internal topics are
  // <application.id>-<name>-changelog and -repartition, and its metrics carry the names, so
  // each is named for what it does, without repeating the stage.
  public static final String SEEN_STORE = "seen-fingerprint-ids";
  public static final String SEEN_IDS_STORE = "seen-article-ids";
  static final String REPEATS_METRIC = "repeated-articles-dropped";
  /** Names the repartition topic: {@code <application.id>-duplicate-check-repartition}. */
  public static final String DEDUP_REPARTITION = "duplicate-check";

  private EnrichTopology() {}

  public static Topology build(Topics topics, Enricher enricher) {
    StreamsBuilder builder = new StreamsBuilder();
    build(builder, topics, enricher);
    return builder.build();
  }

  public static void build(StreamsBuilder builder, Topics topics, Enricher enricher) {
    Topic<String, RawArticle> raw = topics.raw();
    Topic<String, EnrichedArticle> enriched = topics.enriched();
    addDuplicateCheckStores(builder);
    builder.stream(raw.name(), Consumed.with(raw.keySerde(), raw.valueSerde()).withName("raw-articles"))
        .filter((id, article) -> article != null, Named.as("skip-tombstones")) // a tombstone on the raw topic means nothing
        .processValues(DateCheck::new, Named.as("date-check"))
        // keyed by id even when a producer gave no key, which the repartition would drop silently
        .selectKey((key, article) -> article.getId(), Named.as("key-by-id"))
        .processValues(() -> new Tagging(enricher), Named.as("tagging"))
        .repartition(Repartitioned.with(enriched.keySerde(), enriched.valueSerde())
            .withName(DEDUP_REPARTITION).withNumberOfPartitions(1))
        .processValues(DuplicateMarker::new, Named.as("mark-duplicates"), SEEN_STORE, SEEN_IDS_STORE)
        .to(enriched.name(), Produced.with(enriched.keySerde(), enriched.valueSerde()).withName("enriched-articles"));
  }

  /**
   * Adds the duplicate check's stores, {@value #SEEN_STORE} and {@value #SEEN_IDS_STORE}, to
   * {@code builder}: here, and in the bench's pass-through of this topology's shape.
   */
  public static void addDuplicateCheckStores(StreamsBuilder builder) {
    builder.addStateStore(WindowStoreSeenFingerprints.store(SEEN_STORE, NearDuplicates.DEFAULT_HORIZON.multipliedBy(2)));
    builder.addStateStore(RepeatedArticles.store(SEEN_IDS_STORE));
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

  /**
   * Drops an article sent again, and sets duplicateOf from the seen-fingerprint store. Its
   * index is built from the store on the first article after the task (re)starts, so it holds
   * what the restored store holds.
   */
  private static final class DuplicateMarker implements FixedKeyProcessor<String, EnrichedArticle, EnrichedArticle> {
    private FixedKeyProcessorContext<String, EnrichedArticle> context;
    private NearDuplicates nearDuplicates;
    private RepeatedArticles repeated;
    private Sensor repeats;

    @Override
    public void init(FixedKeyProcessorContext<String, EnrichedArticle> context) {
      this.context = context;
      this.nearDuplicates = null;
      this.repeated = new RepeatedArticles(context.getStateStore(SEEN_IDS_STORE));
      this.repeats = context.metrics().addRateTotalSensor("newswatch", "enrich-" + context.taskId(),
          REPEATS_METRIC, Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(FixedKeyRecord<String, EnrichedArticle> record) {
      if (!repeated.firstSighting(record.key(), record.timestamp())) {
        repeats.record();
        return;
      }
      if (nearDuplicates == null) {
        nearDuplicates = new NearDuplicates(new WindowStoreSeenFingerprints(context.getStateStore(SEEN_STORE)));
      }
      EnrichedArticle article = record.value();
      article.setDuplicateOf(nearDuplicates.duplicateOf(article));
      context.forward(record.withValue(article));
    }

    @Override
    public void close() {
      context.metrics().removeSensor(repeats);
    }
  }
}
