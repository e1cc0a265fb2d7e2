package io.newswatch.cli;

import static io.newswatch.cli.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pipeline benches run on a broker of their own and say what they measured. */
class BenchIT {
  @Test
  void endToEndReportsThroughputAndLatencies() {
    var r = run("bench", "e2e", "--articles", "300", "--warm-up", "100");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("machine: ", "enriched: all 300 in", "exactly once", "ingest -> enriched: p50",
        "alerts: ", "CPU per article sent, from the first send to the last alert: ", "enrich ", "alerts ",
        "broker and other threads ");
  }

  @Test
  void endToEndOnThreeBrokersWithTwoInstancesReportsEachInstancesShare() {
    var r = run("bench", "e2e", "--brokers", "3", "--instances", "2", "--articles", "300", "--warm-up", "100");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("(replication factor 3)", "2 instances of each stage", "enriched: all 300 in")
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
