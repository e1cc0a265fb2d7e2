package io.newswatch.alerts.webhook;

import io.newswatch.avro.Subscription;
import io.newswatch.schemas.TopicReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Where a subscription's delivery begins: at the end news.alerts had when the subscription
 * was made. Offsets, not timestamps: an alert record carries the time of the article that
 * raised it, which can be older than the subscription although the alert was published after.
 */
public final class DeliveryStart {
  private DeliveryStart() {}

  /**
   * The end of each news.alerts partition now, by partition number, for
   * {@link Subscription#getAlertOffsets()}. Read committed: an alert in a transaction still
   * open is published after this, and is delivered.
   */
  public static List<Long> currentEnds(Properties client, String alertsTopic) {
    Properties props = new Properties();
    props.putAll(client);
    props.put("isolation.level", "read_committed");
    try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      return currentEnds(consumer, alertsTopic);
    }
  }

  /**
   * Never empty: an empty list is what a subscription written before offsets were kept has, and
   * such a one begins at its creation time, which alerts carrying older article times never
   * reach, so it would skip every alert published before its delivery first started.
   */
  static List<Long> currentEnds(Consumer<?, ?> consumer, String alertsTopic) {
    List<TopicPartition> partitions = new ArrayList<>(TopicReader.partitionsOf(consumer, alertsTopic));
    if (partitions.isEmpty()) {
      throw new IllegalStateException("no partitions of " + alertsTopic);
    }
    partitions.sort(Comparator.comparingInt(TopicPartition::partition));
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    return partitions.stream().map(ends::get).toList();
  }

  /** Moves {@code consumer} to where {@code subscription} begins on partitions it has no position for. */
  static void seek(Consumer<?, ?> consumer, Subscription subscription, Collection<TopicPartition> uncommitted) {
    List<Long> ends = subscription.getAlertOffsets();
    if (!ends.isEmpty()) {
      // a partition beyond the list was added after the subscription: all of it is newer
      uncommitted.forEach(p -> consumer.seek(p, p.partition() < ends.size() ? ends.get(p.partition()) : 0L));
      return;
    }
    long createdAt = subscription.getCreatedAt().toEpochMilli();
    Map<TopicPartition, Long> times = uncommitted.stream().collect(Collectors.toMap(Function.identity(), p -> createdAt));
    List<TopicPartition> nothingThatRecent = new ArrayList<>();
    consumer.offsetsForTimes(times).forEach((p, found) -> {
      if (found == null) {
        nothingThatRecent.add(p);
      } else {
        consumer.seek(p, found.offset());
      }
    });
    consumer.seekToEnd(nothingThatRecent);
  }
}
