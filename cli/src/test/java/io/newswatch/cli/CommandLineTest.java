package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * What a user sees when a command is used wrongly: exit 2 and one line that says why. {@link #run}
 * is public for the tests of the modules that add subcommands (bench).
 */
public class CommandLineTest {
  public record Result(int exitCode, String out, String err) {}

  /** Runs {@code newswatch} with {@code args} in this JVM, as {@code Main} does: its exit code and what it printed. */
  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return new Result(cli.execute(args), out.toString(), err.toString());
  }

  @Test
  void aStageWithoutAClusterSaysHowToGiveOne() {
    Result r = run("ingest", "--file", "x.jsonl", "--bootstrap-servers", "");

    assertThat(r.exitCode).isEqualTo(2);
    assertThat(r.err.strip()).startsWith("newswatch: no Kafka cluster given").doesNotContain("\n");
  }

  @Test
  void aMissingInputFileIsBadInput() {
    Result r = run("tag", "--in", "no-such-file.jsonl");

    assertThat(r.exitCode).isEqualTo(2);
    assertThat(r.err.strip()).isEqualTo("newswatch: no such file: no-such-file.jsonl");
  }

  @Test
  void replayWithoutAClusterOnADataDirWithoutUpsBrokerSaysWhatToGiveAndCreatesNothing(@TempDir Path dir) {
    Path data = dir.resolve("no-such-data");

    Result r = run("replay", "--from", "2026-11-20T00:00:00Z", "--data-dir", data.toString(), "--bootstrap-servers", "");

    assertThat(r.exitCode).isEqualTo(2);
    assertThat(r.err.strip()).doesNotContain("\n").isEqualTo("newswatch: no broker of newswatch up in "
        + data.resolve("kafka") + ": pass the --data-dir up ran with, or --bootstrap-servers for a cluster");
    assertThat(data).doesNotExist();
  }

  @Test
  void anUnknownOptionIsBadUsage() {
    Result r = run("up", "--no-such-option");

    assertThat(r.exitCode).isEqualTo(2);
    assertThat(r.err).contains("Unknown option: '--no-such-option'");
  }

  @Test
  void backtestNeedsToKnowWhatToWatch() {
    Result r = run("backtest", "--in", "x.jsonl");

    assertThat(r.exitCode).isEqualTo(2);
    assertThat(r.err).contains("--watch");
  }

  @Test
  void anAmbiguousPlaceNameListsTheCandidatesToChooseFrom() {
    Result r = run("watch", "add", "Konstantinovka", "--bootstrap-servers", "127.0.0.1:1");

    assertThat(r.exitCode).isEqualTo(2);
    assertThat(r.err).contains("ambiguous", "705104 Kostiantynivka (locality, Donetsk Oblast, UA, population");
  }

  @Test
  void helpListsEveryCommand() {
    Result r = run("--help");

    assertThat(r.exitCode).isZero();
    assertThat(r.out).contains("up", "ingest", "enrich", "alerts", "tag", "backtest", "tail", "watch", "topics",
        "gazetteer");
  }

  @ParameterizedTest
  @CsvSource({"30m, PT30M", "1h, PT1H", "1d, PT24H", "45s, PT45S", "PT2H, PT2H"})
  void durationsAreWrittenAsPeopleWriteThem(String written, Duration meant) {
    assertThat(new Durations().convert(written)).isEqualTo(meant);
  }

  @Test
  void tailKnowsTopicsByShortName() {
    var topics = io.newswatch.schemas.Topics.withPrefix("desk.");

    assertThat(TailCommand.resolve(topics, "alerts").name()).isEqualTo("desk.news.alerts");
    assertThat(TailCommand.resolve(topics, "desk.news.articles.raw").name()).isEqualTo("desk.news.articles.raw");
  }
}
