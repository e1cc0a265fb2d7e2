package io.newswatch.cli;

import static io.newswatch.cli.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.alerts.detector.DetectorSettings;
import io.newswatch.alerts.watchlist.WatchFilter;
import io.newswatch.avro.Alert;
import io.newswatch.avro.Level;
import io.newswatch.avro.Watch;
import io.newswatch.cli.broker.LocalBroker;
import io.newswatch.cli.pipeline.Stages;
import io.newswatch.cli.pipeline.StreamsApp;
import io.newswatch.cli.pipeline.TopicSetup;
import io.newswatch.schemas.CompactedTopic;
import io.newswatch.enrich.Enricher;
import io.newswatch.ingest.article.ArticleParser;
import io.newswatch.ingest.file.JsonLinesImporter;
import io.newswatch.ingest.kafka.KafkaArticleSink;
import io.newswatch.schemas.TopicReader;
import io.newswatch.schemas.Topics;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.function.IntPredicate;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full replay on the real broker reproduces the alerts of the first run, id for id. */
class ReplayIT {
  @TempDir static Path dir;
  static LocalBroker broker;
  static Properties client;
  static final Topics TOPICS = Topics.defaults();

  @BeforeAll
  static void startBroker() throws Exception {
    broker = LocalBroker.startOnFreePorts(dir.resolve("kafka"));
    client = broker.clientProperties();
    // Several partitions, as on a cluster: they interleave differently in the replay, and the
    // alerts must not change with that (see docs/ARCHITECTURE.md, "Determinism").
    TopicSetup.ensure(client, TOPICS, 3, (short) 1);
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aFullReplayGivesTheSameAlertIds() throws Exception {
    new CompactedTopic<>(client, TOPICS.watchlist())
        .put("705104", new Watch(705104L, "Kostiantynivka", Level.ELEVATED, Instant.now()));
    try (var in = Demo.feed(); var sink = new KafkaArticleSink(client, TOPICS)) {
      new JsonLinesImporter(new ArticleParser(Clock.systemUTC())).importFrom("demo", in, sink);
    }
    runStagesUntil(TOPICS, Enricher.loadDefault(), WatchFilter.none(), n -> n > 0);
    List<String> firstRun = alertIds(client);
    assertThat(firstRun).isNotEmpty();

    var replay = run("replay", "--from", "1970-01-01T00:00:00Z", "--state-dir", dir.resolve("state").toString(),
        "--bootstrap-servers", broker.bootstrapServers());
    assertThat(replay.exitCode()).as(replay.err()).isZero();
    assertThat(replay.out()).contains("will enrich:", "will alerts:", "done");

    runStagesUntil(TOPICS, Enricher.loadDefault(), WatchFilter.none(), n -> n >= 2 * firstRun.size());
    List<String> replayed = new ArrayList<>(alertIds(client)); // read partition by partition: not in order
    firstRun.forEach(replayed::remove);
    assertThat(replayed).containsExactlyInAnyOrderElementsOf(firstRun);
  }

  /**
   * After a tagging change and a replay of both stages, the alerts follow the new tags only:
   * none from the first run's enrichment is read again, and the escalations the change did not
   * touch keep their ids. "Krasnoarmeysk" is a Russian town by default and Pokrovsk, Ukraine
   * (its former name), when Ukraine is preferred.
   */
  @Test
  void aReplayAfterATaggingChangeAlertsOnTheNewTagsOnly() throws Exception {
    Topics topics = Topics.withPrefix("change.");
    TopicSetup.ensure(client, topics, 3, (short) 1);
    try (var sink = new KafkaArticleSink(client, topics)) {
      JsonLinesImporter importer = new JsonLinesImporter(new ArticleParser(Clock.systemUTC()));
      try (var in = Demo.feed()) {
        importer.importFrom("demo", in, sink);
      }
      importer.importFrom("krasnoarmeysk", new StringReader(krasnoarmeyskEscalation()), sink);
    }
    WatchFilter everyTown = WatchFilter.all(0);
    runStagesUntil(topics, Enricher.loadDefault(), everyTown, n -> n > 0);
    List<Alert> firstRun = alerts(client, topics);
    assertThat(firstRun).extracting(Alert::getCountryCode).contains("RU");

    var replay = run("replay", "--from", "1970-01-01T00:00:00Z", "--topic-prefix", "change.",
        "--state-dir", dir.resolve("state").toString(), "--bootstrap-servers", broker.bootstrapServers());
    assertThat(replay.exitCode()).as(replay.err()).isZero();
    Enricher preferringUkraine = Enricher.load(new Enricher.Options(null, null, Set.of("UA")));
    int untouched = ids(firstRun, Demo.KOSTIANTYNIVKA).size();
    runStagesUntil(topics, preferringUkraine, everyTown, n -> n > firstRun.size() + untouched);

    List<Alert> replayed = new ArrayList<>(alerts(client, topics)); // read partition by partition: not in order
    firstRun.forEach(replayed::remove);
    assertThat(replayed).extracting(Alert::getCountryCode).as("no alert from the first run's tags").doesNotContain("RU");
    assertThat(replayed).extracting(Alert::getPlaceId).contains(POKROVSK);
    assertThat(ids(replayed, Demo.KOSTIANTYNIVKA)).isNotEmpty().isEqualTo(ids(firstRun, Demo.KOSTIANTYNIVKA));
  }

  private static final long POKROVSK = 704422L;

  /** Eight distinct reports from six outlets within two hours that name "Krasnoarmeysk" and no other place. */
  private static String krasnoarmeyskEscalation() {
    List<String> reports = List.of(
        "Heavy shelling hit residential blocks in Krasnoarmeysk overnight, officials said.",
        "Artillery fire damaged a school and two shops in Krasnoarmeysk on Thursday morning.",
        "Residents of Krasnoarmeysk spent the night in basements as explosions continued.",
        "A drone strike set a warehouse on fire in Krasnoarmeysk, emergency services reported.",
        "Rocket attacks cut power to much of Krasnoarmeysk, the utility company said.",
        "Volunteers evacuated elderly people from Krasnoarmeysk as the bombardment intensified.",
        "Two civilians were wounded when shells landed near the market in Krasnoarmeysk.",
        "Fighting on the outskirts of Krasnoarmeysk grew fiercer, a military spokesman said.");
    StringBuilder lines = new StringBuilder();
    Instant start = Instant.parse("2025-11-20T08:00:00Z");
    for (int i = 0; i < reports.size(); i++) {
      String outlet = "outlet" + (i % 6) + ".example";
      lines.append(String.format(Locale.ROOT, "{\"id\": \"k-%d\", \"url\": \"https://%s/k-%d\", \"source\": \"%s\", "
              + "\"title\": \"%s\", \"body\": \"%s\", \"publishedAt\": \"%s\"}%n",
          i, outlet, i, outlet, reports.get(i), reports.get(i), start.plus(Duration.ofMinutes(15L * i))));
    }
    return lines.toString();
  }

  private static List<String> ids(List<Alert> alerts, long placeId) {
    return alerts.stream().filter(a -> a.getPlaceId() == placeId).map(Alert::getAlertId).sorted().toList();
  }

  @Test
  void refusesWhileAStageIsRunning() throws Exception {
    Topics other = Topics.withPrefix("other.");
    TopicSetup.ensure(client, other, 1, (short) 1);
    try (StreamsApp enrich = Stages.startEnrich(client, other, (short) 1, dir.resolve("other-state"), Enricher.loadDefault())) {
      await().atMost(Duration.ofSeconds(60)).until(enrich::isRunning);

      var replay = run("replay", "--from", "1970-01-01T00:00:00Z", "--app", "enrich", "--topic-prefix", "other.",
          "--state-dir", dir.resolve("other-state").toString(), "--bootstrap-servers", broker.bootstrapServers());

      assertThat(replay.exitCode()).isEqualTo(2);
      assertThat(replay.err()).contains("other.newswatch-enrich has 1 running member(s)");
    }
  }

  /** Runs both stages until the alerts on the topic satisfy {@code done} ({@link #awaitAlerts}), then stops them. */
  static void runStagesUntil(Topics topics, Enricher enricher, WatchFilter watched, IntPredicate done) throws Exception {
    Path state = dir.resolve("state");
    try (StreamsApp enrich = Stages.startEnrich(client, topics, (short) 1, state, enricher);
         StreamsApp alerts = Stages.startAlerts(client, topics, (short) 1, state, DetectorSettings.defaults(), watched,
             new HostInfo("localhost", 0))) {
      awaitAlerts(client, topics, done);
    }
  }

  /**
   * Waits until the number of alerts on the topic satisfies {@code done} and has stopped
   * changing (the demo raises a few, close together).
   */
  static void awaitAlerts(Properties client, IntPredicate done) {
    awaitAlerts(client, TOPICS, done);
  }

  private static void awaitAlerts(Properties client, Topics topics, IntPredicate done) {
    int[] last = {-1};
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).until(() -> {
      int n = alerts(client, topics).size();
      boolean settled = done.test(n) && n == last[0];
      last[0] = n;
      return settled;
    });
  }

  /** The ids of the alerts on the alerts topic, partition by partition. */
  static List<String> alertIds(Properties client) {
    return alerts(client, TOPICS).stream().map(Alert::getAlertId).toList();
  }

  static List<Alert> alerts(Properties client, Topics topics) {
    var topic = topics.alerts();
    List<Alert> alerts = new ArrayList<>();
    TopicReader.readToEnd(client, topic.name(), Instant.EPOCH, record ->
        alerts.add(topic.valueSerde().deserializer().deserialize(topic.name(), record.value())));
    return alerts;
  }

}
