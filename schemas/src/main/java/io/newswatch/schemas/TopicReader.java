package io.newswatch.schemas;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads topics without a consumer group: from a point in time to the current end. */
public final class TopicReader {
  private TopicReader() {}

  /** Every committed record of {@code topic} from {@code from} to the topic's end when called. */
  public static void readToEnd(Properties client, String topic, Instant from,
      Consumer<ConsumerRecord<byte[], byte[]>> each) {
    readToEnd(client, topic, from, Long.MAX_VALUE, each);
  }

  /**
   * The same, but at most about {@code maxRecords} records, the latest of each partition (its
   * share, rounded up): the work is bounded whatever the topic holds.
   */
  public static void readToEnd(Properties client, String topic, Instant from, long maxRecords,
      Consumer<ConsumerRecord<byte[], byte[]>> each) {
    Properties props = new Properties();
    props.putAll(client);
    props.put("enable.auto.commit", "false");
    props.put("isolation.level", "read_committed");
    try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = partitionsOf(consumer, topic);
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long maxPerPartition = maxRecords == Long.MAX_VALUE ? maxRecords
          : (maxRecords + partitions.size() - 1) / Math.max(1, partitions.size());
      // offsetsForTimes maps a partition with nothing that recent to null: start at its end.
      consumer.offsetsForTimes(partitions.stream().collect(Collectors.toMap(p -> p, p -> from.toEpochMilli())))
          .forEach((p, found) -> consumer.seek(p, Math.max(found == null ? end.get(p) : found.offset(),
              end.get(p) - Math.min(maxPerPartition, end.get(p)))));
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(each);
      }
    }
  }

  /** How long a topic may stay unknown to the broker asked before it is taken not to exist. */
  static final Duration UNKNOWN_TOPIC_WAIT = Duration.ofSeconds(15);

  /**
   * The partitions of {@code topic}, to assign a consumer to all of them; never empty. A broker
   * answers for a topic just created as if it did not exist until the new metadata reaches it,
   * and an empty list taken as the topic's partitions makes a reader see nothing, for good (a
   * subscription made then would begin at no offsets). So an unknown topic is asked for again
   * for a while, and {@link UnknownTopicOrPartitionException} thrown if it stays unknown.
   */
  public static List<TopicPartition> partitionsOf(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
      String topic) {
    return partitionsOf(consumer, topic, UNKNOWN_TOPIC_WAIT, Duration.ofMillis(100));
  }

  static List<TopicPartition> partitionsOf(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, String topic,
      Duration wait, Duration retry) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      List<PartitionInfo> found = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      if (found != null && !found.isEmpty()) {
        return found.stream().map(p -> new TopicPartition(topic, p.partition()))
            .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new UnknownTopicOrPartitionException("topic " + topic + " does not exist");
      }
      try {
        Thread.sleep(retry.toMillis());
      } catch (InterruptedException e) {
        throw new InterruptException(e);
      }
    }
  }
}
