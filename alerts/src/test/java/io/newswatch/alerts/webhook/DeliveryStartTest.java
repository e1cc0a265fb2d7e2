package io.newswatch.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.avro.Level;
import io.newswatch.avro.PayloadFormat;
import io.newswatch.avro.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class DeliveryStartTest {
  static final TopicPartition P0 = new TopicPartition("news.alerts", 0);
  static final TopicPartition P1 = new TopicPartition("news.alerts", 1);
  static final TopicPartition P2 = new TopicPartition("news.alerts", 2);

  final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());

  static Subscription subscription(List<Long> alertOffsets) {
    return Subscription.newBuilder().setId("s1").setUrl("https://desk.example.org/hook").setSecret("s".repeat(16))
        .setMinLevel(Level.ELEVATED).setFormat(PayloadFormat.JSON).setCreatedAt(Instant.parse("2026-12-01T00:00:00Z"))
        .setAlertOffsets(alertOffsets).build();
  }

  @Test
  void aSubscriptionStartsAtTheEndsTheAlertsHadWhenItWasMadeAndAtTheBeginningOfALaterPartition() {
    consumer.assign(List.of(P0, P1, P2));
    consumer.updateEndOffsets(Map.of(P0, 50L, P1, 70L, P2, 5L));

    DeliveryStart.seek(consumer, subscription(List.of(12L, 40L)), List.of(P0, P1, P2));

    assertThat(consumer.position(P0)).isEqualTo(12);
    assertThat(consumer.position(P1)).isEqualTo(40);
    assertThat(consumer.position(P2)).as("added after the subscription").isZero();
  }

  @Test
  void onlyPartitionsWithoutACommittedPositionAreMoved() {
    consumer.assign(List.of(P0, P1));
    consumer.seek(P1, 66);

    DeliveryStart.seek(consumer, subscription(List.of(12L, 40L)), List.of(P0));

    assertThat(consumer.position(P0)).isEqualTo(12);
    assertThat(consumer.position(P1)).isEqualTo(66);
  }

  @Test
  void aSubscriptionWrittenWithoutOffsetsStartsAtItsCreationTimeOrAtTheEnd() {
    long createdAt = subscription(List.of()).getCreatedAt().toEpochMilli();
    MockConsumer<byte[], byte[]> byTime = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name()) {
      @Override
      public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> times) {
        assertThat(times).containsOnly(Map.entry(P0, createdAt), Map.entry(P1, createdAt));
        Map<TopicPartition, OffsetAndTimestamp> found = new HashMap<>();
        found.put(P0, new OffsetAndTimestamp(30, createdAt + 5));
        found.put(P1, null); // nothing that recent
        return found;
      }
    };
    byTime.assign(List.of(P0, P1));
    byTime.updateEndOffsets(Map.of(P0, 50L, P1, 70L));

    DeliveryStart.seek(byTime, subscription(List.of()), List.of(P0, P1));

    assertThat(byTime.position(P0)).isEqualTo(30);
    assertThat(byTime.position(P1)).isEqualTo(70);
  }

  @Test
  void aSubscriptionMadeRightAfterTheAlertsTopicWasCreatedBeginsAtItsOffsetsNotAtItsCreationTime() {
    // A broker answers as if a topic just created did not exist until the new metadata reaches
    // it; a subscription recorded then without offsets would skip the first alerts.
    AtomicInteger asked = new AtomicInteger();
    MockConsumer<byte[], byte[]> justCreated = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name()) {
      @Override
      public synchronized List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
        return asked.incrementAndGet() < 3 ? List.of() : List.of(
            new PartitionInfo(topic, 1, null, null, null), new PartitionInfo(topic, 0, null, null, null));
      }
    };
    justCreated.updateEndOffsets(Map.of(P0, 0L, P1, 2L));

    assertThat(DeliveryStart.currentEnds(justCreated, "news.alerts")).containsExactly(0L, 2L);
  }

  @Test
  void aDeliveryThatKeepsFailingIsStartedAgainLessAndLessOftenButAtLeastEveryMinute() {
    assertThat(WebhookDelivery.pause(0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(WebhookDelivery.pause(3)).isEqualTo(Duration.ofSeconds(8));
    assertThat(WebhookDelivery.pause(40)).isEqualTo(Duration.ofMinutes(1));
  }
}
