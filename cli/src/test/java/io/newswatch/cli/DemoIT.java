package io.newswatch.cli;

import static io.newswatch.cli.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.cli.broker.LocalBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code up --demo} as a newcomer runs it, the built jar in a process of its own: it prints the
 * same alerts on every fresh data directory, and run again on the same one it neither sends the
 * feed again nor touches a watch the user changed.
 */
class DemoIT {
  private static final String DEMO_ALERTS = "ALERT ";

  @TempDir Path dir;

  @Test
  void everyFreshDemoPrintsTheSameAlertsAndARerunLeavesFeedAndWatchesAlone() throws Exception {
    Path first = dir.resolve("first");
    int kafkaPort = LocalBroker.freePortPair();
    Properties client = new Properties();
    client.put("bootstrap.servers", LocalBroker.HOST + ":" + kafkaPort);
    String bootstrap = client.getProperty("bootstrap.servers");

    Path firstLog = dir.resolve("first.log");
    Process up = start(first, kafkaPort, firstLog);
    List<String> printed;
    try {
      printed = awaitAlertLines(firstLog, 2);
      assertThat(Files.readString(firstLog)).contains(
          "demo: watching Kostiantynivka (705104); demo feed: 25 read, 25 sent, 0 rejected.");
      CommandLineTest.Result changed = run("watch", "add", "705104", "--min-level", "CRITICAL",
          "--bootstrap-servers", bootstrap);
      assertThat(changed.exitCode()).as(changed.err()).isZero();
    } finally {
      stop(up, firstLog);
    }

    Path rerunLog = dir.resolve("rerun.log");
    up = start(first, kafkaPort, rerunLog);
    try {
      await().atMost(Duration.ofSeconds(90)).until(() -> Files.readString(rerunLog).contains("demo: "));
      assertThat(Files.readString(rerunLog)).contains("demo: already sent from " + first + " at ",
          "not sent again, and the watchlist is as you left it");
      assertThat(ReplayRecipeIT.enrichedArticles(client)).isEqualTo(25);
      assertThat(run("watch", "list", "--bootstrap-servers", bootstrap).out())
          .contains("705104").contains("CRITICAL");
    } finally {
      stop(up, rerunLog);
    }

    Path secondLog = dir.resolve("second.log");
    up = start(dir.resolve("second"), LocalBroker.freePortPair(), secondLog);
    try {
      assertThat(awaitAlertLines(secondLog, 2)).isEqualTo(printed);
    } finally {
      stop(up, secondLog);
    }
  }

  private Process start(Path data, int kafkaPort, Path log) throws Exception {
    return new ProcessBuilder(FeedIngestIT.java(), "-jar", FeedIngestIT.jar(), "up", "--demo",
        "--data-dir", data.toString(), "--kafka-port", Integer.toString(kafkaPort),
        "--http-port", Integer.toString(UpIT.freePort()))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** The first {@code n} alert lines {@code up} printed, once it has printed them. */
  private static List<String> awaitAlertLines(Path log, int n) throws IOException {
    await().atMost(Duration.ofSeconds(120)).until(() -> alertLines(log).size() >= n);
    return alertLines(log).subList(0, n);
  }

  private static List<String> alertLines(Path log) throws IOException {
    return Files.readAllLines(log).stream().filter(l -> l.startsWith(DEMO_ALERTS)).toList();
  }

  private static void stop(Process up, Path log) throws Exception {
    up.destroy();
    assertThat(up.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
  }
}
