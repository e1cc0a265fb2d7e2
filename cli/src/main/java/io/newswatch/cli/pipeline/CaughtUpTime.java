package io.newswatch.cli.pipeline;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * When the enrich stage was last caught up, from the checks {@link EnrichCaughtUp} makes: the
 * start of the latest check that found its group at the end of every raw partition, once the
 * raw partitions' leaders have been settled for {@code settle}.
 *
 * <p>Why the leaders: a check sees what is in the log, not what a producer holds. While a raw
 * partition has no leader (its broker lost, until the cluster elects another), ingest holds
 * the articles it has stamped for it and writes them once it has found the new leader, so for
 * a while after the change articles stamped long before can still come, later than the
 * {@code UpstreamCaughtUp.IDLE_LAG} a healthy pipeline takes; a check in that while would take the feed
 * to have passed them. So a check counts only when it began {@code settle} after the last
 * check that saw a partition's leader epoch change. An instance has seen no epochs when it
 * starts, and a check that fails forgets those it saw: either way the next check that sees them
 * counts as a change, for the instance may have started, or the cluster been unreachable, while
 * a partition had no leader (a lone broker that restarts keeps its epochs).
 */
final class CaughtUpTime {
  private final long settle;
  private Map<TopicPartition, Integer> epochs = Map.of();
  private long settledFrom = Long.MAX_VALUE;
  private volatile long at;

  /** Leaders count as settled {@code settleMillis} after a change was seen. */
  CaughtUpTime(long settleMillis) {
    this.settle = settleMillis;
  }

  /**
   * A check that began at {@code start} and ended at {@code end} (wall clock) found the raw
   * partitions' leader epochs {@code leaderEpochs} and whether the group had read every partition
   * to its end.
   */
  void checked(long start, long end, Map<TopicPartition, Integer> leaderEpochs, boolean readAll) {
    if (!leaderEpochs.equals(epochs)) {
      epochs = Map.copyOf(leaderEpochs);
      settledFrom = end + settle;
    }
    if (readAll && start >= settledFrom) {
      at = Math.max(at, start);
    }
  }

  /** A check failed: the leaders may be changing. */
  void failed() {
    epochs = Map.of();
  }

  /** The start of the latest check that counts; 0 before any. */
  long at() {
    return at;
  }
}
