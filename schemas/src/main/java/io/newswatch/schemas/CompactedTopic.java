package io.newswatch.schemas;

import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A compacted topic used as a small table (the watchlist, webhook subscriptions, feed
 * state): put a value under a key, remove it with a tombstone, read the latest value of
 * every key.
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
    Map<String, V> table = new TreeMap<>();
    TopicReader.readToEnd(clientProperties, topic.name(), Instant.EPOCH, record -> {
      String key = topic.keySerde().deserializer().deserialize(topic.name(), record.key());
      if (record.value() == null) {
        table.remove(key);
      } else {
        table.put(key, topic.valueSerde().deserializer().deserialize(topic.name(), record.value()));
      }
    });
    return table;
  }
}
