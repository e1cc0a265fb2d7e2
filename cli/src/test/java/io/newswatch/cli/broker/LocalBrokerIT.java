package io.newswatch.cli.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in broker runs transactions v1 (why: {@link LocalBroker#TRANSACTION_VERSION}),
 * also on a log an earlier newswatch left at Kafka 4.4's default, v2.
 */
class LocalBrokerIT {
  @TempDir Path dir;

  @Test
  void runsTransactionsV1AndSetsABrokerLeftAtV2BackToV1WithItsTransactionsIntact() throws Exception {
    try (LocalBroker broker = LocalBroker.startOnFreePorts(dir);
         Admin admin = Admin.create(broker.clientProperties())) {
      assertThat(transactionVersion(admin)).isEqualTo(1);

      // what an earlier newswatch formatted
      admin.updateFeatures(Map.of("transaction.version", new FeatureUpdate((short) 2,
          FeatureUpdate.UpgradeType.UPGRADE)), new UpdateFeaturesOptions()).all().get();
      await().atMost(Duration.ofSeconds(30)).until(() -> transactionVersion(admin) == 2);
      admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get();
      commit(broker, "written at v2");
    }

    try (LocalBroker again = LocalBroker.startOnFreePorts(dir);
         Admin admin = Admin.create(again.clientProperties())) {
      assertThat(transactionVersion(admin)).isEqualTo(1);
      commit(again, "written at v1");
      assertThat(readCommitted(again)).containsExactly("written at v2", "written at v1");
    }
  }

  static int transactionVersion(Admin admin) throws Exception {
    FinalizedVersionRange finalized = admin.describeFeatures().featureMetadata().get().finalizedFeatures()
        .get("transaction.version");
    return finalized == null ? 0 : finalized.maxVersionLevel();
  }

  static void commit(LocalBroker broker, String value) {
    Properties props = broker.clientProperties();
    props.put("transactional.id", "local-broker-it");
    try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("t", value));
      producer.commitTransaction();
    }
  }

  static List<String> readCommitted(LocalBroker broker) {
    Properties props = broker.clientProperties();
    props.put("isolation.level", "read_committed");
    List<String> values = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition t = new TopicPartition("t", 0);
      consumer.assign(List.of(t));
      consumer.seekToBeginning(List.of(t));
      long end = consumer.endOffsets(List.of(t)).get(t);
      while (consumer.position(t) < end) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
