package io.newswatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsDefaultsTest {
  @Test
  void theStagesProducersCompressWhatTheyWrite() {
    StreamsConfig config = new StreamsConfig(
        StreamsDefaults.properties("app", "127.0.0.1:9092", Topics.defaults()));

    // the producer that writes outputs, repartition topics and changelogs
    assertThat(config.getProducerConfigs("app-producer"))
        .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
  }
}
