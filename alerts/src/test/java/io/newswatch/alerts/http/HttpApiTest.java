package io.newswatch.alerts.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.web.HttpSettings;
import io.newswatch.alerts.Donbas;
import io.newswatch.alerts.detector.Backtest;
import io.newswatch.alerts.detector.Detector;
import io.newswatch.alerts.detector.DetectorSettings;
import io.newswatch.alerts.detector.PlaceState;
import io.newswatch.alerts.topology.AlertsTopology;
import io.newswatch.alerts.watchlist.WatchFilter;
import io.newswatch.avro.Alert;
import io.newswatch.avro.EnrichedArticle;
import io.newswatch.schemas.AvroJson;
import io.newswatch.schemas.Json;
import io.newswatch.schemas.StreamsDefaults;
import io.newswatch.schemas.Topic;
import io.newswatch.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpApiTest {
  private static final List<Alert> ALERTS =
      Backtest.run(Donbas.demo(), DetectorSettings.defaults(), WatchFilter.all());

  private final AtomicBoolean ready = new AtomicBoolean(false);
  private final HttpClient client = HttpClient.newHttpClient();
  private HttpApi api;

  /** The alerts topology after the demo feed: its recent-alerts store is what the API reads. */
  private static TopologyTestDriver pipeline;

  @TempDir
  static Path stateDir;

  /** Answers from the recent-alerts store the alerts stage wrote for the demo feed. */
  private final AlertQueries demo = instance(
      since -> StoreAlertQueries.alertsSince(recentAlerts(), since), true, () -> null);

  @BeforeAll
  static void runTheDemoThroughTheAlertsStage() {
    Topics topics = Topics.defaults();
    Properties props = StreamsDefaults.properties("http-api-test", "dummy:9092", topics);
    props.put("state.dir", stateDir.toString());
    Instant wallClock = Donbas.DAY_ONE.minus(Duration.ofDays(1));
    pipeline = new TopologyTestDriver(
        AlertsTopology.build(topics, DetectorSettings.defaults(), WatchFilter.all(), 1), props, wallClock);
    Topic<String, EnrichedArticle> enriched = topics.enriched();
    TestInputTopic<String, EnrichedArticle> in = pipeline.createInputTopic(enriched.name(),
        enriched.keySerde().serializer(), enriched.valueSerde().serializer());
    List<EnrichedArticle> demo = Donbas.demo();
    demo.forEach(a -> in.pipeInput(a.getId(), a, a.getIngestedAt()));
    // The feed then pauses: once the fan-out has said so, the detector releases what waits.
    Instant lastIngested = demo.stream().map(EnrichedArticle::getIngestedAt).max(Instant::compareTo).orElseThrow();
    pipeline.advanceWallClockTime(Duration.between(wallClock, lastIngested.plus(Duration.ofMinutes(1))));
    for (int i = 0; i < 3; i++) {
      pipeline.advanceWallClockTime(Duration.ofSeconds(1));
    }
    assertThat(StoreAlertQueries.alertsSince(recentAlerts(), Instant.EPOCH)).as("the stage agrees with the backtest")
        .isEqualTo(ALERTS);
  }

  @AfterAll
  static void stopThePipeline() {
    pipeline.close();
  }

  private static KeyValueStore<String, Alert> recentAlerts() {
    return pipeline.getKeyValueStore(AlertsTopology.RECENT_ALERTS_STORE);
  }

  /**
   * One instance's answers: its alerts since a time, Kostiantynivka's state when it
   * {@code holdsPlaces}, else the word of {@code other}, the other instance (null for none).
   */
  private static AlertQueries instance(Function<Instant, List<Alert>> alertsSince, boolean holdsPlaces,
      Supplier<URI> other) {
    return new AlertQueries() {
      @Override
      public List<Alert> alertsSince(Instant since) {
        return alertsSince.apply(since);
      }

      @Override
      public Optional<PlaceState> placeState(long placeId) {
        if (!holdsPlaces || placeId != Donbas.KOSTIANTYNIVKA.getGeonameId()) {
          return Optional.empty();
        }
        return Optional.of(kostiantynivkaAfterTheDemo());
      }

      @Override
      public List<PlaceSummary> places() {
        if (!holdsPlaces) {
          return List.of();
        }
        PlaceState state = kostiantynivkaAfterTheDemo();
        return List.of(PlaceSummary.of(state, state.buckets().stream().mapToInt(b -> b.stories().size()).sum()));
      }

      @Override
      public Optional<URI> remoteHolderOf(long placeId) {
        return holdsPlaces ? Optional.empty() : Optional.ofNullable(other.get());
      }

      @Override
      public List<URI> otherInstances() {
        return other.get() == null ? List.of() : List.of(other.get());
      }
    };
  }

  /**
   * The alerts one instance of several holds, answered as its recent-alerts store would (the
   * demo's store, less the others' alerts): for what the merging of instances does with them.
   */
  private static Function<Instant, List<Alert>> holding(Alert... alerts) {
    List<Alert> held = List.of(alerts);
    return since -> StoreAlertQueries.alertsSince(recentAlerts(), since).stream().filter(held::contains).toList();
  }

  private static PlaceState kostiantynivkaAfterTheDemo() {
    Detector detector = Detector.start(DetectorSettings.defaults(), Donbas.KOSTIANTYNIVKA);
    Donbas.demo().forEach(a -> detector.onArticle(a, DetectorSettings.defaults().fullFeedPerDay()));
    return detector.state();
  }

  @BeforeEach
  void start() {
    api = HttpApi.start(HttpSettings.loopback(0), ready::get, demo);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void readyOnlyOnceTheStagesRunWhileAliveThroughout() throws Exception {
    HttpResponse<String> notReady = get("/ready");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body()).isEqualTo("{\"status\":\"NOT_READY\"}");
    assertThat(get("/health").statusCode()).isEqualTo(200);

    ready.set(true);

    HttpResponse<String> up = get("/ready");
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(up.body()).isEqualTo("{\"status\":\"READY\"}");
    assertThat(get("/health").body()).isEqualTo("{\"status\":\"UP\"}");
  }

  @Test
  void alertsAreJsonOldestFirst() throws Exception {
    HttpResponse<String> response = get("/api/alerts");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    JsonNode alerts = Json.MAPPER.readTree(response.body());
    assertThat(alerts).hasSize(3);
    assertThat(alerts.get(0).toString()).isEqualTo(AvroJson.toJsonLine(ALERTS.get(0)));
    assertThat(response.body()).contains("\"placeId\":705104", "\"level\":\"ESCALATING\"");
  }

  @Test
  void alertsSinceLeavesOutOlderOnes() throws Exception {
    Instant since = ALERTS.get(1).getDetectedAt();

    JsonNode alerts = Json.MAPPER.readTree(get("/api/alerts?since=" + since).body());

    assertThat(alerts).extracting(a -> a.get("level").asText()).containsExactly("ESCALATING", "CRITICAL");
    JsonNode later = Json.MAPPER.readTree(get("/api/alerts?since=" + since.plusMillis(1)).body());
    assertThat(later).extracting(a -> a.get("level").asText()).containsExactly("CRITICAL");
    assertThat(get("/api/alerts?since=yesterday").statusCode()).isEqualTo(400);
  }

  @Test
  void aSinceOutOfRangeIsAnAnswerNotAServerError() throws Exception {
    assertThat(get("/api/alerts?since=%2B300000000-01-01T00:00:00Z").body()).isEqualTo("[]");
    assertThat(get("/api/alerts?since=2286-11-20T17:46:40Z").body()).isEqualTo("[]");
    HttpResponse<String> longAgo = get("/api/alerts?since=-300000000-01-01T00:00:00Z");
    assertThat(longAgo.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(longAgo.body())).hasSize(ALERTS.size());
  }

  @Test
  void aLastEventIdWithANegativePositionIsIgnoredNotSoughtTo() {
    assertThat(AlertStream.positions("0:-5")).isEmpty();
    assertThat(AlertStream.positions("-1:5")).isEmpty();
    assertThat(AlertStream.positions("0:5,1:7")).containsEntry(0, 5L).containsEntry(1, 7L);
  }

  @Test
  void timelineShowsTheDaysBeforeTheEscalationAndItsStoriesNewestFirstInIso8601() throws Exception {
    HttpResponse<String> response = get("/api/places/705104/timeline");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode timeline = Json.MAPPER.readTree(response.body());
    assertThat(timeline.get("placeName").asText()).isEqualTo("Kostiantynivka");
    assertThat(timeline.get("level").asText()).isEqualTo("CRITICAL");
    assertThat(timeline.get("bucket").asText()).isEqualTo("PT1H");
    assertThat(timeline.get("baseline").asDouble()).isBetween(0.01, 1.0);
    // hourly buckets, every one, from the quiet days before to the end of the window
    List<Instant> starts = new ArrayList<>();
    timeline.get("buckets").forEach(b -> starts.add(Instant.parse(b.get("start").asText())));
    assertThat(starts.get(0)).isBefore(Instant.parse(timeline.get("windowStart").asText()).minus(Duration.ofDays(3)));
    for (int i = 1; i < starts.size(); i++) {
      assertThat(Duration.between(starts.get(i - 1), starts.get(i))).isEqualTo(Duration.ofHours(1));
    }
    assertThat(starts.get(starts.size() - 1).plus(Duration.ofHours(1)))
        .isEqualTo(Instant.parse(timeline.get("windowEnd").asText()));
    int quietDays = 0;
    int window = 0;
    for (JsonNode b : timeline.get("buckets")) {
      if (b.get("inWindow").asBoolean()) {
        window += b.get("stories").asInt();
      } else {
        quietDays += b.get("stories").asInt();
      }
    }
    assertThat(quietDays).as("the five quiet days' 1-2 stories a day").isBetween(5, 10);
    assertThat(window).isEqualTo(Donbas.ESCALATION_STORIES);
    List<Instant> published = new ArrayList<>();
    timeline.get("stories").forEach(st -> published.add(Instant.parse(st.get("publishedAt").asText())));
    // the stories and the aggregator's first copy: its later copies add nothing to the window
    assertThat(published).hasSize(Donbas.ESCALATION_STORIES + 1).isSortedAccordingTo(Comparator.reverseOrder());
    assertThat(get("/api/places/1/timeline").statusCode()).isEqualTo(404);
    assertThat(get("/api/places/kostiantynivka/timeline").statusCode()).isEqualTo(400);
  }

  @Test
  void placesListTheTrackedPlacesWithTheirLevelNow() throws Exception {
    JsonNode places = Json.MAPPER.readTree(get("/api/places").body());

    assertThat(places).hasSize(1);
    assertThat(places.get(0).get("placeName").asText()).isEqualTo("Kostiantynivka");
    assertThat(places.get(0).get("level").asText()).isEqualTo("CRITICAL");
    assertThat(places.get(0).get("reports").asInt()).isEqualTo(Donbas.ESCALATION_STORIES + 1);
    assertThat(places.get(0).get("lat").asDouble()).isEqualTo(Donbas.KOSTIANTYNIVKA.getLat());
    assertThat(Instant.parse(places.get(0).get("windowEnd").asText())).isAfter(ALERTS.get(2).getDetectedAt());
  }

  @Test
  void aPlaceHeldByAnotherInstanceIsAskedThereAndTheAlertsOfAllInstancesAreMerged() throws Exception {
    AtomicReference<URI> secondsAddress = new AtomicReference<>();
    try (HttpApi first = HttpApi.start(HttpSettings.loopback(0), () -> true,
            instance(holding(ALERTS.get(0), ALERTS.get(2)), true, secondsAddress::get));
         HttpApi second = HttpApi.start(HttpSettings.loopback(0), () -> true,
            instance(holding(ALERTS.get(1)), false, () -> URI.create("http://127.0.0.1:" + first.port())))) {
      secondsAddress.set(URI.create("http://127.0.0.1:" + second.port()));

      for (String path : List.of("/api/places/705104/timeline", "/api/places/1/timeline", "/api/places", "/api/alerts",
          "/api/alerts?since=" + ALERTS.get(1).getDetectedAt())) {
        HttpResponse<String> here = get(first, path);
        HttpResponse<String> there = get(second, path);
        assertThat(there.statusCode()).as(path).isEqualTo(here.statusCode());
        assertThat(there.body()).as(path).isEqualTo(here.body());
      }
      assertThat(Json.MAPPER.readTree(get(second, "/api/alerts").body()))
          .extracting(a -> a.get("alertId").asText())
          .containsExactlyElementsOf(ALERTS.stream().map(Alert::getAlertId).toList());
    }
  }

  @Test
  void anInstanceThatDoesNotAnswerIsA503() throws Exception {
    URI gone;
    try (HttpApi other = HttpApi.start(HttpSettings.loopback(0), () -> true, instance(since -> List.of(), true, () -> null))) {
      gone = URI.create("http://127.0.0.1:" + other.port());
    }
    try (HttpApi lonely = HttpApi.start(HttpSettings.loopback(0), () -> true, instance(since -> List.of(), false, () -> gone))) {
      assertThat(get(lonely, "/api/alerts").statusCode()).isEqualTo(503);
      assertThat(get(lonely, "/api/places/705104/timeline").statusCode()).isEqualTo(503);
      assertThat(get(lonely, "/api/places").statusCode()).isEqualTo(503);
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return get(api, path);
  }

  private HttpResponse<String> get(HttpApi server, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
