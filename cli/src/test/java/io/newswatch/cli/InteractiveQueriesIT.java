package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.web.HttpSettings;
import io.newswatch.alerts.detector.DetectorSettings;
import io.newswatch.alerts.http.HttpApi;
import io.newswatch.alerts.http.StoreAlertQueries;
import io.newswatch.alerts.topology.AlertsTopology;
import io.newswatch.alerts.watchlist.WatchFilter;
import io.newswatch.cli.broker.LocalBroker;
import io.newswatch.cli.pipeline.Stages;
import io.newswatch.cli.pipeline.StreamsApp;
import io.newswatch.cli.pipeline.TopicSetup;
import io.newswatch.enrich.Enricher;
import io.newswatch.ingest.article.ArticleParser;
import io.newswatch.ingest.file.JsonLinesImporter;
import io.newswatch.ingest.kafka.KafkaArticleSink;
import io.newswatch.schemas.Json;
import io.newswatch.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the alerts stage on the real broker, each holding the places of one of two
 * partitions: each answers for every place and gives the alerts of both.
 */
class InteractiveQueriesIT {
  @TempDir static Path dir;
  static final Topics TOPICS = Topics.defaults();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void eachInstanceAnswersForEveryPlaceAndMergesTheAlertsOfBoth() throws Exception {
    int kafkaPort = LocalBroker.freePortPair();
    try (LocalBroker broker = LocalBroker.start(dir.resolve("kafka"), kafkaPort, kafkaPort + 1)) {
      Properties client = broker.clientProperties();
      TopicSetup.ensure(client, TOPICS, 2, (short) 1);
      try (var in = Demo.feed(); var sink = new KafkaArticleSink(client, TOPICS)) {
        new JsonLinesImporter(new ArticleParser(Clock.systemUTC())).importFrom("demo", in, sink);
      }
      HostInfo a = new HostInfo("127.0.0.1", UpIT.freePort());
      HostInfo b = new HostInfo("127.0.0.1", UpIT.freePort());
      try (StreamsApp enrich = Stages.startEnrich(client, TOPICS, (short) 1, dir.resolve("enrich"), Enricher.loadDefault());
           StreamsApp alertsA = startAlerts(client, a);
           StreamsApp alertsB = startAlerts(client, b);
           HttpApi apiA = HttpApi.start(HttpSettings.loopback(a.port()), alertsA::isRunning, new StoreAlertQueries(alertsA.streams(), a));
           HttpApi apiB = HttpApi.start(HttpSettings.loopback(b.port()), alertsB::isRunning, new StoreAlertQueries(alertsB.streams(), b))) {
        // the demo's feed is thin, so its first rise, across outlets new to the town, is already ESCALATING
        List<String> levels = List.of("CRITICAL", "ESCALATING");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
            enrich.isRunning() && alertsA.isRunning() && alertsB.isRunning()
                && levels.equals(alertLevels(get(a, "/api/alerts")))
                && levels.equals(alertLevels(get(b, "/api/alerts"))));

        List<String> heldByA = localPlaces(alertsA);
        List<String> heldByB = localPlaces(alertsB);
        assertThat(heldByA).as("each instance holds some places").isNotEmpty();
        assertThat(heldByB).isNotEmpty().doesNotContainAnyElementsOf(heldByA);
        TreeSet<String> places = new TreeSet<>(heldByA);
        places.addAll(heldByB);
        for (String place : places) {
          HttpResponse<String> fromA = get(a, "/api/places/" + place + "/timeline");
          HttpResponse<String> fromB = get(b, "/api/places/" + place + "/timeline");
          assertThat(fromA.statusCode()).as(place).isEqualTo(200);
          assertThat(fromB.statusCode()).as(place).isEqualTo(200);
          assertThat(fromA.body()).as(place).isEqualTo(fromB.body());
        }
        assertThat(get(a, "/api/alerts").body()).isEqualTo(get(b, "/api/alerts").body());
        // the map's places: every instance lists the places of all
        String listed = get(a, "/api/places").body();
        assertThat(listed).isEqualTo(get(b, "/api/places").body());
        assertThat(Json.MAPPER.readTree(listed)).extracting(p -> p.get("placeId").asText())
            .containsExactlyInAnyOrderElementsOf(places);
      }
    }
  }

  static StreamsApp startAlerts(Properties client, HostInfo self) {
    return Stages.startAlerts(client, TOPICS, (short) 1, dir.resolve("alerts-" + self.port()), DetectorSettings.defaults(),
        WatchFilter.all(), self);
  }

  static List<String> localPlaces(StreamsApp alerts) {
    List<String> places = new ArrayList<>();
    try (var all = alerts.streams().store(StoreQueryParameters.fromNameAndType(AlertsTopology.PLACE_STATE_STORE,
        QueryableStoreTypes.keyValueStore())).all()) {
      all.forEachRemaining(entry -> places.add((String) entry.key));
    }
    return places;
  }

  /** The levels of the alerts answered, sorted. */
  static List<String> alertLevels(HttpResponse<String> response) throws Exception {
    if (response.statusCode() != 200) {
      return List.of();
    }
    List<String> levels = new ArrayList<>();
    for (JsonNode alert : Json.MAPPER.readTree(response.body())) {
      levels.add(alert.get("level").asText());
    }
    levels.sort(null);
    return levels;
  }

  static HttpResponse<String> get(HostInfo instance, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + instance.host() + ":" + instance.port() + path))
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
