package io.newswatch.bench;

import io.newswatch.alerts.topology.AlertsTopology;
import io.newswatch.enrich.dedup.RepeatedArticles;
import io.newswatch.enrich.topology.EnrichTopology;
import io.newswatch.schemas.Topics;
import io.newswatch.bench.WrittenRecords.Sample;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The pipeline's two Streams topologies with the work taken out, the ceiling {@code bench e2e}
 * holds the pipeline against: the same topics, the same repartitions to the same partition
 * counts, a write to a store of the same kind (and so to its changelog) where the real processor
 * writes one for each record, and processors that only copy bytes: those of records the real
 * stages wrote ({@link Shape}), so of their sizes and as compressible. Run with the stages' settings (exactly-once, compressed) on
 * the same broker, it goes as fast as the shape itself lets the pipeline go.
 *
 * <p>Left out: the detector's own state (the places' summaries and stories) and the alerts,
 * which are the detector's work rather than the way its records move.
 */
public final class PassThrough {
  /**
   * Records the real stages wrote, kept as they ran ({@link WrittenRecords}), which the
   * pass-through's processors write again in turn.
   *
   * @param enriched enriched articles, as written to the enriched topic; at least one
   * @param copies fan-out copies, one per watched place an article names, with their headers
   * @param copiesPerArticle fan-out copies per article: 0 with watching off, as then the fan-out
   *     copies nothing
   */
  public record Shape(List<Sample> enriched, List<Sample> copies, double copiesPerArticle) {
    public Shape {
      if (enriched.isEmpty() || (copiesPerArticle > 0 && copies.isEmpty())) {
        throw new IllegalArgumentException("no records of the stages to copy");
      }
    }

    /** The mean bytes of an enriched article. */
    public double enrichedBytes() {
      return enriched.stream().mapToInt(Sample::bytes).average().orElse(0);
    }

    /** The mean bytes of a copy, value and headers. */
    public double copyBytes() {
      return copies.stream().mapToInt(Sample::bytes).average().orElse(0);
    }
  }

  private PassThrough() {}

  /**
   * Enrich's shape: each raw article's id written to the repeat check's store, and the article
   * replaced by an enriched one, copied in turn, passed on to the enriched topic.
   */
  public static Topology enrich(Topics topics, Shape shape) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(RepeatedArticles.store(EnrichTopology.SEEN_IDS_STORE));
    builder.stream(topics.raw().name(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .processValues(RepeatCheckWrites::new, EnrichTopology.SEEN_IDS_STORE)
        .processValues(() -> new InTurn(shape.enriched()))
        .to(topics.enriched().name(), Produced.with(Serdes.String(), Serdes.ByteArray()));
    return builder.build();
  }

  /**
   * The alerts stage's shape: the watchlist read as a global table; each enriched article counted
   * in a cached store, as the feed's volume is, and replaced by {@link Shape#copiesPerArticle}
   * copies on average, through the repartition topic, into a store and out
   * of it again, as the reorder buffer holds and then releases each copy.
   */
  public static Topology alerts(Topics topics, Shape shape) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.globalTable(topics.watchlist().name(), Consumed.with(Serdes.String(), Serdes.ByteArray()),
        Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(AlertsTopology.WATCHLIST_STORE)
            .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AlertsTopology.FEED_VOLUME_STORE),
        Serdes.String(), Serdes.ByteArray()).withCachingEnabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AlertsTopology.REORDER_STORE),
        Serdes.String(), Serdes.ByteArray()));
    builder.stream(topics.enriched().name(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .process(() -> new FanOutCopies(shape), Named.as("watched-places"), AlertsTopology.FEED_VOLUME_STORE)
        .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName(AlertsTopology.BY_PLACE))
        .process(ReorderBufferWrites::new, Named.as("detect"), AlertsTopology.REORDER_STORE);
    return builder.build();
  }

  /** The next of {@code samples}, from the first again after the last. */
  private static final class Turns {
    private final List<Sample> samples;
    private int next;

    Turns(List<Sample> samples) {
      this.samples = samples;
    }

    Sample next() {
      Sample sample = samples.get(next);
      next = (next + 1) % samples.size();
      return sample;
    }
  }

  /** Replaces each record's value with a copy of the next sample's. */
  private static final class InTurn implements FixedKeyProcessor<String, byte[], byte[]> {
    private final Turns samples;
    private FixedKeyProcessorContext<String, byte[]> context;

    InTurn(List<Sample> samples) {
      this.samples = new Turns(samples);
    }

    @Override
    public void init(FixedKeyProcessorContext<String, byte[]> context) {
      this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
      context.forward(record.withValue(samples.next().value().clone()));
    }
  }

  /** Writes each article's id to the repeat check's store, as it does an article seen first. */
  private static final class RepeatCheckWrites implements FixedKeyProcessor<String, byte[], byte[]> {
    private FixedKeyProcessorContext<String, byte[]> context;
    private WindowStore<String, Long> ids;

    @Override
    public void init(FixedKeyProcessorContext<String, byte[]> context) {
      this.context = context;
      this.ids = context.getStateStore(EnrichTopology.SEEN_IDS_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
      ids.put(record.key(), record.timestamp(), record.timestamp());
      context.forward(record);
    }
  }

  /**
   * Counts each article in its store and sends copies in its place: over any run of articles, as
   * many as {@link Shape#copiesPerArticle} times their number, each keyed apart, as by their places.
   */
  private static final class FanOutCopies implements Processor<String, byte[], String, byte[]> {
    private final Shape shape;
    private final Turns copies;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> volume;
    private long articles;
    /** Copies owed so far and not yet sent: always below one. */
    private double owed;

    FanOutCopies(Shape shape) {
      this.shape = shape;
      this.copies = new Turns(shape.copies());
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
      this.context = context;
      this.volume = context.getStateStore(AlertsTopology.FEED_VOLUME_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
      volume.put("feed", ByteBuffer.allocate(Long.BYTES).putLong(++articles).array());
      owed += shape.copiesPerArticle();
      for (int copy = 0; copy < (int) owed; copy++) {
        Sample sample = copies.next();
        context.forward(record.withKey(record.key() + "/" + copy).withValue(sample.value().clone())
            .withHeaders(new RecordHeaders(sample.headers())));
      }
      owed -= (int) owed;
    }
  }

  /** Puts each copy into the reorder buffer's store and takes it out again, as the buffer releases it. */
  private static final class ReorderBufferWrites implements Processor<String, byte[], Void, Void> {
    private KeyValueStore<String, byte[]> buffer;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      this.buffer = context.getStateStore(AlertsTopology.REORDER_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
      buffer.put(record.key(), record.value());
      buffer.delete(record.key());
    }
  }
}
