package io.newswatch.alerts.topology;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Progress markers: how far each fan-out task has read its partition of the enriched topic, in
 * ingest time, sent with the articles to every partition of the by-place topic. A detector task
 * holds an article until every fan-out task has passed the article's ingest time, so that no
 * article that sorts before it can still come, and releases it then: as soon as the data allows,
 * with no fixed hold.
 *
 * <p>A fan-out task ({@link Reader}) has passed time T when every article it will still forward
 * was ingested at or after T. It reads its partition in the order enrich wrote it, which follows
 * ingest time to within {@link #DISORDER}, so while articles come it has passed the latest ingest
 * time it read less that. A task that has read nothing for {@link #IDLE_AFTER} has an idle
 * partition: what it reads next was ingested after the wall clock's now less
 * {@link #IDLE_LAG}, the longest a healthy pipeline takes from ingest to here. Those are the
 * two assumptions the order rests on; an article that breaks them (an enrich instance stalled
 * longer than {@link #IDLE_LAG} while the other partitions flow) reaches its detector after
 * articles ingested later than it, and is counted (see {@link DetectProcessor}).
 *
 * <p>A marker is one record with key {@link #KEY}, never a place id (those are decimal), the
 * header {@link #HEADER} and as value the upstream partition and the time it has passed;
 * {@link Multicast} sends it to every partition of the by-place topic (KIP-837), and everything
 * else where the default partitioner would, so that interactive queries still find each place.
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
  /** The longest a healthy pipeline takes from an article's ingest to its fan-out. */
  static final Duration IDLE_LAG = Duration.ofSeconds(5);
  /** How often a fan-out task reports, when it has passed a later time. */
  static final Duration REPORT_EVERY = Duration.ofMillis(100);
  /**
   * How often it reports even when it has not: a detector task that (re)starts knows no
   * upstream's progress until each has reported.
   */
  static final Duration REPEAT_EVERY = Duration.ofSeconds(1);

  private Progress() {}

  /** A marker: upstream partition {@code upstream} has passed {@code passed}; stamped {@code timestamp}. */
  static Record<String, byte[]> marker(int upstream, long passed, long timestamp) {
    Headers headers = new RecordHeaders().add(HEADER, new byte[0]);
    byte[] value = ByteBuffer.allocate(Integer.BYTES + Long.BYTES).putInt(upstream).putLong(passed).array();
    return new Record<>(KEY, value, timestamp, headers);
  }

  static boolean isMarker(Headers headers) {
    Header header = headers.lastHeader(HEADER);
    return header != null;
  }

  /** The partition a marker's value reports on. */
  static int upstream(byte[] marker) {
    return ByteBuffer.wrap(marker).getInt();
  }

  /** The time a marker's value says its partition has passed. */
  static long passed(byte[] marker) {
    return ByteBuffer.wrap(marker).getLong(Integer.BYTES);
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
    private long reported = Long.MIN_VALUE;
    private long reportedAt;

    /** A reader whose task started at wall-clock time {@code now}: not idle before it has had time to read. */
    Reader(long now) {
      this.lastReadAt = now;
      this.reportedAt = now;
    }

    /** The task read an article ingested at {@code ingestedAt}, at wall-clock time {@code now}. */
    void read(long ingestedAt, long now) {
      readUpTo = Math.max(readUpTo, ingestedAt);
      lastReadAt = now;
    }

    /** The time the task has passed at wall-clock time {@code now}, if it knows one. */
    OptionalLong passed(long now) {
      long fromData = readUpTo == Long.MIN_VALUE ? Long.MIN_VALUE : readUpTo - DISORDER.toMillis();
      long passed = now - lastReadAt >= IDLE_AFTER.toMillis()
          ? Math.max(fromData, now - IDLE_LAG.toMillis()) : fromData;
      return passed == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(passed);
    }

    /**
     * The time to report at wall-clock time {@code now}, if a report is due: when the task has
     * passed a later time than it last reported, or {@link #REPEAT_EVERY} after its last report.
     */
    OptionalLong due(long now) {
      OptionalLong passed = passed(now);
      if (passed.isEmpty()
          || passed.getAsLong() <= reported && now - reportedAt < REPEAT_EVERY.toMillis()) {
        return OptionalLong.empty();
      }
      reported = Math.max(reported, passed.getAsLong());
      reportedAt = now;
      return OptionalLong.of(reported);
    }

    /** The latest ingest time read, the stamp of its markers; 0 before any. */
    long readUpTo() {
      return Math.max(0, readUpTo);
    }
  }

  /** A detector task's side: how far each upstream partition has passed. */
  static final class Upstreams {
    private final long[] passed;

    Upstreams(int partitions) {
      this.passed = new long[partitions];
      Arrays.fill(passed, Long.MIN_VALUE);
    }

    /** Takes a marker's report; a report older than one already taken (a repeat, a restart) changes nothing. */
    void report(int upstream, long time) {
      if (upstream < 0 || upstream >= passed.length) {
        throw new IllegalArgumentException("a progress marker from partition " + upstream
            + " of an enriched topic of " + passed.length + " partitions");
      }
      passed[upstream] = Math.max(passed[upstream], time);
    }

    /** The time every upstream partition has passed: none before each has reported. */
    OptionalLong passed() {
      long min = Arrays.stream(passed).min().orElseThrow();
      return min == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(min);
    }
  }
}
