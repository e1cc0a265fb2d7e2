package io.newswatch.cli.pipeline;

import io.newswatch.schemas.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A compacted topic used as a small table (the watchlist, the webhook subscriptions): put
 * a value under a key, remove it with a tombstone, read the latest value of every key.
 */
public final class CompactedTopic<V> {
  private final Properties clientProperties;
  private final Topic<String, V> topic;

  public CompactedTopic(Properties clientProperties, Topic<String, V> topic) {
    this.clientProperties = clientProperties;
    this.topic = topic;
  }

  /** Stores {@code value} under {@code key}; null removes the key. Returns once the broker has it. */
  public void put(String key, V value) {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put("acks", "all");
    try (var producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot write to " + topic.name() + ": " + e.getCause().getMessage(), e);
    }
  }

  /** The latest value of every key: the topic read from its start to its end, sorted by key. */
  public Map<String, V> readAll() {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put("isolation.level", "read_committed");
    Map<String, V> table = new TreeMap<>();
    try (var consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() == null) {
            table.remove(record.key());
          } else {
            table.put(record.key(), record.value());
          }
        }
      }
    }
    return table;
  }
}
