package io.newswatch.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.alerts.topology.UpstreamCaughtUp;
import io.newswatch.cli.broker.LocalBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts stage takes the enrich stage to have caught up only once its group has committed
 * every raw partition to its end, as read from a real broker: an empty topic at once, a topic
 * with articles not yet read never, until the group commits past them.
 */
class EnrichCaughtUpIT {
  @TempDir Path dir;

  @Test
  void caughtUpOnlyOnceTheGroupHasReadEveryPartitionToItsEnd() throws Exception {
    try (LocalBroker broker = LocalBroker.startOnFreePorts(dir);
         Admin admin = Admin.create(broker.clientProperties())) {
      Properties client = broker.clientProperties();
      admin.createTopics(List.of(new NewTopic("raw", 2, (short) 1))).all().get();
      long start = System.currentTimeMillis();
      try (EnrichCaughtUp caughtUp = EnrichCaughtUp.watch(client, "enrich", "raw")) {
        await().atMost(Duration.ofSeconds(30)).until(() -> caughtUp.at(Long.MAX_VALUE) >= start);
        assertThat(caughtUp.at(Long.MAX_VALUE)).as("not before the leaders it first saw have settled")
            .isGreaterThanOrEqualTo(start + UpstreamCaughtUp.IDLE_LAG.toMillis());

        try (var producer = new KafkaProducer<>(client, new StringSerializer(), new StringSerializer())) {
          producer.send(new ProducerRecord<>("raw", 0, "a", "article a")).get();
          producer.send(new ProducerRecord<>("raw", 1, "b", "article b")).get();
        }
        long written = System.currentTimeMillis();
        Thread.sleep(4 * EnrichCaughtUp.EVERY.toMillis());
        assertThat(caughtUp.at(Long.MAX_VALUE)).as("two articles not read").isLessThan(written);

        admin.alterConsumerGroupOffsets("enrich", Map.of(new TopicPartition("raw", 0), new OffsetAndMetadata(1))).all().get();
        Thread.sleep(4 * EnrichCaughtUp.EVERY.toMillis());
        assertThat(caughtUp.at(Long.MAX_VALUE)).as("one partition read, not the other").isLessThan(written);

        admin.alterConsumerGroupOffsets("enrich", Map.of(new TopicPartition("raw", 1), new OffsetAndMetadata(1))).all().get();
        await().atMost(Duration.ofSeconds(30)).until(() -> caughtUp.at(Long.MAX_VALUE) >= written);
        assertThat(caughtUp.at(written)).as("never later than now").isEqualTo(written);
      }
    }
  }
}
