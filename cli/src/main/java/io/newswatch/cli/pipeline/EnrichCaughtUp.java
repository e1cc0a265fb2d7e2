package io.newswatch.cli.pipeline;

import io.newswatch.alerts.topology.UpstreamCaughtUp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the cluster, every {@link #EVERY}, whether the enrich stage has read everything on the
 * raw topic: its group's committed offsets against the topic's end offsets, the end offsets
 * taken first, so that a check that finds the group at or past them shows that everything
 * written before the check began was read and committed. The start of the last such check is
 * when enrich was last caught up ({@link UpstreamCaughtUp}), once the raw partitions' leaders
 * have been settled for {@link UpstreamCaughtUp#IDLE_LAG} ({@link CaughtUpTime}: a producer
 * holds what it stamped for a partition while it has no leader). Until a check counts, and while
 * the cluster cannot be asked, that time stays where it was: the detectors then hold what they
 * have rather than take a stall for a pause.
 */
public final class EnrichCaughtUp implements UpstreamCaughtUp, AutoCloseable {
  static final Duration EVERY = Duration.ofMillis(250);
  private static final Logger LOG = LoggerFactory.getLogger(EnrichCaughtUp.class);

  private final Admin admin;
  private final String group;
  private final String rawTopic;
  private final ScheduledExecutorService checks;
  private final CaughtUpTime caughtUpAt = new CaughtUpTime(UpstreamCaughtUp.IDLE_LAG.toMillis());
  private volatile boolean failing;

  private EnrichCaughtUp(Admin admin, String group, String rawTopic) {
    this.admin = admin;
    this.group = group;
    this.rawTopic = rawTopic;
    this.checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "enrich-caught-up");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Checks, from now on, whether the consumer group {@code group} has read all of {@code rawTopic}. */
  public static EnrichCaughtUp watch(Properties clientProperties, String group, String rawTopic) {
    EnrichCaughtUp caughtUp = new EnrichCaughtUp(Admin.create(clientProperties), group, rawTopic);
    caughtUp.checks.scheduleWithFixedDelay(caughtUp::check, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return caughtUp;
  }

  @Override
  public long at(long now) {
    return Math.min(now, caughtUpAt.at());
  }

  /** One check: the group's offsets against the raw partitions' ends, and their leaders. */
  void check() {
    long start = System.currentTimeMillis();
    try {
      List<TopicPartition> partitions = admin.describeTopics(List.of(rawTopic)).allTopicNames().get()
          .get(rawTopic).partitions().stream().map(p -> new TopicPartition(rawTopic, p.partition())).toList();
      Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(partitions.stream()
          .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()))).all().get();
      Map<TopicPartition, ListOffsetsResultInfo> starts = admin.listOffsets(partitions.stream()
          .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.earliest()))).all().get();
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get();
      boolean readAll = partitions.stream().allMatch(p -> {
        long end = ends.get(p).offset();
        OffsetAndMetadata read = committed.get(p);
        return read != null ? read.offset() >= end : starts.get(p).offset() >= end; // nothing to read
      });
      caughtUpAt.checked(start, System.currentTimeMillis(), ends.entrySet().stream()
          .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().leaderEpoch().orElse(-1))), readAll);
      if (failing) {
        LOG.info("the enrich stage's progress can be read again");
        failing = false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      caughtUpAt.failed();
      if (!failing) {
        LOG.warn("cannot read the enrich stage's progress ({}); the alerts stage holds what it has until it can",
            e.getMessage());
        failing = true;
      }
    }
  }

  @Override
  public void close() {
    checks.shutdownNow();
    admin.close(Duration.ofSeconds(5));
  }
}
