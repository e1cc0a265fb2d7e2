package io.newswatch.alerts.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private static final long START = 1_000_000_000_000L;
  private static final long DISORDER = Progress.DISORDER.toMillis();

  @Test
  void whileArticlesComeAFanOutHasPassedTheLatestIngestTimeLessThePartitionsDisorder() {
    Progress.Reader reader = new Progress.Reader(START);
    assertThat(reader.due(START + 100)).as("nothing read, not idle: nothing known").isEmpty();

    reader.read(START - 10_000, START + 100);
    reader.read(START - 30_000, START + 150); // out of order: the latest read still counts
    assertThat(reader.due(START + 200)).hasValue(START - 10_000 - DISORDER);
    assertThat(reader.due(START + 300)).as("nothing new to report").isEmpty();
    reader.read(START - 20_000, START + 1_000);
    assertThat(reader.due(START + 200 + Progress.REPEAT_EVERY.toMillis()))
        .as("repeated for a detector that restarted").hasValue(START - 10_000 - DISORDER);
  }

  @Test
  void anIdlePartitionHasPassedTheWallClockLessTheLongestAHealthyPipelineTakes() {
    Progress.Reader reader = new Progress.Reader(START);
    reader.read(START - 60_000, START);
    long idle = START + Progress.IDLE_AFTER.toMillis();

    assertThat(reader.due(idle - 1)).hasValue(START - 60_000 - DISORDER);
    assertThat(reader.due(idle)).hasValue(idle - Progress.IDLE_LAG.toMillis());

    reader.read(START - 50_000, idle + 10); // a late article from the idle partition
    assertThat(reader.passed(idle + 20)).as("never reported back").hasValue(START - 50_000 - DISORDER);
    assertThat(reader.due(idle + 20)).isEmpty();
  }

  @Test
  void aReplayedPartitionFarBehindTheWallClockIsJudgedByItsArticlesWhileTheyCome() {
    Progress.Reader reader = new Progress.Reader(START);
    long yearAgo = START - 365L * 24 * 3600 * 1000;
    for (int i = 0; i < 10; i++) {
      reader.read(yearAgo + i * 1000L, START + i * 500L);
    }
    assertThat(reader.passed(START + 4_600)).hasValue(yearAgo + 9_000 - DISORDER);
  }

  @Test
  void aDetectorKnowsTheTimeEveryUpstreamHasPassedOnceEachHasReported() {
    Progress.Upstreams upstreams = new Progress.Upstreams(3);
    upstreams.report(0, 500);
    upstreams.report(2, 900);
    assertThat(upstreams.passed()).isEmpty();

    upstreams.report(1, 700);
    assertThat(upstreams.passed()).hasValue(500);
    upstreams.report(0, 100); // a repeat from before a restart
    assertThat(upstreams.passed()).hasValue(500);
    upstreams.report(0, 800);
    assertThat(upstreams.passed()).hasValue(700);
    assertThatThrownBy(() -> upstreams.report(3, 1_000)).hasMessageContaining("partition 3");
  }

  @Test
  void markersGoToEveryPartitionAndArticlesWhereTheDefaultPartitionerPutsThem() {
    Progress.Multicast partitioner = new Progress.Multicast();
    var marker = Progress.marker(4, START, START - 5);

    assertThat(partitioner.partitions("t", marker.key(), marker.value(), 6)).contains(Set.of(0, 1, 2, 3, 4, 5));
    assertThat(partitioner.partitions("t", "705104", new byte[] {1}, 6)).isEmpty();
    assertThat(Progress.isMarker(marker.headers())).isTrue();
    assertThat(Progress.upstream(marker.value())).isEqualTo(4);
    assertThat(Progress.passed(marker.value())).isEqualTo(START);
    assertThat(marker.timestamp()).isEqualTo(START - 5);
  }

  @Test
  void noTimeIsKnownBeforeAnything() {
    assertThat(new Progress.Reader(START).passed(START)).isEqualTo(OptionalLong.empty());
  }
}
