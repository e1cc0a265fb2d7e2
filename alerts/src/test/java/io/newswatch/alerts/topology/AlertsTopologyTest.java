package io.newswatch.alerts.topology;

import static io.newswatch.alerts.Donbas.ESCALATION;
import static io.newswatch.alerts.Donbas.DAY_ONE;
import static io.newswatch.alerts.Donbas.KOSTIANTYNIVKA;
import static io.newswatch.alerts.Donbas.KRAMATORSK;
import static io.newswatch.alerts.Donbas.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.alerts.Donbas;
import io.newswatch.alerts.detector.Backtest;
import io.newswatch.alerts.detector.Detector;
import io.newswatch.alerts.detector.DetectorSettings;
import io.newswatch.alerts.detector.FeedVolume;
import io.newswatch.alerts.detector.PlaceState;
import io.newswatch.alerts.watchlist.WatchFilter;
import io.newswatch.alerts.webhook.Payloads;
import io.newswatch.avro.Alert;
import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.Level;
import io.newswatch.avro.PayloadFormat;
import io.newswatch.avro.PlaceMention;
import io.newswatch.avro.Watch;
import io.newswatch.schemas.Json;
import io.newswatch.schemas.StreamsDefaults;
import io.newswatch.schemas.Topic;
import io.newswatch.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlertsTopologyTest {
  private static final Topics TOPICS = Topics.defaults();
  private static final DetectorSettings SETTINGS = DetectorSettings.defaults();
  /** Day buckets compared day by day, as in {@code DetectorTest}. */
  private static final DetectorSettings DAILY = SETTINGS.withBucket(Duration.ofDays(1));
  private static final String KOSTIANTYNIVKA_KEY = Long.toString(KOSTIANTYNIVKA.getGeonameId());

  @TempDir
  Path stateDir;
  private TopologyTestDriver driver;
  private Instant wallClock;
  private TestInputTopic<String, EnrichedArticle> enriched;
  private TestInputTopic<String, Watch> watchlist;
  private TestOutputTopic<String, Alert> alerts;
  private TestOutputTopic<String, String> alertsJson;

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void aWatchedTownsEscalationRaisesOneAlertPerLevelKeyedByPlace() {
    start(AlertsTopology.build(TOPICS, SETTINGS, 1));
    watch(Level.ELEVATED);

    send(Donbas.demo());

    List<KeyValue<String, Alert>> published = alerts.readKeyValuesToList();
    assertThat(published).extracting(kv -> kv.key).containsOnly(KOSTIANTYNIVKA_KEY);
    assertThat(published).extracting(kv -> kv.value.getLevel())
        .containsExactly(Level.ELEVATED, Level.ESCALATING, Level.CRITICAL);
    assertThat(published).extracting(kv -> kv.value).as("the pipeline agrees with the backtest")
        .isEqualTo(Backtest.run(Donbas.demo(), SETTINGS,
            WatchFilter.places(Set.of(KOSTIANTYNIVKA.getGeonameId()))));
  }

  /**
   * A subscriber that reads JSON (in Python, with kcat) gets every alert a webhook would, in the
   * same order, keyed and stamped as on the Avro topic, as the very body a webhook receives.
   */
  @Test
  void everyAlertIsAlsoPublishedAsTheWebhooksJsonDocument() throws Exception {
    start(AlertsTopology.build(TOPICS, SETTINGS, 1));
    watch(Level.ELEVATED);

    send(Donbas.demo());

    List<TestRecord<String, Alert>> avro = alerts.readRecordsToList();
    List<TestRecord<String, String>> json = alertsJson.readRecordsToList();
    assertThat(avro).hasSize(3);
    assertThat(json).extracting(TestRecord::getKey).isEqualTo(avro.stream().map(TestRecord::getKey).toList());
    assertThat(json).extracting(TestRecord::getRecordTime)
        .isEqualTo(avro.stream().map(TestRecord::getRecordTime).toList());
    assertThat(json).extracting(TestRecord::getValue)
        .isEqualTo(avro.stream().map(r -> Payloads.of(r.getValue(), PayloadFormat.JSON)).toList());
    JsonNode first = Json.MAPPER.readTree(json.get(0).getValue());
    assertThat(first.get("placeId").asLong()).isEqualTo(KOSTIANTYNIVKA.getGeonameId());
    assertThat(first.get("level").asText()).isEqualTo("ELEVATED");
    assertThat(first.get("detectedAt").asText()).isEqualTo(avro.get(0).getValue().getDetectedAt().toString());
  }

  /** The alerts topic keeps records a year from their record time: an alert about 2022 is news today. */
  @Test
  void anAlertIsStampedWithTheIngestTimeOfTheArticleThatRaisedIt() {
    start(AlertsTopology.build(TOPICS, SETTINGS, 1));
    watch(Level.ELEVATED);
    Instant lateIngest = Instant.parse("2030-01-01T00:00:00Z");
    List<EnrichedArticle> ingestedLater = Donbas.demo().stream()
        .map(a -> EnrichedArticle.newBuilder(a).setIngestedAt(lateIngest.plus(Duration.between(ESCALATION, a.getIngestedAt()))).build())
        .toList();

    send(ingestedLater);

    List<TestRecord<String, Alert>> published = alerts.readRecordsToList();
    assertThat(published).hasSize(3);
    assertThat(published).allSatisfy(r -> assertThat(r.getRecordTime()).isAfter(lateIngest.minus(Duration.ofDays(7)))
        .isNotEqualTo(r.getValue().getDetectedAt()));
  }

  /**
   * A place is judged on its own articles only: other places' later articles, and time passing,
   * leave a quiet place's state as it was; its own next article, a month later, finds it
   * forgotten and its old stories leave the store.
   */
  @Test
  void aPlaceQuietForAMonthIsForgottenByItsOwnNextArticleOnly() {
    start(AlertsTopology.build(TOPICS, SETTINGS, WatchFilter.all(), 1));
    send(List.of(article("old").at(ESCALATION).source("a.example").about(Donbas.KRAMATORSK).build()));
    String kramatorsk = Long.toString(Donbas.KRAMATORSK.getGeonameId());
    PlaceState quiet = placeState(kramatorsk);

    Instant monthLater = ESCALATION.plus(Duration.ofDays(32));
    send(List.of(article("elsewhere").at(monthLater).source("a.example").about(KOSTIANTYNIVKA).build()));
    advance(Duration.ofDays(2));
    assertThat(placeState(kramatorsk)).as("untouched by another place's article").isEqualTo(quiet);

    send(List.of(article("new").at(monthLater.plus(Duration.ofHours(1))).source("b.example")
        .about(Donbas.KRAMATORSK).build()));
    assertThat(placeState(kramatorsk).buckets()).flatExtracting(PlaceState.Bucket::stories)
        .extracting(PlaceState.Story::articleId).containsExactly("new");
    assertThat(placeState(kramatorsk).knownOutlets()).doesNotContainKey("a.example");
    assertThat(contents(stories())).extracting(kv -> kv.value.articleId()).doesNotContain("old");
  }

  /** Each story is stored once, apart from its place's counts, and leaves the store with the window. */
  @Test
  void theStoriesStoreHoldsTheWindowsStoriesAndNoMore() {
    start(AlertsTopology.build(TOPICS, DAILY, WatchFilter.all(), 1));

    send(days(0, 5));
    send(days(1, 4));
    assertThat(placeState(KOSTIANTYNIVKA_KEY).buckets()).flatExtracting(PlaceState.Bucket::stories)
        .extracting(PlaceState.Story::articleId).containsExactly("d1s0", "d1s1", "d1s2", "d1s3");
    send(days(5, 2));

    assertThat(placeState(KOSTIANTYNIVKA_KEY).buckets()).flatExtracting(PlaceState.Bucket::stories)
        .extracting(PlaceState.Story::articleId).containsExactly("d5s0", "d5s1");
    assertThat(contents(stories())).extracting(kv -> kv.value.articleId()).containsExactly("d5s0", "d5s1");
    assertThat(states().get(KOSTIANTYNIVKA_KEY).buckets()).as("the summary keeps counts, not stories")
        .allSatisfy(b -> assertThat(b.stories()).isEmpty());
  }

  /** What the stores hold, summary and stories, is what the place's detector holds. */
  @Test
  void theStoresHoldThePlacesDetectorState() {
    start(AlertsTopology.build(TOPICS, SETTINGS, WatchFilter.all(), 1));
    List<EnrichedArticle> demo = Donbas.demo();
    Detector detector = Detector.start(SETTINGS, KOSTIANTYNIVKA);
    FeedVolume feed = FeedVolume.start(SETTINGS);
    demo.forEach(a -> {
      feed.count(a.getPublishedAt());
      detector.onArticle(a, feed.perDay());
    });

    send(demo);

    assertThat(placeState(KOSTIANTYNIVKA_KEY)).isEqualTo(detector.state());
  }

  /** What an operator watches to see the stage catch up: articles not yet handed to their detectors. */
  @Test
  void theArticlesWaitingForTheirDetectorsAreAGauge() {
    start(AlertsTopology.build(TOPICS, SETTINGS, 1));
    watch(Level.ELEVATED);
    List<EnrichedArticle> demo = Donbas.demo();

    demo.forEach(a -> enriched.pipeInput(a.getId(), a, a.getIngestedAt()));
    assertThat(articlesWaiting()).as("none released before the fan-out reports its progress").isPositive();
    idlePast(demo.get(demo.size() - 1).getIngestedAt());

    assertThat(articlesWaiting()).as("all out once the fan-out's partition is idle").isZero();
  }

  @Test
  void theStoresAnswerForTheHttpApi() {
    start(AlertsTopology.build(TOPICS, SETTINGS, 1));
    watch(Level.ELEVATED);

    send(Donbas.demo());

    assertThat(placeState(KOSTIANTYNIVKA_KEY).level()).isEqualTo(Level.CRITICAL);
    assertThat(placeState(Long.toString(Donbas.KRAMATORSK.getGeonameId()))).as("not watched").isNull();
    KeyValueStore<String, Alert> recent = driver.getKeyValueStore(AlertsTopology.RECENT_ALERTS_STORE);
    try (var all = recent.all()) {
      assertThat(all).toIterable().extracting(kv -> kv.value.getLevel())
          .containsExactly(Level.ELEVATED, Level.ESCALATING, Level.CRITICAL);
    }
  }

  @Test
  void anUnwatchedTownRaisesNoAlert() {
    start(AlertsTopology.build(TOPICS, SETTINGS, 1));

    send(Donbas.demo());

    assertThat(alerts.isEmpty()).isTrue();
  }

  @Test
  void watchingAllPlacesNeedsNoWatchlist() {
    start(AlertsTopology.build(TOPICS, SETTINGS, WatchFilter.all(), 1));

    send(Donbas.demo());

    assertThat(alerts.readValuesToList()).extracting(Alert::getPlaceId)
        .hasSize(3).containsOnly(KOSTIANTYNIVKA.getGeonameId());
  }

  @Test
  void alertsBelowTheWatchesLevelAreNotPublished() {
    start(AlertsTopology.build(TOPICS, SETTINGS, 1));
    watch(Level.ESCALATING);

    send(Donbas.demo());

    assertThat(alerts.readValuesToList()).extracting(Alert::getLevel)
        .containsExactly(Level.ESCALATING, Level.CRITICAL);
  }

  @Test
  void removingAWatchAtRuntimeStopsItsAlerts() {
    start(AlertsTopology.build(TOPICS, SETTINGS, 1));
    watch(Level.ELEVATED);
    List<EnrichedArticle> demo = Donbas.demo();
    Predicate<EnrichedArticle> early = a -> a.getPublishedAt().isBefore(ESCALATION.plus(Duration.ofMinutes(50)));

    send(demo.stream().filter(early).toList());
    watchlist.pipeInput(KOSTIANTYNIVKA_KEY, null);
    send(demo.stream().filter(early.negate()).toList());

    assertThat(alerts.readValuesToList()).extracting(Alert::getLevel).containsExactly(Level.ELEVATED);
  }

  @Test
  void aWatchAddedAtRuntimeStartsTrackingAndEachWatchHasItsOwnLevel() {
    start(AlertsTopology.build(TOPICS, SETTINGS, 1));
    List<EnrichedArticle> feed = new ArrayList<>(Donbas.demo());
    feed.addAll(escalation(KRAMATORSK, ESCALATION.plus(Duration.ofMinutes(10))));
    feed.sort(Comparator.comparing(EnrichedArticle::getPublishedAt));
    Predicate<EnrichedArticle> ordinary = a -> a.getPublishedAt().isBefore(ESCALATION);

    send(feed.stream().filter(ordinary).toList());
    assertThat(placeState(key(KOSTIANTYNIVKA))).as("not tracked before it is watched").isNull();
    watch(KOSTIANTYNIVKA, Level.CRITICAL);
    watch(KRAMATORSK, Level.ELEVATED);
    send(feed.stream().filter(ordinary.negate()).toList());

    // Neither town was tracked before, so every outlet is new to it: in this thin feed that takes
    // each first rise straight to ESCALATING, which only Kramatorsk's watch publishes.
    assertThat(alerts.readValuesToList()).extracting(a -> a.getPlaceName() + " " + a.getLevel())
        .containsExactly("Kostiantynivka CRITICAL", "Kramatorsk ESCALATING", "Kramatorsk CRITICAL");
  }

  /** An article that was waiting when its place's watch was removed is not counted, and the state stays. */
  @Test
  void aWatchRemovedWhileAnArticleWaitsKeepsThePlacesState() {
    PlaceState whenRemoved = watchedThroughTheDemosFirstRise();

    EnrichedArticle waiting = lateInTheRise("waiting");
    enriched.pipeInput(waiting.getId(), waiting, waiting.getIngestedAt());
    watchlist.pipeInput(key(KOSTIANTYNIVKA), null);
    idlePast(waiting.getIngestedAt());

    assertThat(articlesWaiting()).isZero();
    assertThat(placeState(key(KOSTIANTYNIVKA))).as("kept, the waiting article not counted").isEqualTo(whenRemoved);
  }

  @Test
  void aWatchRemovedAtRuntimeIgnoresThePlaceUntilItIsWatchedAgain() {
    PlaceState whenRemoved = watchedThroughTheDemosFirstRise();
    watchlist.pipeInput(key(KOSTIANTYNIVKA), null);
    send(List.of(lateInTheRise("unwatched")));
    assertThat(placeState(key(KOSTIANTYNIVKA))).as("not counted while unwatched").isEqualTo(whenRemoved);
    watch(KOSTIANTYNIVKA, Level.CRITICAL);
    send(Donbas.demo().stream().filter(a -> !a.getPublishedAt().isBefore(FIRST_RISE_END)).toList());

    assertThat(alerts.readValuesToList()).extracting(Alert::getLevel)
        .as("ELEVATED before the removal, then only CRITICAL, the new watch's level")
        .containsExactly(Level.ELEVATED, Level.CRITICAL);
  }

  @Test
  void outOfOrderArticlesWithinTheWindowRaiseTheSameLevelsAndTooLateOnesAreCounted() {
    start(AlertsTopology.build(TOPICS, SETTINGS, 1));
    watch(KOSTIANTYNIVKA, Level.ELEVATED);
    List<EnrichedArticle> demo = new ArrayList<>(Donbas.demo());
    for (int i = 1; i + 1 < demo.size(); i += 3) {
      Collections.swap(demo, i, i + 1); // neighbours, at most an hour apart in the escalation
    }
    EnrichedArticle tooLate = article("too-late").at(ESCALATION.minus(Duration.ofDays(2)))
        .source("slow.example").about(KOSTIANTYNIVKA).build();

    send(demo);
    send(List.of(tooLate));

    assertThat(alerts.readValuesToList()).extracting(Alert::getLevel)
        .containsExactly(Level.ELEVATED, Level.ESCALATING, Level.CRITICAL);
    assertThat(lateArticlesDropped()).isEqualTo(1.0);
    assertThat(placeState(key(KOSTIANTYNIVKA)).buckets()).flatExtracting(PlaceState.Bucket::stories)
        .extracting(PlaceState.Story::articleId).doesNotContain("too-late");
  }

  /** As a feed poll delivers them: the whole escalation ingested at once, then interleaved. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void articlesIngestedTogetherRaiseTheSameAlertsInAnyOrder(long seed) {
    start(AlertsTopology.build(TOPICS, SETTINGS, 1));
    watch(KOSTIANTYNIVKA, Level.ELEVATED);
    Instant polled = ESCALATION.plus(Duration.ofHours(4));
    List<EnrichedArticle> ordinary = Donbas.demo().stream().filter(a -> a.getPublishedAt().isBefore(ESCALATION)).toList();
    List<EnrichedArticle> burst = new ArrayList<>(Donbas.demo().stream()
        .filter(a -> !a.getPublishedAt().isBefore(ESCALATION))
        .map(a -> EnrichedArticle.newBuilder(a).setIngestedAt(polled).build())
        .toList());
    Collections.shuffle(burst, new Random(seed));

    send(ordinary);
    send(burst);

    assertThat(alerts.readValuesToList())
        .isEqualTo(Backtest.run(Donbas.demo(), SETTINGS, WatchFilter.all()));
  }

  /**
   * An article waits until the fan-out has read past its ingest time by more than a partition
   * may run out of order, and is released at the fan-out's next report: no fixed hold.
   */
  @Test
  void anArticleIsReleasedOnceTheFanOutHasReadPastItsIngestTime() {
    start(AlertsTopology.build(TOPICS, SETTINGS, 1));
    watch(KOSTIANTYNIVKA, Level.ELEVATED);
    List<EnrichedArticle> demo = Donbas.demo();
    EnrichedArticle elevating = Backtest.run(demo, SETTINGS, WatchFilter.all()).get(0).getEvidence().stream()
        .map(e -> demo.stream().filter(a -> a.getId().equals(e.getArticleId())).findFirst().orElseThrow())
        .max(Comparator.comparing(EnrichedArticle::getIngestedAt)).orElseThrow();
    Predicate<EnrichedArticle> upToIt = a -> !a.getIngestedAt().isAfter(elevating.getIngestedAt());
    demo.stream().filter(upToIt).forEach(a -> enriched.pipeInput(a.getId(), a, a.getIngestedAt()));
    advance(Progress.REPORT_EVERY);
    assertThat(alerts.isEmpty()).as("held back: the partition may still bring earlier articles").isTrue();

    EnrichedArticle later = EnrichedArticle.newBuilder(article("later").at(elevating.getPublishedAt())
        .source("x.example").about(KOSTIANTYNIVKA).build())
        .setIngestedAt(elevating.getIngestedAt().plus(Progress.DISORDER).plusMillis(1)).build();
    enriched.pipeInput(later.getId(), later, later.getIngestedAt());
    assertThat(alerts.isEmpty()).as("until the fan-out reports").isTrue();
    advance(Progress.REPORT_EVERY);
    assertThat(alerts.readValuesToList()).extracting(Alert::getLevel).containsExactly(Level.ELEVATED);
  }

  /**
   * With the enriched topic in two partitions, a detector task waits for both fan-out tasks: one
   * that has not reported holds every article back, however long the other has been idle; once
   * both are idle, the feed has paused and everything goes.
   */
  @Test
  void articlesWaitUntilEveryUpstreamPartitionHasReported() {
    start(AlertsTopology.build(TOPICS, SETTINGS, 2));
    watch(KOSTIANTYNIVKA, Level.ELEVATED);
    send(Donbas.demo());
    advance(Duration.ofMinutes(10));
    assertThat(alerts.isEmpty()).as("partition 1 of the enriched topic has not reported").isTrue();

    TestInputTopic<String, byte[]> byPlace = driver.createInputTopic(
        AlertsTopology.byPlaceTopic("test-alerts"), new StringSerializer(), new ByteArraySerializer());
    long now = Instant.now().toEpochMilli();
    var marker = Progress.marker(1, new Progress.Report(now, true), 0);
    byPlace.pipeInput(new TestRecord<>(marker.key(), marker.value(), marker.headers(), 0L));

    assertThat(alerts.readValuesToList()).extracting(Alert::getLevel)
        .containsExactly(Level.ELEVATED, Level.ESCALATING, Level.CRITICAL);
  }

  /**
   * A stalled enrich stage (killed, restarting, waiting for a broker) makes every enriched
   * partition look paused, with articles ingested long ago still on their way: the detectors
   * hold what they have until enrich has caught up, not until their own clock has moved on.
   */
  @Test
  void aPausedFeedIsTakenForOneOnlyOnceEnrichHasCaughtUp() {
    List<EnrichedArticle> demo = Donbas.demo();
    EnrichedArticle elevating = Backtest.run(demo, SETTINGS, WatchFilter.all()).get(0).getEvidence().stream()
        .map(e -> demo.stream().filter(a -> a.getId().equals(e.getArticleId())).findFirst().orElseThrow())
        .max(Comparator.comparing(EnrichedArticle::getIngestedAt)).orElseThrow();
    AtomicLong enrichCaughtUpAt = new AtomicLong(demo.get(0).getIngestedAt().toEpochMilli());
    start(AlertsTopology.build(TOPICS, SETTINGS, WatchFilter.none(), 1,
        now -> Math.min(now, enrichCaughtUpAt.get())));
    watch(KOSTIANTYNIVKA, Level.ELEVATED);
    demo.stream().filter(a -> !a.getIngestedAt().isAfter(elevating.getIngestedAt()))
        .forEach(a -> enriched.pipeInput(a.getId(), a, a.getIngestedAt()));
    idlePast(elevating.getIngestedAt());
    advance(Duration.ofMinutes(10));
    assertThat(alerts.isEmpty()).as("enrich has not caught up since the first article").isTrue();

    enrichCaughtUpAt.set(elevating.getIngestedAt().plus(UpstreamCaughtUp.IDLE_LAG).plusMillis(1).toEpochMilli());
    advance(Progress.REPORT_EVERY);
    assertThat(alerts.readValuesToList()).extracting(Alert::getLevel).containsExactly(Level.ELEVATED);
  }

  @Test
  void copiesAndRedeliveriesAddNothing() {
    start(AlertsTopology.build(TOPICS, SETTINGS, 1));
    watch(KOSTIANTYNIVKA, Level.ELEVATED);
    List<EnrichedArticle> feed = new ArrayList<>();
    for (EnrichedArticle article : Donbas.demo()) {
      feed.add(article);
      feed.add(article); // redelivered
      feed.add(EnrichedArticle.newBuilder(article).setId("repost-" + article.getId())
          .setPublishedAt(article.getPublishedAt().plusSeconds(5)).build()); // the same text: a copy
    }

    send(feed);

    assertThat(alerts.readValuesToList()).as("reposts by the same outlet are not breadth")
        .isEqualTo(Backtest.run(Donbas.demo(), SETTINGS, WatchFilter.all()));
  }

  @Test
  void aLevelIsHeldUntilTheScoresFallWellBelowIt() {
    start(AlertsTopology.build(TOPICS, DAILY, 1));
    watch(KOSTIANTYNIVKA, Level.ELEVATED);

    send(days(0, 5));
    send(days(1, 4)); // scores 1.9: under ELEVATED's 3, over the 1.5 it must fall below
    send(days(2, 1));
    assertThat(placeState(key(KOSTIANTYNIVKA)).level()).isEqualTo(Level.ELEVATED);
    send(days(5, 1));
    assertThat(placeState(key(KOSTIANTYNIVKA)).level()).isEqualTo(Level.NORMAL);

    assertThat(alerts.readValuesToList()).extracting(Alert::getLevel).containsExactly(Level.ELEVATED);
  }

  @Test
  void aRiseWithinTheCooldownIsTrackedButNotPublished() {
    start(AlertsTopology.build(TOPICS, DAILY.withCooldown(Duration.ofDays(7)), 1));
    watch(KOSTIANTYNIVKA, Level.ELEVATED);

    send(days(0, 5));
    send(days(2, 1));
    assertThat(placeState(key(KOSTIANTYNIVKA)).level()).isEqualTo(Level.NORMAL);
    send(days(3, 6));

    assertThat(placeState(key(KOSTIANTYNIVKA)).level()).isEqualTo(Level.ELEVATED);
    assertThat(alerts.readValuesToList()).extracting(Alert::getLevel).containsExactly(Level.ELEVATED);
  }

  @Test
  void aRestartCarriesOnFromTheStores() {
    List<EnrichedArticle> demo = Donbas.demo();
    Predicate<EnrichedArticle> early = a -> a.getPublishedAt().isBefore(ESCALATION.plus(Duration.ofMinutes(50)));
    start(AlertsTopology.build(TOPICS, SETTINGS, 1));
    watch(KOSTIANTYNIVKA, Level.ELEVATED);
    send(demo.stream().filter(early).toList());
    List<Alert> beforeRestart = alerts.readValuesToList();
    restartWithStores(AlertsTopology.PLACE_STATE_STORE, AlertsTopology.PLACE_STORIES_STORE,
        AlertsTopology.PLACE_ORIGINALS_STORE, AlertsTopology.RECENT_ALERTS_STORE, AlertsTopology.FEED_VOLUME_STORE);
    send(demo.stream().filter(early.negate()).toList());

    List<Alert> all = new ArrayList<>(beforeRestart);
    all.addAll(alerts.readValuesToList());
    assertThat(all).isEqualTo(Backtest.run(demo, SETTINGS, WatchFilter.all()));
    assertThat(contents(driver.getKeyValueStore(AlertsTopology.RECENT_ALERTS_STORE)))
        .extracting(kv -> kv.value).isEqualTo(all);
  }

  /**
   * Copies are told per place, by the place's originals: a copy that comes after a restart, by
   * an outlet new to the window, is an echo of the story stored before it.
   */
  @Test
  void aCopyAfterARestartIsAnEchoOfTheStoryBeforeIt() {
    EnrichedArticle story = article("story").at(ESCALATION).source("a.example").about(KOSTIANTYNIVKA).build();
    EnrichedArticle copy = article("copy").at(ESCALATION.plusSeconds(600)).source("b.example")
        .about(KOSTIANTYNIVKA).copyOf("story").build();
    start(AlertsTopology.build(TOPICS, SETTINGS, 1));
    watch(KOSTIANTYNIVKA, Level.ELEVATED);
    send(List.of(story));
    List<KeyValue<String, Object>> originals = restartWithStores(AlertsTopology.PLACE_STATE_STORE,
        AlertsTopology.PLACE_STORIES_STORE, AlertsTopology.PLACE_ORIGINALS_STORE).get(AlertsTopology.PLACE_ORIGINALS_STORE);
    send(List.of(copy));

    assertThat(originals).extracting(kv -> kv.key)
        .containsExactly(key(KOSTIANTYNIVKA) + "/" + ESCALATION.toEpochMilli() + "/story");
    assertThat(placeState(key(KOSTIANTYNIVKA)).buckets()).flatExtracting(PlaceState.Bucket::stories)
        .extracting(PlaceState.Story::articleId, PlaceState.Story::echoOf)
        .containsExactly(tuple("story", null), tuple("copy", "story"));
  }

  /**
   * Closes the driver and starts a new one, Kostiantynivka watched from ELEVATED, with the
   * contents of the {@code stores} named restored, as a new instance restores them (from their
   * changelogs, in production). Returns the contents restored, by store.
   */
  private Map<String, List<KeyValue<String, Object>>> restartWithStores(String... stores) {
    Map<String, List<KeyValue<String, Object>>> kept = new LinkedHashMap<>();
    for (String store : stores) {
      kept.put(store, contents(driver.<String, Object>getKeyValueStore(store)));
    }
    driver.close();
    start(AlertsTopology.build(TOPICS, SETTINGS, 1));
    watch(KOSTIANTYNIVKA, Level.ELEVATED);
    kept.forEach((store, contents) -> driver.<String, Object>getKeyValueStore(store).putAll(contents));
    return kept;
  }

  private void start(Topology topology) {
    Properties props = StreamsDefaults.properties("test-alerts", "dummy:9092", TOPICS);
    props.put("state.dir", stateDir.toString());
    // the wall clock of a pipeline that ingests the test's articles as they are dated
    wallClock = DAY_ONE.minus(Duration.ofDays(1));
    driver = new TopologyTestDriver(topology, props, wallClock);
    Topic<String, EnrichedArticle> in = TOPICS.enriched();
    Topic<String, Watch> watches = TOPICS.watchlist();
    Topic<String, Alert> out = TOPICS.alerts();
    enriched = driver.createInputTopic(in.name(), in.keySerde().serializer(), in.valueSerde().serializer());
    watchlist = driver.createInputTopic(watches.name(), watches.keySerde().serializer(),
        watches.valueSerde().serializer());
    alerts = driver.createOutputTopic(out.name(), out.keySerde().deserializer(), out.valueSerde().deserializer());
    Topic<String, String> json = TOPICS.alertsJson();
    alertsJson = driver.createOutputTopic(json.name(), json.keySerde().deserializer(), json.valueSerde().deserializer());
  }

  /** The end of the demo's first rise (to ELEVATED). */
  private static final Instant FIRST_RISE_END = ESCALATION.plus(Duration.ofMinutes(50));

  /** Watches Kostiantynivka from ELEVATED, sends the demo's first rise, and returns the place's state. */
  private PlaceState watchedThroughTheDemosFirstRise() {
    start(AlertsTopology.build(TOPICS, SETTINGS, 1));
    watch(KOSTIANTYNIVKA, Level.ELEVATED);
    send(Donbas.demo().stream().filter(a -> a.getPublishedAt().isBefore(FIRST_RISE_END)).toList());
    return placeState(key(KOSTIANTYNIVKA));
  }

  private static EnrichedArticle lateInTheRise(String id) {
    return article(id).at(FIRST_RISE_END.plus(Duration.ofMinutes(5))).source("x.example").about(KOSTIANTYNIVKA).build();
  }

  private void watch(Level minLevel) {
    watch(KOSTIANTYNIVKA, minLevel);
  }

  private void watch(PlaceMention place, Level minLevel) {
    watchlist.pipeInput(key(place), Watch.newBuilder()
        .setPlaceId(place.getGeonameId())
        .setName(place.getName())
        .setMinLevel(minLevel)
        .setAddedAt(Donbas.DAY_ONE)
        .build());
  }

  private static String key(PlaceMention place) {
    return Long.toString(place.getGeonameId());
  }

  private KeyValueStore<String, PlaceState> states() {
    return driver.getKeyValueStore(AlertsTopology.PLACE_STATE_STORE);
  }

  private KeyValueStore<String, PlaceState.Story> stories() {
    return driver.getKeyValueStore(AlertsTopology.PLACE_STORIES_STORE);
  }

  /** A place's state as the HTTP API shows it. */
  private PlaceState placeState(String placeKey) {
    return PlaceStates.readWithOriginals(states(), stories(),
        driver.getKeyValueStore(AlertsTopology.PLACE_ORIGINALS_STORE), placeKey);
  }

  private static <V> List<KeyValue<String, V>> contents(KeyValueStore<String, V> store) {
    try (var all = store.all()) {
      List<KeyValue<String, V>> entries = new ArrayList<>();
      all.forEachRemaining(entries::add);
      return entries;
    }
  }

  private double articlesWaiting() {
    return driver.metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals(AlertsTopology.ARTICLES_WAITING_METRIC))
        .mapToDouble(e -> (Double) e.getValue().metricValue())
        .sum();
  }

  private double lateArticlesDropped() {
    return driver.metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals(DetectProcessor.LATE_METRIC + "-total"))
        .mapToDouble(e -> (Double) e.getValue().metricValue())
        .sum();
  }

  /** {@code stories} stories about Kostiantynivka on one day, from two outlets. */
  private static List<EnrichedArticle> days(int day, int stories) {
    List<EnrichedArticle> feed = new ArrayList<>();
    for (int i = 0; i < stories; i++) {
      feed.add(article("d" + day + "s" + i).at(DAY_ONE.plus(Duration.ofDays(day)).plus(Duration.ofHours(i)))
          .source("o" + i % 2 + ".example").about(KOSTIANTYNIVKA).build());
    }
    return feed;
  }

  /** The demo's escalation, told about another town from {@code from} on. */
  private static List<EnrichedArticle> escalation(PlaceMention town, Instant from) {
    List<EnrichedArticle> feed = new ArrayList<>();
    for (int i = 0; i < Donbas.ESCALATION_STORIES; i++) {
      feed.add(article(town.getName() + "-" + i).at(from.plus(Duration.ofMinutes(20L * i)))
          .source("outlet" + i % 6 + ".example").about(town).intensity(0.8, "shelling").build());
    }
    return feed;
  }

  /** Sends the articles, then lets the task go quiet, so that it releases what it holds. */
  /** Sends articles as enrich would, then lets the fan-out's partition go idle, which releases them all. */
  private void send(List<EnrichedArticle> articles) {
    articles.forEach(a -> enriched.pipeInput(a.getId(), a, a.getIngestedAt()));
    articles.stream().map(EnrichedArticle::getIngestedAt).max(Instant::compareTo).ifPresent(this::idlePast);
    for (int released = DetectProcessor.RELEASE_BATCH; released < articles.size(); released += DetectProcessor.RELEASE_BATCH) {
      advance(DetectProcessor.RELEASE_EVERY);
    }
  }

  /**
   * Moves the wall clock on until the fan-out's partition has been idle long enough that it has
   * passed {@code ingested}: every article ingested up to then is released.
   */
  private void idlePast(Instant ingested) {
    Instant due = ingested.plus(UpstreamCaughtUp.IDLE_LAG).plus(Progress.IDLE_AFTER);
    advance(wallClock.isBefore(due) ? Duration.between(wallClock, due) : Progress.IDLE_AFTER);
  }

  private void advance(Duration duration) {
    driver.advanceWallClockTime(duration);
    wallClock = wallClock.plus(duration);
  }
}
