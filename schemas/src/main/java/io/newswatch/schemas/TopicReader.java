package io.newswatch.schemas;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
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

  /** The partitions of {@code topic}, to assign a consumer to all of them. */
  public static List<TopicPartition> partitionsOf(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
      String topic) {
    return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
  }
}
