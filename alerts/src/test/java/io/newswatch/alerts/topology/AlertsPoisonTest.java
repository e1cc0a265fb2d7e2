package io.newswatch.alerts.topology;

import static io.newswatch.alerts.Donbas.KOSTIANTYNIVKA;
import static io.newswatch.alerts.Donbas.article;
import static io.newswatch.schemas.PoisonTestDriver.bytes;
import static io.newswatch.schemas.PoisonTestDriver.encode;
import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.alerts.Donbas;
import io.newswatch.alerts.detector.DetectorSettings;
import io.newswatch.alerts.detector.PlaceState;
import io.newswatch.alerts.watchlist.WatchFilter;
import io.newswatch.avro.Alert;
import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.Level;
import io.newswatch.avro.PlaceMention;
import io.newswatch.avro.Watch;
import io.newswatch.schemas.DeadLetters;
import io.newswatch.schemas.PoisonTestDriver;
import io.newswatch.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poison and garbage on the enriched topic, and in the detector's buffer, with every town
 * watched: each record is counted or lands on the dead-letter topic with a reason a person can
 * read, and a watched town's escalation after it still raises its alerts.
 */
class AlertsPoisonTest {
  private static final Topics TOPICS = Topics.defaults();
  private static final String APPLICATION_ID = "alerts-poison-test";
  private static final String KOSTIANTYNIVKA_KEY = Long.toString(KOSTIANTYNIVKA.getGeonameId());
  @TempDir
  Path stateDir;
  private PoisonTestDriver<String, EnrichedArticle> poison;
  private TopologyTestDriver driver;
  private TestInputTopic<String, EnrichedArticle> enriched;
  private TestInputTopic<byte[], byte[]> enrichedBytes;
  private TestOutputTopic<String, Alert> alerts;
  private TestOutputTopic<byte[], byte[]> deadLetters;

  @BeforeEach
  void start() {
    poison = new PoisonTestDriver<>(AlertsTopology.build(TOPICS, DetectorSettings.defaults(), WatchFilter.all(), 1),
        APPLICATION_ID, TOPICS, stateDir, TOPICS.enriched());
    driver = poison.driver();
    enriched = poison.input();
    enrichedBytes = poison.inputBytes();
    alerts = poison.output(TOPICS.alerts());
    deadLetters = poison.deadLetters();
  }

  @AfterEach
  void stop() {
    poison.close();
  }

  @Test
  void bytesThatAreNotAvroAreDeadLettered() {
    enrichedBytes.pipeInput(bytes("poison"), bytes("{\"not\": \"avro\"}"));

    assertThat(poison.nextDeadLetterReason()).startsWith("not a readable EnrichedArticle record");
    assertAlertsGoOn();
  }

  @Test
  void aRecordWrittenWithAnUnknownSchemaIsDeadLettered() {
    Schema future = SchemaBuilder.record("EnrichedArticle").namespace("io.newswatch.avro").fields()
        .requiredString("id").requiredLong("placeCount").endRecord();
    GenericRecord article = new GenericData.Record(future);
    article.put("id", "from-the-future");
    article.put("placeCount", 3L);
    enrichedBytes.pipeInput(bytes("from-the-future"), encode(future, article));

    assertThat(poison.nextDeadLetterReason()).contains("unknown schema");
    assertAlertsGoOn();
  }

  /**
   * Each watched town gets the article on the repartition topic: with all ten thousand towns
   * in every copy, that would be 10,000 x 10,000 place records for one article.
   */
  @Test
  void anArticleNamingTenThousandTownsReachesEachTownWithItsOwnPlaceOnly() {
    List<PlaceMention> towns = IntStream.range(0, 10_000)
        .mapToObj(i -> Donbas.town(3_000_000 + i, "Town " + i, 48 + i / 10_000.0, 37)).toList();
    EnrichedArticle everywhere = article("everywhere").at(Donbas.DAY_ONE)
        .about(towns.get(0), towns.subList(1, towns.size()).toArray(PlaceMention[]::new)).build();

    enriched.pipeInput(everywhere.getId(), everywhere, everywhere.getPublishedAt());

    List<EnrichedArticle> byPlace = driver.createOutputTopic(
        APPLICATION_ID + "-" + AlertsTopology.BY_PLACE + "-repartition",
        TOPICS.enriched().keySerde().deserializer(), TOPICS.enriched().valueSerde().deserializer())
        .readValuesToList();
    assertThat(byPlace).hasSize(10_000).allSatisfy(a -> {
      assertThat(a.getPlaces()).hasSize(1).allSatisfy(p -> assertThat(p.getMentions()).isEmpty());
      assertThat(a.getText()).isEmpty();
      assertThat(a.getTitle()).isEqualTo(everywhere.getTitle());
    });
    assertThat(byPlace).extracting(a -> a.getPlaces().get(0).getGeonameId())
        .containsExactlyElementsOf(towns.stream().map(PlaceMention::getGeonameId).toList());
    assertThat(deadLetters.isEmpty()).isTrue();
    assertAlertsGoOn();
  }

