package io.newswatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

class TopicReaderTest {
  /** Answers for {@code topic} as a broker does before a topic just created reaches its metadata. */
  static MockConsumer<byte[], byte[]> knownAfter(int unknownAnswers, AtomicInteger asked) {
    return new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name()) {
      @Override
      public synchronized List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
        return asked.incrementAndGet() <= unknownAnswers ? List.of() : List.of(
            new PartitionInfo(topic, 1, null, null, null), new PartitionInfo(topic, 0, null, null, null));
      }
    };
  }

  @Test
  void aTopicJustCreatedIsReadWithAllItsPartitionsOnceTheBrokerKnowsIt() {
    AtomicInteger asked = new AtomicInteger();

    List<TopicPartition> partitions = TopicReader.partitionsOf(knownAfter(2, asked), "news.alerts");

    assertThat(partitions).containsExactly(new TopicPartition("news.alerts", 0), new TopicPartition("news.alerts", 1));
    assertThat(asked).hasValue(3);
  }

  @Test
  void aTopicThatStaysUnknownIsAnErrorNotATopicWithoutPartitions() {
    assertThatThrownBy(() -> TopicReader.partitionsOf(knownAfter(Integer.MAX_VALUE, new AtomicInteger()),
        "news.alerts", Duration.ofMillis(50), Duration.ofMillis(10)))
        .isInstanceOf(UnknownTopicOrPartitionException.class).hasMessage("topic news.alerts does not exist");
  }
}
