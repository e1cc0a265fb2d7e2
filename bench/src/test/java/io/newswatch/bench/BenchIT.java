package io.newswatch.bench;

import static io.newswatch.cli.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The pipeline benches run on a broker of their own and say what they measured. */
class BenchIT {
  @Test
  void endToEndReportsThroughputAndLatencies() {
    var r = run("bench", "e2e", "--articles", "300", "--warm-up", "100");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("machine: ", "enriched: all 300 in", "exactly once", "ingest -> enriched: p50",
        "alerts: ", "CPU per article sent, from the first send to the last alert: ", "enrich ", "alerts ",
        "broker and other threads ", "pass-through ceiling (", "fan-out copies of");
    // the articles are 3-5 KB: compressed, the pipeline writes some of that many times over, not megabytes
    assertThat(kilobytesPerArticle(r.out(), "broker:   ")).isBetween(1.0, 100.0);
    assertThat(kilobytesPerArticle(r.out(), "pass-through broker: ")).isBetween(1.0, 100.0);
    Matcher share = Pattern.compile("pipeline: (\\d+)% of the pass-through ceiling \\(").matcher(r.out());
    assertThat(share.find()).as(r.out()).isTrue();
    assertThat(Integer.parseInt(share.group(1))).isBetween(1, 100);
  }

  @Test
  void withWatchingOffThePassThroughMakesNoCopies() {
    var r = run("bench", "e2e", "--articles", "300", "--warm-up", "100", "--no-watch-all");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("no fan-out copies, as the stage watched no place")
        .containsPattern("pipeline: \\d+% of the pass-through ceiling");
  }

  private static double kilobytesPerArticle(String out, String label) {
    Matcher line = Pattern.compile("(?m)^" + Pattern.quote(label) + "([\\d.]+) KB written per article, ")
        .matcher(out);
    assertThat(line.find()).as(out).isTrue();
    return Double.parseDouble(line.group(1));
  }

  @Test
  void endToEndOnThreeBrokersWithTwoInstancesReportsEachInstancesShare() {
    var r = run("bench", "e2e", "--brokers", "3", "--instances", "2", "--articles", "300", "--warm-up", "100");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("(replication factor 3)", "2 instances of each stage", "enriched: all 300 in",
            "followers copied ")
        .containsPattern("each instance's share of the articles it read: enrich \\d+% / \\d+%; alerts \\d+% / \\d+%");
    assertThat(r.out().split("running on ")[1].split(" ")[0].split(",")).as("brokers").hasSize(3);
  }

  @Test
  void replayReportsTheTimeToReprocessATopic() {
    var r = run("bench", "replay", "--articles", "300");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("raw topic: 300 articles written", "replayed: 300 articles enriched in",
        "1,000,000 articles take", "CPU per article, from the stages' start to the last alert: ");
  }
}