  @Test
  void anArticleFrom1970IsCountedAndTheEscalationStillAlerts() {
    Instant epoch = Instant.parse("1970-01-01T00:00:00Z");
    EnrichedArticle old = article("epoch").at(epoch).about(KOSTIANTYNIVKA).build();
    enriched.pipeInput(old.getId(), old, epoch);

    assertThat(deadLetters.isEmpty()).isTrue();
    assertAlertsGoOn();
  }

  /**
   * Enrich never writes one; believed, it would move the town's window to 2100 and every real
   * article after it would be too late to count.
   */
  @Test
  void anArticlePublishedAfterItWasWrittenIsDeadLettered() {
    EnrichedArticle future = article("future").at(Instant.parse("2100-01-01T00:00:00Z")).about(KOSTIANTYNIVKA).build();
    enriched.pipeInput(future.getId(), future, Donbas.DAY_ONE);

    assertThat(poison.nextDeadLetterReason())
        .startsWith("publishedAt 2100-01-01T00:00:00Z is later than the article was written");
    assertAlertsGoOn();
  }

  /**
   * A copy that waited in the detector's buffer and cannot be read when a later article releases
   * it goes to the dead-letter topic as its own bytes, not the later article's; the articles
   * released with it still count.
   */
  @Test
  void aWaitingArticleThatCannotBeReadIsDeadLetteredAloneWhenALaterOneReleasesIt() {
    byte[] unreadable = bytes("{\"not\": \"avro\"}");
    EnrichedArticle neighbour = demoArticle("esc-3");
    waitInTheBuffer(KOSTIANTYNIVKA_KEY, unreadable, EnrichedArticle.newBuilder(neighbour).setId("unreadable")
        .setIngestedAt(neighbour.getIngestedAt().plusSeconds(1)).build());

    assertAlertsGoOn(KOSTIANTYNIVKA_KEY, unreadable, "not a readable EnrichedArticle record");
  }

  /**
   * The same released by the task going quiet, in a punctuation, where there is no record being
   * processed to blame: the article after it in the buffer still reaches its place's window.
   */
  @Test
  void aWaitingArticleThatCannotBeReadIsDeadLetteredAloneWhenTheTaskGoesQuiet() {
    List<EnrichedArticle> demo = Donbas.demo();
    Instant last = demo.get(demo.size() - 1).getIngestedAt();
    EnrichedArticle after = article("after-it").at(last.plusSeconds(2)).about(KOSTIANTYNIVKA).build();
    byte[] unreadable = bytes("{\"not\": \"avro\"}");
    waitInTheBuffer(KOSTIANTYNIVKA_KEY, unreadable, EnrichedArticle.newBuilder(after).setId("unreadable")
        .setIngestedAt(last.plusSeconds(1)).build());
    enriched.pipeInput(after.getId(), after, after.getIngestedAt());

    assertAlertsGoOn(KOSTIANTYNIVKA_KEY, unreadable, "not a readable EnrichedArticle record");
    assertThat(PlaceStates.read(driver.getKeyValueStore(AlertsTopology.PLACE_STATE_STORE),
            driver.getKeyValueStore(AlertsTopology.PLACE_STORIES_STORE), KOSTIANTYNIVKA_KEY).buckets())
        .flatExtracting(PlaceState.Bucket::stories).extracting(PlaceState.Story::articleId).contains("after-it");
  }

  /** An article the detector cannot take (it does not mention the place it came for) goes alone too. */
  @Test
  void aWaitingArticleTheDetectorCannotTakeIsDeadLetteredAlone() {
    EnrichedArticle neighbour = demoArticle("esc-5");
    EnrichedArticle misplaced = EnrichedArticle.newBuilder(neighbour).setId("misplaced")
        .setIngestedAt(neighbour.getIngestedAt().plusSeconds(1)).build();
    byte[] encoded = TOPICS.enriched().valueSerde().serializer().serialize(null, misplaced);
    String kramatorsk = Long.toString(Donbas.KRAMATORSK.getGeonameId());
    waitInTheBuffer(kramatorsk, encoded, misplaced);

    assertAlertsGoOn(kramatorsk, encoded, "article misplaced does not mention place " + kramatorsk);
  }

