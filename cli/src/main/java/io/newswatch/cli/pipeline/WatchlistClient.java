package io.newswatch.cli.pipeline;

import io.newswatch.avro.Watch;
import io.newswatch.schemas.Topic;
import io.newswatch.schemas.Topics;
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

/** Reads and edits the compacted watchlist topic: one record per place, a tombstone removes it. */
public final class WatchlistClient {
  private final Properties clientProperties;
  private final Topic<String, Watch> topic;

  public WatchlistClient(Properties clientProperties, Topics topics) {
    this.clientProperties = clientProperties;
    this.topic = topics.watchlist();
  }

  public void add(Watch watch) {
    send(Long.toString(watch.getPlaceId()), watch);
  }

  public void remove(long placeId) {
    send(Long.toString(placeId), null);
  }

  private void send(String key, Watch watch) {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put("acks", "all");
    try (var producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), key, watch)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot write to " + topic.name() + ": " + e.getCause().getMessage(), e);
    }
  }

  /** The current watchlist: the topic read from its start to its end, latest value per place. */
  public Map<Long, Watch> list() {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put("isolation.level", "read_committed");
    Map<Long, Watch> watches = new TreeMap<>();
    try (var consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          long id = Long.parseLong(record.key());
          if (record.value() == null) {
            watches.remove(id);
          } else {
            watches.put(id, record.value());
          }
        }
      }
    }
    return watches;
  }
}
