package io.newswatch.alerts.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.alerts.topology.Progress.Report;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private static final long START = 1_000_000_000_000L;
  private static final long DISORDER = Progress.DISORDER.toMillis();
  private static final long ACTIVE = Report.ACTIVE;

  @Test
  void whileArticlesComeAFanOutHasPassedTheLatestIngestTimeLessThePartitionsDisorder() {
    Progress.Reader reader = new Progress.Reader(START);
    assertThat(reader.due(START + 100)).as("nothing read, not idle").contains(new Report(Long.MIN_VALUE, ACTIVE));

    reader.read(START - 10_000, START + 100);
    reader.read(START - 30_000, START + 150); // out of order: the latest read still counts
    assertThat(reader.due(START + 200)).contains(new Report(START - 10_000 - DISORDER, ACTIVE));
    assertThat(reader.due(START + 300)).as("nothing new to report").isEmpty();
    reader.read(START - 20_000, START + 1_000);
    assertThat(reader.due(START + 200 + Progress.REPEAT_EVERY.toMillis()))
        .as("repeated for a detector that restarted").contains(new Report(START - 10_000 - DISORDER, ACTIVE));
  }

  @Test
  void aFanOutThatHasReadNothingForASecondSaysItsPartitionIsIdle() {
    Progress.Reader reader = new Progress.Reader(START);
    reader.read(START - 60_000, START);
    long idle = START + Progress.IDLE_AFTER.toMillis();

    assertThat(reader.passed(idle - 1).idle()).isFalse();
    assertThat(reader.passed(idle)).isEqualTo(new Report(START - 60_000 - DISORDER, idle - Progress.IDLE_LAG.toMillis()));
    assertThat(reader.due(idle + 100)).as("the wall clock moves on: reported every time")
        .contains(new Report(START - 60_000 - DISORDER, idle + 100 - Progress.IDLE_LAG.toMillis()));

    reader.read(START - 50_000, idle + 200); // it reads again: active
    assertThat(reader.passed(idle + 300)).isEqualTo(new Report(START - 50_000 - DISORDER, ACTIVE));
  }

  @Test
  void aDetectorKnowsNothingUntilEveryUpstreamHasReportedThenTheLeastTimeTheirArticlesPassed() {
    Progress.Upstreams upstreams = new Progress.Upstreams(3);
    upstreams.report(0, new Report(500, ACTIVE));
    upstreams.report(2, new Report(900, ACTIVE));
    assertThat(upstreams.passed()).isEmpty();

    upstreams.report(1, new Report(700, ACTIVE));
    assertThat(upstreams.passed()).hasValue(500);
    upstreams.report(0, new Report(100, ACTIVE)); // a repeat from before a restart
    assertThat(upstreams.passed()).hasValue(500);
    upstreams.report(0, new Report(800, ACTIVE));
    assertThat(upstreams.passed()).hasValue(700);
    assertThatThrownBy(() -> upstreams.report(3, new Report(1_000, ACTIVE))).hasMessageContaining("partition 3");
  }

  /** An enrich instance killed while the others flow: its partition holds every later article back. */
  @Test
  void aPartitionIdleWhileOthersFlowHoldsBackWhatItMayStillBring() {
    Progress.Upstreams upstreams = new Progress.Upstreams(2);
    upstreams.report(0, new Report(500, START));
    upstreams.report(1, new Report(90_000, ACTIVE));
    assertThat(upstreams.passed()).hasValue(500);

    upstreams.report(1, new Report(95_000, START + 100)); // the whole feed has paused
    assertThat(upstreams.passed()).hasValue(START);
    upstreams.report(0, new Report(600, ACTIVE)); // the stalled partition goes on
    assertThat(upstreams.passed()).hasValue(600);
  }

  @Test
  void aPartitionThatNeverBroughtAnythingHoldsBackUntilTheFeedPauses() {
    Progress.Upstreams upstreams = new Progress.Upstreams(2);
    upstreams.report(0, new Report(Long.MIN_VALUE, START));
    upstreams.report(1, new Report(90_000, ACTIVE));
    assertThat(upstreams.passed()).isEmpty();
    upstreams.report(1, new Report(90_000, START + 50));
    assertThat(upstreams.passed()).hasValue(START);
  }

  @Test
  void markersGoToEveryPartitionAndArticlesWhereTheDefaultPartitionerPutsThem() {
    Progress.Multicast partitioner = new Progress.Multicast();
    var marker = Progress.marker(4, new Report(START, ACTIVE), START - 5);

    assertThat(partitioner.partitions("t", marker.key(), marker.value(), 6)).contains(Set.of(0, 1, 2, 3, 4, 5));
    assertThat(partitioner.partitions("t", "705104", new byte[] {1}, 6)).isEmpty();
    assertThat(Progress.isMarker(marker.headers())).isTrue();
    assertThat(Progress.upstream(marker.value())).isEqualTo(4);
    assertThat(Progress.report(marker.value())).isEqualTo(new Report(START, ACTIVE));
    assertThat(marker.timestamp()).isEqualTo(START - 5);
  }
}
