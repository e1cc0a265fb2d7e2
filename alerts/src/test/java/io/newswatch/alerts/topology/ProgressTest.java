package io.newswatch.alerts.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.alerts.topology.Progress.Report;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private static final long START = 1_000_000_000_000L;
  private static final long DISORDER = Progress.DISORDER.toMillis();
  private static final long LAG = UpstreamCaughtUp.IDLE_LAG.toMillis();

  private KeyValueStore<Integer, byte[]> store;

  @BeforeEach
  void openStore() {
    store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("progress"), Serdes.Integer(), Serdes.ByteArray())
        .withLoggingDisabled().build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
  }

  @Test
  void whileArticlesComeAFanOutHasPassedTheLatestIngestTimeLessThePartitionsDisorderAndSaysSoOnce() {
    Progress.Reader reader = new Progress.Reader(START);
    assertThat(reader.due(START + 100)).as("nothing read, not idle").contains(new Report(Long.MIN_VALUE, false));

    reader.read(START - 10_000, START + 100);
    reader.read(START - 30_000, START + 150); // out of order: the latest read still counts
    assertThat(reader.due(START + 200)).contains(new Report(START - 10_000 - DISORDER, false));
    assertThat(reader.due(START + 300)).as("nothing new to report").isEmpty();
  }

  @Test
  void aFanOutThatHasReadNothingForASecondSaysOnceThatItsPartitionIsIdle() {
    Progress.Reader reader = new Progress.Reader(START);
    reader.read(START - 60_000, START);
    long idle = START + Progress.IDLE_AFTER.toMillis();
    assertThat(reader.due(idle - 1)).contains(new Report(START - 60_000 - DISORDER, false));

    assertThat(reader.due(idle)).contains(new Report(START - 60_000 - DISORDER, true));
    assertThat(reader.due(idle + 60_000)).as("an idle pipeline writes nothing").isEmpty();

    reader.read(START - 50_000, idle + 60_100); // it reads again
    assertThat(reader.due(idle + 60_200)).contains(new Report(START - 50_000 - DISORDER, false));
  }

  @Test
  void aDetectorKnowsNothingUntilEveryUpstreamHasReportedThenTheLeastTimeTheirArticlesPassed() {
    Progress.Upstreams upstreams = new Progress.Upstreams(3, store);
    upstreams.report(0, new Report(500, false));
    upstreams.report(2, new Report(900, false));
    assertThat(upstreams.passed(START)).isEmpty();

    upstreams.report(1, new Report(700, false));
    assertThat(upstreams.passed(START)).hasValue(500);
    upstreams.report(0, new Report(100, false)); // a fan-out task that restarted
    assertThat(upstreams.passed(START)).hasValue(500);
    upstreams.report(0, new Report(800, false));
    assertThat(upstreams.passed(START)).hasValue(700);
    assertThatThrownBy(() -> upstreams.report(3, new Report(1_000, false))).hasMessageContaining("partition 3");
  }

  @Test
  void aRestartedDetectorKnowsItsUpstreamsFromItsStore() {
    Progress.Upstreams before = new Progress.Upstreams(2, store);
    before.report(0, new Report(500, false));
    before.report(1, new Report(900, true));

    assertThat(new Progress.Upstreams(2, store).passed(START)).hasValue(500);
  }

  /** A partition idle while others flow holds back what it may still bring, until the whole feed pauses. */
  @Test
  void aPartitionIdleWhileOthersFlowHoldsBackWhatItMayStillBring() {
    Progress.Upstreams upstreams = new Progress.Upstreams(2, store);
    upstreams.report(0, new Report(500, true));
    upstreams.report(1, new Report(90_000, false));
    assertThat(upstreams.passed(START)).hasValue(500);

    upstreams.report(1, new Report(95_000, true)); // the whole feed has paused
    assertThat(upstreams.passed(START)).hasValue(START - LAG);
    assertThat(upstreams.passed(START + 1_000)).as("and the wall clock moves on").hasValue(START + 1_000 - LAG);
    upstreams.report(0, new Report(600, false)); // the stalled partition goes on
    assertThat(upstreams.passed(START + 1_000)).hasValue(600);
  }

  @Test
  void aPartitionThatNeverBroughtAnythingHoldsBackUntilTheFeedPauses() {
    Progress.Upstreams upstreams = new Progress.Upstreams(2, store);
    upstreams.report(0, new Report(Long.MIN_VALUE, true));
    upstreams.report(1, new Report(90_000, false));
    assertThat(upstreams.passed(START)).isEmpty();
    upstreams.report(1, new Report(90_000, true));
    assertThat(upstreams.passed(START)).hasValue(START - LAG);
  }

  @Test
  void markersGoToEveryPartitionAndArticlesWhereTheDefaultPartitionerPutsThem() {
    Progress.Multicast partitioner = new Progress.Multicast();
    var marker = Progress.marker(4, new Report(START, true), START - 5);

    assertThat(partitioner.partitions("t", marker.key(), marker.value(), 6)).contains(Set.of(0, 1, 2, 3, 4, 5));
    assertThat(partitioner.partitions("t", "705104", new byte[] {1}, 6)).isEmpty();
    assertThat(Progress.isMarker(marker.headers())).isTrue();
    assertThat(Progress.upstream(marker.value())).isEqualTo(4);
    assertThat(Progress.report(marker.value())).isEqualTo(new Report(START, true));
    assertThat(marker.timestamp()).isEqualTo(START - 5);
  }
}
