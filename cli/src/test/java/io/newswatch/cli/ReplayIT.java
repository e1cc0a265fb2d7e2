package io.newswatch.cli;

import static io.newswatch.cli.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.alerts.detector.DetectorSettings;
import io.newswatch.alerts.watchlist.WatchFilter;
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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
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
    runStagesUntil(n -> n > 0);
    List<String> firstRun = alertIds();
    assertThat(firstRun).isNotEmpty();

    var replay = run("replay", "--from", "1970-01-01T00:00:00Z", "--state-dir", dir.resolve("state").toString(),
        "--bootstrap-servers", broker.bootstrapServers());
    assertThat(replay.exitCode()).as(replay.err()).isZero();
    assertThat(replay.out()).contains("will enrich:", "will alerts:", "done");

    runStagesUntil(n -> n >= 2 * firstRun.size());
    List<String> all = alertIds();
    assertThat(all).hasSize(2 * firstRun.size());
    assertThat(all.subList(firstRun.size(), all.size())).containsExactlyInAnyOrderElementsOf(firstRun);
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

  /**
   * Runs both stages until the number of alerts on the topic satisfies {@code done} and has
   * stopped changing (the demo raises a few, close together), then stops them.
   */
  static void runStagesUntil(IntPredicate done) throws Exception {
    Path state = dir.resolve("state");
    try (StreamsApp enrich = Stages.startEnrich(client, TOPICS, (short) 1, state, Enricher.loadDefault());
         StreamsApp alerts = Stages.startAlerts(client, TOPICS, (short) 1, state, DetectorSettings.defaults(), WatchFilter.none(),
             new HostInfo("localhost", 0))) {
      int[] last = {-1};
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).until(() -> {
        int n = alertIds().size();
        boolean settled = done.test(n) && n == last[0];
        last[0] = n;
        return settled;
      });
    }
  }

  static List<String> alertIds() {
    var topic = TOPICS.alerts();
    List<String> ids = new ArrayList<>();
    TopicReader.readToEnd(client, topic.name(), Instant.EPOCH, record ->
        ids.add(topic.valueSerde().deserializer().deserialize(topic.name(), record.value()).getAlertId()));
    return ids;
  }

}
