package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.newswatch.avro.Alert;
import io.newswatch.cli.broker.LocalBroker;
import io.newswatch.schemas.AvroJson;
import io.newswatch.schemas.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subscriber in another language, as the README shows it: {@code examples/alerts_consumer.py}
 * (confluent-kafka) and the README's kcat line read the alerts of {@code newswatch up --demo} from
 * the JSON alerts topic, with no Avro, and see the same alerts as the Avro topic holds;
 * {@code newswatch tail} shows that topic as it shows the Avro one.
 * CI installs Debian's python3-confluent-kafka and kcat; without them this test fails there
 * and is skipped elsewhere.
 */
class PythonConsumerIT {
  static final Path EXAMPLE = Path.of("..", "examples", "alerts_consumer.py");
  /** The demo's alerts, in order: its thin feed rises straight to ESCALATING, then CRITICAL. */
  static final List<String> DEMO_LEVELS = List.of("ESCALATING", "CRITICAL");
  static final Duration PATIENCE = Duration.ofMinutes(3);

  @TempDir Path dir;

  @Test
  void thePythonExampleAndKcatPrintTheDemosAlertsFromTheJsonTopic() throws Exception {
    // Debian's python3 has the package; a python3 earlier on the PATH (a virtualenv, pyenv) may not
    String python = Stream.of("python3", "/usr/bin/python3")
        .filter(candidate -> runs(candidate, "-c", "import confluent_kafka")).findFirst().orElse("python3");
    require("python3 with confluent_kafka (Debian's python3-confluent-kafka)", python, "-c", "import confluent_kafka");
    require("kcat (Debian's kcat)", "kcat", "-V");
    Path data = dir.resolve("data");
    Path log = dir.resolve("up.log");
    int kafkaPort = LocalBroker.freePortPair();
    String bootstrap = LocalBroker.HOST + ":" + kafkaPort;
    Process up = ReplayRecipeIT.startUp(log, data, kafkaPort, UpIT.freePort(), "--demo");
    try {
      Output printed = run(python, EXAMPLE.toString(), bootstrap, Integer.toString(DEMO_LEVELS.size()));

      List<Alert> alerts = ReplayIT.alerts(clientOf(bootstrap), Topics.defaults());
      assertThat(alerts).extracting(a -> a.getLevel().toString()).isEqualTo(DEMO_LEVELS);
      assertThat(printed.lines()).as(printed.err())
          .isEqualTo(alerts.stream().map(a -> a.getLevel() + " " + a.getSummary()).toList())
          .allMatch(line -> line.contains("Kostiantynivka"));

      Output kcat = run("kcat", "-b", bootstrap, "-C", "-t", "news.alerts.json", "-o", "beginning", "-e", "-q",
          "-f", "%k %s\\n");
      assertThat(kcat.lines()).as("the webhook's document, keyed by place id").isEqualTo(alerts.stream()
          .map(a -> a.getPlaceId() + " " + AvroJson.toJsonLine(a)).toList());

      CommandLineTest.Result tail = CommandLineTest.run("tail", "news.alerts.json", "--from-beginning",
          "--max", Integer.toString(DEMO_LEVELS.size()), "--bootstrap-servers", bootstrap);
      assertThat(tail.out().lines().toList()).as("newswatch tail reads the JSON as JSON").isEqualTo(printed.lines());
    } finally {
      ReplayRecipeIT.ctrlC(up, log);
    }
  }

  /** What a command printed: its lines on standard output and its standard error. */
  record Output(List<String> lines, String err) {}

  /** Runs {@code command} to its end, which must be a success within {@link #PATIENCE}. */
  Output run(String... command) throws Exception {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(String.join(" ", command) + " did not finish; it printed:\n" + Files.readString(out)
          + Files.readString(err));
    }
    Output output = new Output(Files.readAllLines(out, StandardCharsets.UTF_8), Files.readString(err));
    assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output.err()).isZero();
    return output;
  }

  /** Fails in CI, skips elsewhere, when {@code probe} does not run. */
  static void require(String what, String... probe) {
    boolean present = runs(probe);
    if (!present && "true".equals(System.getenv("CI"))) {
      fail("needs " + what + ": .ci/run installs it");
    }
    Assumptions.assumeTrue(present, "needs " + what + " (.ci/run installs it)");
  }

  /** Whether {@code command} runs and succeeds within 30 s. */
  static boolean runs(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException notInstalled) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static Properties clientOf(String bootstrap) {
    Properties client = new Properties();
    client.put("bootstrap.servers", bootstrap);
    return client;
  }
}
