package io.newswatch.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The time enrich was caught up counts only checks made once the raw partitions' leaders have
 * settled: a producer that held articles for a partition without a leader writes them after the
 * new leader is elected, and a check before that would take the feed to have passed them.
 */
class CaughtUpTimeTest {
  static final long SETTLE = 10_000;
  static final TopicPartition P0 = new TopicPartition("raw", 0);
  static final TopicPartition P1 = new TopicPartition("raw", 1);
  static final Map<TopicPartition, Integer> LEADERS = Map.of(P0, 3, P1, 5);

  @Test
  void aCheckThatFindsEverythingReadCountsFromItsStartOnceTheLeadersHaveSettled() {
    CaughtUpTime time = new CaughtUpTime(SETTLE);
    time.checked(1_000, 1_050, LEADERS, true);
    assertThat(time.at()).as("an instance that starts knows no leaders: they may just have changed").isZero();

    time.checked(11_000, 11_040, LEADERS, true);
    assertThat(time.at()).as("the first check begun after the leaders settled").isZero();
    time.checked(11_100, 11_140, LEADERS, true);
    assertThat(time.at()).isEqualTo(11_100);

    time.checked(11_400, 11_450, LEADERS, false);
    assertThat(time.at()).as("not everything read: where it was").isEqualTo(11_100);
  }

  @Test
  void afterALeaderChangesTheArticlesHeldForItAreAwaitedNotTakenAsPassed() {
    CaughtUpTime time = new CaughtUpTime(SETTLE);
    time.checked(0, 50, LEADERS, true);
    time.checked(20_000, 20_050, LEADERS, true);
    assertThat(time.at()).isEqualTo(20_000);

    // partition 1's broker is lost at 21 s; a producer holds what it stamps for it from then on;
    // a check that hangs on the lost leader ends once the cluster has elected another, at 31 s
    time.checked(21_200, 31_000, Map.of(P0, 3, P1, 6), true);
    time.checked(31_250, 31_300, Map.of(P0, 3, P1, 6), true);
    assertThat(time.at()).as("articles stamped at 21 s may still be on their way").isEqualTo(20_000);

    time.checked(41_000, 41_050, Map.of(P0, 3, P1, 6), true);
    assertThat(time.at()).isEqualTo(41_000);
  }

  @Test
  void afterTheClusterCouldNotBeAskedTheLeadersSettleAgainFirst() {
    CaughtUpTime time = new CaughtUpTime(SETTLE);
    time.checked(0, 50, LEADERS, true);
    time.checked(20_000, 20_050, LEADERS, true);

    // a lone broker restarts: checks fail while it is down, and it comes back with the same epochs
    time.failed();
    time.checked(24_000, 24_050, LEADERS, true);
    assertThat(time.at()).isEqualTo(20_000);
    time.checked(34_100, 34_150, LEADERS, true);
    assertThat(time.at()).isEqualTo(34_100);
  }
}
