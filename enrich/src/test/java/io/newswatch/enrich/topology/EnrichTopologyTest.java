package io.newswatch.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.RawArticle;
import io.newswatch.enrich.Enricher;
import io.newswatch.enrich.dedup.Fingerprint;
import io.newswatch.enrich.dedup.FingerprintTest;
import io.newswatch.enrich.TestArticles;
import io.newswatch.schemas.StreamsDefaults;
import io.newswatch.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichTopologyTest {
  private final Topics topics = Topics.withPrefix("test.");
  @TempDir
  Path stateDir;
  private TopologyTestDriver driver;
  private TestInputTopic<String, RawArticle> raw;
  private TestOutputTopic<String, EnrichedArticle> enriched;

  @BeforeEach
  void start() {
    Properties props = StreamsDefaults.properties("enrich-test", "unused:9092", topics);
    props.put("state.dir", stateDir.toString());
    driver = new TopologyTestDriver(EnrichTopology.build(topics, Enricher.loadDefault()), props);
    raw = driver.createInputTopic(topics.raw().name(),
        topics.raw().keySerde().serializer(), topics.raw().valueSerde().serializer());
    enriched = driver.createOutputTopic(topics.enriched().name(),
        topics.enriched().keySerde().deserializer(), topics.enriched().valueSerde().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  /**
   * An operator reads the processors' names in the metrics and the internal topics' names in
   * the cluster: each says what it is for, none is generated, and none repeats the stage's
   * name that the application id already gives.
   */
  @Test
  void processorsAndInternalTopicsAreNamedForWhatTheyDo() {
    List<TopologyDescription.Node> nodes = EnrichTopology.build(topics, Enricher.loadDefault()).describe()
        .subtopologies().stream().flatMap(s -> s.nodes().stream()).toList();

    assertThat(nodes).extracting(TopologyDescription.Node::name)
        .contains("raw-articles", "date-check", "drop-repeats", "tagging", "enriched-articles")
        .noneMatch(name -> name.startsWith("KSTREAM-") || name.contains("enrich-"));
    assertThat(nodes).filteredOn(n -> n instanceof TopologyDescription.Sink)
        .extracting(n -> ((TopologyDescription.Sink) n).topic())
        .as("no repartition: every step runs on every partition").containsExactly(topics.enriched().name());
  }

  /** A copy is an article of its own here: the alerts stage tells it by its fingerprint, per place. */
  @Test
  void rawInEnrichedOutAndASyndicatedCopyPassesWithAFingerprintNearTheFirst() {
    RawArticle first = TestArticles.konstantinovka();
    RawArticle copy = TestArticles.raw("konstantinovka-copy", "Putin confirms fighting in Konstantinovka",
        first.getBody().replace("recently confirmed", "has confirmed"),
        first.getPublishedAt().plusSeconds(3600));
    raw.pipeInput(first.getId(), first);
    raw.pipeInput(copy.getId(), copy);

    KeyValue<String, EnrichedArticle> out1 = enriched.readKeyValue();
    KeyValue<String, EnrichedArticle> out2 = enriched.readKeyValue();
    assertThat(out1.key).isEqualTo(first.getId());
    assertThat(out1.value.getFocus().getGeonameId()).isEqualTo(705104L);
    assertThat(out2.key).isEqualTo(copy.getId());
    assertThat(Fingerprint.distance(out1.value.getFingerprint(), out2.value.getFingerprint()))
        .isLessThanOrEqualTo(FingerprintTest.COPY_DISTANCE);
    assertThat(enriched.isEmpty()).isTrue();
  }

  /**
   * The same article sent again, by another path or process, a day later or with its body
   * edited: one article downstream, and the repeat counted.
   */
  @Test
  void anArticleSentAgainUnderItsIdIsPassedOnOnceAndCounted() {
    RawArticle first = TestArticles.konstantinovka();
    Instant sent = Instant.parse("2026-12-01T08:00:00Z");
    raw.pipeInput(first.getId(), first, sent);
    RawArticle edited = RawArticle.newBuilder(first).setBody(first.getBody() + " Updated.").build();
    raw.pipeInput(first.getId(), edited, sent.plus(Duration.ofDays(1)));
    RawArticle other = TestArticles.raw("other", "Floods in Odesa", "Rain flooded streets in Odesa.",
        first.getPublishedAt());
    raw.pipeInput(other.getId(), other, sent.plus(Duration.ofDays(1)));

    assertThat(enriched.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly(first.getId(), "other");
    var metrics = driver.metrics().entrySet().stream()
        .filter(e -> e.getKey().group().equals("stream-newswatch-metrics"))
        .collect(java.util.stream.Collectors.toMap(e -> e.getKey().name(), e -> (Double) e.getValue().metricValue()));
    assertThat(metrics).containsEntry(EnrichTopology.REPEATS_METRIC + "-total", 1.0);
  }

  /** Operators watch tagging time on /metrics: it must be there and count every article. */
  @Test
  void taggingTimeIsAMetric() {
    RawArticle article = TestArticles.konstantinovka();
    raw.pipeInput(article.getId(), article);

    var metrics = driver.metrics().entrySet().stream()
        .filter(e -> e.getKey().group().equals("stream-newswatch-metrics"))
        .collect(java.util.stream.Collectors.toMap(e -> e.getKey().name(), e -> (Double) e.getValue().metricValue()));
    assertThat(metrics).containsEntry("tagging-total", 1.0);
    assertThat(metrics.get("tagging-latency-max")).isPositive();
  }
}