  /** A copy on the repartition topic that the fan-out did not write, without its headers, is dead-lettered. */
  @Test
  void aCopyWithoutTheFanOutsHeadersIsDeadLettered() {
    byte[] encoded = TOPICS.enriched().valueSerde().serializer().serialize(null, demoArticle("esc-3"));
    driver.createInputTopic(AlertsTopology.byPlaceTopic(APPLICATION_ID), new StringSerializer(), new ByteArraySerializer())
        .pipeInput(KOSTIANTYNIVKA_KEY, encoded);

    TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
    assertThat(dead.value()).isEqualTo(encoded);
    assertThat(DeadLetters.reason(dead.headers())).contains("without the headers newswatch-order");
  }

  /**
   * Watched Kostiantynivka's escalation, sent after a waiting article that cannot be released,
   * raises its three alerts once the fan-out's partition goes idle; that article alone is dead-lettered, as
   * the bytes it waited as, with its reason, the stage and the topic it came on.
   */
  private void assertAlertsGoOn(String placeKey, byte[] article, String reason) {
    watchKostiantynivka();
    Donbas.demo().forEach(a -> enriched.pipeInput(a.getId(), a, a.getPublishedAt()));
    driver.advanceWallClockTime(Progress.IDLE_AFTER);

    assertThat(alerts.readValuesToList()).filteredOn(a -> a.getPlaceId() == KOSTIANTYNIVKA.getGeonameId())
        .extracting(Alert::getLevel).containsExactly(Level.ELEVATED, Level.ESCALATING, Level.CRITICAL);
    TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
    assertThat(dead.value()).isEqualTo(article);
    assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo(placeKey);
    assertThat(DeadLetters.reason(dead.headers())).startsWith(reason);
    assertThat(header(dead, DeadLetters.STAGE)).isEqualTo("alerts");
    assertThat(header(dead, DeadLetters.ORIGIN)).isEqualTo(APPLICATION_ID + "-" + AlertsTopology.BY_PLACE + "-repartition");
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  /** Puts {@code value} in the detector's buffer for {@code placeKey}, ordered as {@code orderedAs}. */
  private void waitInTheBuffer(String placeKey, byte[] value, EnrichedArticle orderedAs) {
    driver.createInputTopic(AlertsTopology.byPlaceTopic(APPLICATION_ID), new StringSerializer(), new ByteArraySerializer())
        .pipeInput(new TestRecord<>(placeKey, value, ReorderBuffer.headers(new RecordHeaders(), orderedAs,
            DetectorSettings.defaults().fullFeedPerDay()),
            orderedAs.getIngestedAt()));
  }

  private static EnrichedArticle demoArticle(String id) {
    return Donbas.demo().stream().filter(a -> a.getId().equals(id)).findFirst().orElseThrow();
  }

  private static String header(TestRecord<byte[], byte[]> record, String key) {
    return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
  }

  /** Watched Kostiantynivka's escalation, sent after the poison, raises its three alerts. */
  private void assertAlertsGoOn() {
    watchKostiantynivka();
    Donbas.demo().forEach(a -> enriched.pipeInput(a.getId(), a, a.getPublishedAt()));
    driver.advanceWallClockTime(Progress.IDLE_AFTER);
    // released a batch at a time, after whatever the test left waiting before them
    for (int batch = 0; batch < 100 && alerts.getQueueSize() < 3; batch++) {
      driver.advanceWallClockTime(DetectProcessor.RELEASE_EVERY);
    }

    assertThat(alerts.readValuesToList()).filteredOn(a -> a.getPlaceId() == KOSTIANTYNIVKA.getGeonameId())
        .extracting(Alert::getLevel).containsExactly(Level.ELEVATED, Level.ESCALATING, Level.CRITICAL);
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  private void watchKostiantynivka() {
    driver.createInputTopic(TOPICS.watchlist().name(), TOPICS.watchlist().keySerde().serializer(),
        TOPICS.watchlist().valueSerde().serializer()).pipeInput(KOSTIANTYNIVKA_KEY,
        Watch.newBuilder().setPlaceId(KOSTIANTYNIVKA.getGeonameId()).setName(KOSTIANTYNIVKA.getName())
            .setMinLevel(Level.ELEVATED).setAddedAt(Donbas.DAY_ONE).build());
  }
}
