package io.newswatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.alerts.topology.AlertsTopology;
import io.newswatch.bench.WrittenRecords.Sample;
import io.newswatch.schemas.StreamsDefaults;
import io.newswatch.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class PassThroughTest {
  private static final Topics TOPICS = Topics.defaults();
  private static final Sample ENRICHED_1 = sample("enriched one");
  private static final Sample ENRICHED_2 = sample("enriched two");
  private static final Sample COPY = new Sample(bytes("copy"),
      new Header[] {new RecordHeader("order", bytes("1"))});

  @Test
  void enrichShapeWritesTheStagesEnrichedArticlesInTurnUnderTheRawArticlesKeys() {
    var shape = new PassThrough.Shape(List.of(ENRICHED_1, ENRICHED_2), List.of(), 0);
    try (var driver = driver(PassThrough.enrich(TOPICS, shape))) {
      var raw = driver.createInputTopic(TOPICS.raw().name(), Serdes.String().serializer(),
          Serdes.ByteArray().serializer());
      raw.pipeInput("a", bytes("raw a"));
      raw.pipeInput("b", bytes("raw b"));
      raw.pipeInput("c", bytes("raw c"));

      var enriched = driver.createOutputTopic(TOPICS.enriched().name(), Serdes.String().deserializer(),
          Serdes.String().deserializer()).readKeyValuesToList();
      assertThat(enriched).extracting(kv -> kv.key + "=" + kv.value)
          .containsExactly("a=enriched one", "b=enriched two", "c=enriched one");
    }
  }

  @Test
  void alertsShapeSendsAsManyCopiesAsTheFanOutDidOnAverageAndEmptiesTheBuffer() {
    var shape = new PassThrough.Shape(List.of(ENRICHED_1), List.of(COPY), 1.5);
    try (var driver = driver(PassThrough.alerts(TOPICS, shape))) {
      var enriched = driver.createInputTopic(TOPICS.enriched().name(), Serdes.String().serializer(),
          Serdes.ByteArray().serializer());
      for (String id : List.of("a", "b", "c", "d")) {
        enriched.pipeInput(id, ENRICHED_1.value());
      }

      TestOutputTopic<String, String> byPlace = driver.createOutputTopic(
          "app-" + AlertsTopology.BY_PLACE + "-repartition", Serdes.String().deserializer(),
          Serdes.String().deserializer());
      var copies = byPlace.readRecordsToList();
      assertThat(copies).as("1.5 copies an article").hasSize(6)
          .allSatisfy(copy -> {
            assertThat(copy.value()).isEqualTo("copy");
            assertThat(copy.headers().lastHeader("order").value()).isEqualTo(bytes("1"));
          });
      assertThat(copies).extracting(copy -> copy.key()).doesNotHaveDuplicates();
      KeyValueStore<String, byte[]> buffer = driver.getKeyValueStore(AlertsTopology.REORDER_STORE);
      assertThat(buffer.approximateNumEntries()).isZero();
    }
  }

  @Test
  void withWatchingOffTheAlertsShapeCopiesNothing() {
    var shape = new PassThrough.Shape(List.of(ENRICHED_1), List.of(), 0);
    try (var driver = driver(PassThrough.alerts(TOPICS, shape))) {
      driver.createInputTopic(TOPICS.enriched().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer())
          .pipeInput("a", ENRICHED_1.value());

      assertThat(driver.createOutputTopic("app-" + AlertsTopology.BY_PLACE + "-repartition",
          Serdes.String().deserializer(), Serdes.String().deserializer()).isEmpty()).isTrue();
    }
  }

  private static TopologyTestDriver driver(Topology topology) {
    Properties props = StreamsDefaults.properties("app", "unused:9092", TOPICS);
    return new TopologyTestDriver(topology, props);
  }

  private static Sample sample(String value) {
    return new Sample(bytes(value), new Header[0]);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
