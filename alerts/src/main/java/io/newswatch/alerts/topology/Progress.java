package io.newswatch.alerts.topology;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Progress markers: how far each fan-out task has read its partition of the enriched topic, in
 * ingest time, sent with the articles to every partition of the by-place topic. A detector task
 * holds an article until no article that sorts before it can still come, and releases it then:
 * as soon as the data allows, with no fixed hold.
 *
 * <p>A fan-out task reads its partition in the order enrich wrote it, which follows ingest time
 * to within {@link #DISORDER}: so it has passed the latest ingest time it read, less that. A
 * detector task has seen every article ingested before the least of those times over all its
 * upstream partitions. That alone would hold a feed's last articles until the next ones come,
 * so a task that has read nothing for {@link #IDLE_AFTER} also says its partition is idle; when
 * every upstream partition is idle, the whole feed has paused, and what comes next was ingested
 * after the last time the enrich stage had read all its input ({@link UpstreamCaughtUp}, by the
 * wall clock) less {@link UpstreamCaughtUp#IDLE_LAG}, the longest a healthy pipeline takes from ingest to here.
 * A stalled enrich stage looks paused from here too, but is not caught up: the detectors then
 * hold what they have until its articles come. A fan-out task reports only what changed, so an idle pipeline writes
 * nothing; a detector task keeps the reports in a store, so a restarted one knows them. A
 * fan-out task that stops reporting while the others flow (its instance killed) holds every
 * later article back until it runs again. An article that still breaks the order (an enriched
 * partition out of order by more than {@link #DISORDER}, ingest held up for longer than
 * {@link UpstreamCaughtUp#IDLE_LAG} between stamping an article and writing it for another reason
 * than a raw partition without a leader) reaches its detector after articles ingested later than
 * it, and is counted (see {@link DetectProcessor}).
 *
 * <p>A marker is one record with key {@link #KEY}, never a place id (those are decimal), the
 * header {@link #HEADER} and as value the upstream partition, the time its data has passed and
 * whether it is idle; {@link Multicast} sends it to every partition of the by-place topic
 * (KIP-837), and everything else where the default partitioner would, so that interactive
 * queries still find each place.
 */
final class Progress {
  /** The key of every marker. */
  static final String KEY = "progress";
  /** The header that makes a record a marker. */
  static final String HEADER = "newswatch-progress";
  /** How far a partition of the enriched topic may run out of ingest order. */
  static final Duration DISORDER = Duration.ofSeconds(2);
  /** A fan-out task that has read nothing for this long (wall clock) has an idle partition. */
  static final Duration IDLE_AFTER = Duration.ofSeconds(1);
  /** How often a fan-out task reports, when its report has changed. */
  static final Duration REPORT_EVERY = Duration.ofMillis(100);

  private Progress() {}

  /** What a fan-out task has passed, by the articles it read, and whether its partition is idle. */
  record Report(long byData, boolean idle) {
    private static final int BYTES = Long.BYTES + 1;

    /**
     * The time passed when every upstream partition is idle and the stage before them had read
     * all its input at wall-clock time {@code caughtUp} ({@link UpstreamCaughtUp}).
     */
    long whenAllIdle(long caughtUp) {
      return Math.max(byData, caughtUp - UpstreamCaughtUp.IDLE_LAG.toMillis());
    }

    byte[] bytes() {
      return writeTo(ByteBuffer.allocate(BYTES)).array();
    }

    ByteBuffer writeTo(ByteBuffer buffer) {
      return buffer.putLong(byData).put((byte) (idle ? 1 : 0));
    }

    static Report of(byte[] bytes) {
      return readFrom(ByteBuffer.wrap(bytes));
    }

    static Report readFrom(ByteBuffer buffer) {
      return new Report(buffer.getLong(), buffer.get() != 0);
    }
  }

  /** A marker: upstream partition {@code upstream} has passed {@code report}; stamped {@code timestamp}. */
  static Record<String, byte[]> marker(int upstream, Report report, long timestamp) {
    Headers headers = new RecordHeaders().add(HEADER, new byte[0]);
    byte[] value = report.writeTo(ByteBuffer.allocate(Integer.BYTES + Report.BYTES).putInt(upstream)).array();
    return new Record<>(KEY, value, timestamp, headers);
  }

  static boolean isMarker(Headers headers) {
    return headers.lastHeader(HEADER) != null;
  }

  /** The partition a marker's value reports on. */
  static int upstream(byte[] marker) {
    return ByteBuffer.wrap(marker).getInt();
  }

  /** What a marker's value says its partition has passed. */
  static Report report(byte[] marker) {
    return Report.readFrom(ByteBuffer.wrap(marker, Integer.BYTES, marker.length - Integer.BYTES));
  }

  /** Sends markers to every partition, everything else where the default partitioner would. */
  static final class Multicast implements StreamPartitioner<String, byte[]> {
    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, byte[] value, int numPartitions) {
      if (!KEY.equals(key)) {
        return Optional.empty(); // the producer's partitioner: the murmur2 hash of the key, as Streams' own
      }
      return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
    }
  }

  /** A fan-out task's side: what it has read and what it has reported. */
  static final class Reader {
    private long readUpTo = Long.MIN_VALUE;
    private long lastReadAt;
    private Report reported;

    /** A reader whose task started at wall-clock time {@code now}: not idle before it has had time to read. */
    Reader(long now) {
      this.lastReadAt = now;
    }

    /** The task read an article ingested at {@code ingestedAt}, at wall-clock time {@code now}. */
    void read(long ingestedAt, long now) {
      readUpTo = Math.max(readUpTo, ingestedAt);
      lastReadAt = now;
    }

    /** What the task has passed at wall-clock time {@code now}. */
    Report passed(long now) {
      long byData = readUpTo == Long.MIN_VALUE ? Long.MIN_VALUE : readUpTo - DISORDER.toMillis();
      return new Report(byData, now - lastReadAt >= IDLE_AFTER.toMillis());
    }

    /** The report to send at wall-clock time {@code now}, if it differs from the last one sent. */
    Optional<Report> due(long now) {
      Report passed = passed(now);
      if (passed.equals(reported)) {
        return Optional.empty();
      }
      reported = passed;
      return Optional.of(passed);
    }

    /** The latest ingest time read, the stamp of its markers; 0 before any. */
    long readUpTo() {
      return Math.max(0, readUpTo);
    }
  }

  /** A detector task's side: what each upstream partition last reported, kept in a store. */
  static final class Upstreams {
    private final Report[] reports;
    private final KeyValueStore<Integer, byte[]> store;

    /** The reports of {@code partitions} upstream partitions, as {@code store} keeps them. */
    Upstreams(int partitions, KeyValueStore<Integer, byte[]> store) {
      this.reports = new Report[partitions];
      this.store = store;
      try (var kept = store.all()) {
        kept.forEachRemaining(kv -> {
          if (kv.key >= 0 && kv.key < partitions) {
            reports[kv.key] = Report.of(kv.value);
          }
        });
      }
    }

    /**
     * Takes a marker's report. Its time by data never goes back (a fan-out task that restarted
     * reports from what it read since); whether it is idle is the latest report's.
     */
    void report(int upstream, Report report) {
      if (upstream < 0 || upstream >= reports.length) {
        throw new IllegalArgumentException("a progress marker from partition " + upstream
            + " of an enriched topic of " + reports.length + " partitions");
      }
      Report last = reports[upstream];
      Report merged = last == null ? report : new Report(Math.max(last.byData(), report.byData()), report.idle());
      reports[upstream] = merged;
      store.put(upstream, merged.bytes());
    }

    /**
     * The time every upstream partition has passed: by their data, or when all are idle by the
     * wall-clock time {@code caughtUp} at which the stage before them had last read all its input
     * too; none before each has reported.
     */
    OptionalLong passed(long caughtUp) {
      if (Arrays.stream(reports).anyMatch(r -> r == null)) {
        return OptionalLong.empty();
      }
      boolean allIdle = Arrays.stream(reports).allMatch(Report::idle);
      long min = Arrays.stream(reports).mapToLong(r -> allIdle ? r.whenAllIdle(caughtUp) : r.byData()).min().orElseThrow();
      return min == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(min);
    }
  }
}
