package io.newswatch.cli;

import static io.newswatch.cli.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.cli.broker.LocalBroker;
import io.newswatch.schemas.TopicReader;
import io.newswatch.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's replay recipe on the default setup, as written: Ctrl-C on {@code up}, then
 * {@code replay --from} (a dry run first), then {@code up}, which reprocesses. {@code up} runs
 * as a user runs it, the built jar in a process of its own with its built-in broker, here on
 * this test's data directory and ports; {@code replay} has no {@code --bootstrap-servers}.
 */
class ReplayRecipeIT {
  @TempDir Path dir;

  @Test
  void replayOnTheDataDirOfAStoppedUpMakesTheNextUpReprocessAndIsRefusedWhileUpRuns() throws Exception {
    Path data = dir.resolve("data");
    int kafkaPort = LocalBroker.freePortPair();
    int httpPort = UpIT.freePort();
    Properties client = new Properties();
    client.put("bootstrap.servers", LocalBroker.HOST + ":" + kafkaPort);
    String from = Instant.now().minus(Duration.ofHours(1)).toString();

    Path log = dir.resolve("up.log");
    Process up = startUp(log, data, kafkaPort, httpPort, "--demo");
    List<String> firstRun;
    int enrichedFirst;
    try {
      ReplayIT.awaitAlerts(client, n -> n > 0);
      firstRun = ReplayIT.alertIds(client);
      enrichedFirst = enrichedArticles(client);

      CommandLineTest.Result refused = run("replay", "--from", from, "--data-dir", data.toString());
      assertThat(refused.exitCode()).isEqualTo(2);
      assertThat(refused.err().strip()).doesNotContain("\n").isEqualTo("newswatch: " + data
          + " is in use by another newswatch up (process " + up.pid() + "): stop it first (Ctrl-C), then replay");
    } finally {
      ctrlC(up, log);
    }

    CommandLineTest.Result dryRun = run("replay", "--from", from, "--dry-run", "--data-dir", data.toString());
    assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
    assertThat(dryRun.out()).contains("would enrich: reset group newswatch-enrich", "would alerts: reset group")
        .doesNotContain("done");
    CommandLineTest.Result replay = run("replay", "--from", from, "--data-dir", data.toString());
    assertThat(replay.exitCode()).as(replay.err()).isZero();
    assertThat(replay.out()).contains("will enrich: reset group newswatch-enrich", "will alerts: reset group",
        "wipe local state " + data.resolve("state").resolve("alerts"), "done");

    up = startUp(log, data, kafkaPort, httpPort);
    try {
      ReplayIT.awaitAlerts(client, n -> n >= 2 * firstRun.size());
      List<String> all = ReplayIT.alertIds(client);
      assertThat(all).hasSize(2 * firstRun.size());
      assertThat(all.subList(firstRun.size(), all.size())).containsExactlyInAnyOrderElementsOf(firstRun);
      assertThat(enrichedArticles(client)).isEqualTo(2 * enrichedFirst);
    } finally {
      ctrlC(up, log);
    }
  }

  /** {@code newswatch up} on {@code data}, logging to {@code log}, running once its {@code /ready} says so. */
  static Process startUp(Path log, Path data, int kafkaPort, int httpPort, String... more) throws IOException {
    List<String> command = new ArrayList<>(List.of(FeedIngestIT.java(), "-jar", FeedIngestIT.jar(), "up",
        "--data-dir", data.toString(), "--kafka-port", Integer.toString(kafkaPort),
        "--http-port", Integer.toString(httpPort)));
    command.addAll(List.of(more));
    Process up = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    HttpClient http = HttpClient.newHttpClient();
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
        .failFast(() -> !up.isAlive())
        .until(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/ready")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    return up;
  }

  /** SIGTERM, as Ctrl-C: up stops its stages and its broker and exits. */
  static void ctrlC(Process up, Path log) throws Exception {
    up.destroy();
    assertThat(up.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
  }

  static int enrichedArticles(Properties client) {
    AtomicInteger n = new AtomicInteger();
    TopicReader.readToEnd(client, Topics.defaults().enriched().name(), Instant.EPOCH, record -> n.incrementAndGet());
    return n.get();
  }
}
