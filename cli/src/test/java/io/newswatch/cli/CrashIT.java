package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.avro.Alert;
import io.newswatch.avro.RawArticle;
import io.newswatch.cli.broker.LocalBroker;
import io.newswatch.cli.pipeline.TopicSetup;
import io.newswatch.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once through crashes, on the real broker with enrich and alerts in their own JVMs,
 * as {@code newswatch enrich} and {@code newswatch alerts} run in production: a clean run gives
 * the reference alerts; then the same articles run again while the stages are killed with
 * {@code kill -9} and restarted, or while the broker is restarted. Every article must come out
 * enriched exactly once and no alert twice; after crashes of alerts or of enrich, the alerts must
 * be the clean run's, field for field.
 * {@code -Dnewswatch.crash.articles} sets the number of articles ({@code -Pnightly}: 100,000).
 */
class CrashIT {
  static final int ARTICLES = Integer.getInteger("newswatch.crash.articles", 10_000);
  static final long SEED = Long.getLong("newswatch.crash.seed", 7);

  @TempDir static Path dir;
  static int port;
  static LocalBroker broker;
  static Properties client;
  static List<RawArticle> articles;
  static List<Alert> cleanAlerts;

  @BeforeAll
  static void start() throws Exception {
    port = LocalBroker.freePortPair();
    broker = LocalBroker.start(dir.resolve("kafka"), port, port + 1);
    client = broker.clientProperties();
    articles = LivePipeline.articles(ARTICLES, SEED);
    cleanAlerts = run(Topics.withPrefix("clean."), pipeline -> { }).alerts();
    assertThat(cleanAlerts).as("the clean run must raise alerts for the comparison to mean anything").isNotEmpty();
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void killingAlertsFiveTimesLosesNothingDuplicatesNothingAndChangesNoAlert() throws Exception {
    LivePipeline run = run(Topics.withPrefix("kill-alerts."), pipeline -> killFiveTimes(pipeline.alerts.get(0), SEED));
    List<Alert> alerts = run.alerts();

    assertThat(LivePipeline.ids(alerts)).doesNotHaveDuplicates();
    // whole alerts, not only their ids: an article that reached a detector late would change its baseline
    run.assertAlertsAre(alerts, cleanAlerts);
  }

  /**
   * While enrich is down the enriched partitions seem paused, but enrich has not caught up: the
   * alerts stage holds what it has until the restarted enrich sends what comes before it
   * (docs/ARCHITECTURE.md, "Determinism").
   */
  @Test
  void killingEnrichFiveTimesLosesNothingDuplicatesNothingAndChangesNoAlert() throws Exception {
    LivePipeline run = run(Topics.withPrefix("kill-enrich."),
        pipeline -> killFiveTimes(pipeline.enrich.get(0), SEED + 1));
    List<Alert> alerts = run.alerts();

    assertThat(LivePipeline.ids(alerts)).doesNotHaveDuplicates();
    run.assertAlertsAre(alerts, cleanAlerts);
  }

  /**
   * While the broker is down, the feed's producer holds the articles it stamps, and writes them
   * once the broker is back: the alerts stage, which could not ask the cluster meanwhile, waits
   * for them before it takes the feed to have passed them (docs/ARCHITECTURE.md, "Determinism").
   */
  @Test
  void restartingTheBrokerMidRunLosesNothingDuplicatesNothingAndChangesNoAlert() throws Exception {
    Random random = new Random(SEED + 2);
    LivePipeline run = run(Topics.withPrefix("restart."), pipeline -> {
      double moment = 0.1 + 0.5 * random.nextDouble();
      await().atMost(Duration.ofMinutes(5)).until(() -> pipeline.enrich.get(0).progress() >= moment);
      broker.close();
      Thread.sleep(2000);
      broker = LocalBroker.start(dir.resolve("kafka"), port, port + 1);
    });
    List<Alert> alerts = run.alerts();

    assertThat(LivePipeline.ids(alerts)).doesNotHaveDuplicates();
    run.assertAlertsAre(alerts, cleanAlerts);
  }

  /** kill -9 at five random moments of the stage's work, each time restarting it at once. */
  static void killFiveTimes(LivePipeline.Stage victim, long seed) throws Exception {
    Random random = new Random(seed);
    for (double moment : random.doubles(5, 0.05, 0.9).sorted().toArray()) {
      await().atMost(Duration.ofMinutes(5)).until(() -> victim.progress() >= moment);
      Thread.sleep(random.nextInt(1000));
      double before = victim.progress();
      victim.crashAndRestart();
      // the next moment falls in the work of the restarted stage, not in its start
      await().atMost(Duration.ofMinutes(5)).until(() -> victim.progress() > before || victim.lag() == 0);
    }
  }

  // --- a run ----------------------------------------------------------------------------

  /**
   * Sends the articles to {@code topics}, runs one instance of each stage through
   * {@code disruption} until they are done, checks that every article was enriched exactly once
   * and returns the pipeline, stopped: its alerts and its stages' logs can still be read.
   */
  static LivePipeline run(Topics topics, LivePipeline.Disruption disruption) throws Exception {
    TopicSetup.ensure(client, topics, 3, (short) 1);
    try (LivePipeline pipeline = new LivePipeline(client, dir, topics, articles, 1)) {
      pipeline.run(disruption);
      return pipeline;
    }
  }
}
