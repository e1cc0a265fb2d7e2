package io.newswatch.ingest.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic from a point in time to its current end, without a consumer group. */
final class TopicReader {
  private TopicReader() {}

  static void readToEnd(Properties client, String topic, Instant from, BiConsumer<byte[], byte[]> each) {
    Properties props = new Properties();
    props.putAll(client);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "newswatch-ingest-reader-" + UUID.randomUUID());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      // offsetsForTimes maps a partition with nothing that recent to null: start at its end.
      consumer.offsetsForTimes(partitions.stream().collect(Collectors.toMap(p -> p, p -> from.toEpochMilli())))
          .forEach((p, found) -> consumer.seek(p, found == null ? end.get(p) : found.offset()));
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          each.accept(r.key(), r.value());
        }
      }
    }
  }
}
