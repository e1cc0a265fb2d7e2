package io.newswatch.cli.pipeline;

import io.newswatch.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Resets a Streams stage to reprocess its input from a point in time, as Kafka's
 * StreamsResetter does, with the Admin API: the stage's consumer group is deleted, its
 * internal topics (changelogs, repartition topics) are deleted, its local state is wiped,
 * and the group's offsets on its input topic are set to the first record at or after the
 * time (for alerts replayed with enrich, to the end: see {@link #plans}). The stage then
 * starts as if new from there. It must not be running.
 */
public final class Replay {
  /** The plan for one stage, said before it is done. */
  public record Plan(String stage, String groupId, String inputTopic, Map<TopicPartition, Long> offsets,
      List<String> internalTopics, Path stateDir, int activeMembers) {

    @Override
    public String toString() {
      long total = offsets.values().stream().mapToLong(Long::longValue).sum();
      return stage + ": reset group " + groupId + " on " + inputTopic + " to offsets " + offsets.values()
          + " (" + total + " in all), delete " + (internalTopics.isEmpty() ? "no internal topics" : internalTopics)
          + ", wipe local state " + stateDir;
    }
  }

  private static final Duration DELETION_TIMEOUT = Duration.ofMinutes(1);
  private static final Duration DELETION_POLL = Duration.ofMillis(200);

  private final Admin admin;
  private final Topics topics;
  private final Path stateDir;

  public Replay(Admin admin, Topics topics, Path stateDir) {
    this.admin = admin;
    this.topics = topics;
    this.stateDir = stateDir;
  }

  /** The input topic each stage reprocesses. */
  public String inputOf(String stage) {
    return switch (stage) {
      case "enrich" -> topics.raw().name();
      case "alerts" -> topics.enriched().name();
      default -> throw new IllegalArgumentException("no stage " + stage);
    };
  }

  /**
   * The plans for {@code stages}, in pipeline order. When enrich is replayed too, alerts starts
   * at the end of the enriched topic as it is now, not at {@code from}: it then reads only what
   * enrich writes again, from the new code, and not the first run's enrichment of the same
   * articles before it.
   */
  public List<Plan> plans(Set<String> stages, Instant from) throws ExecutionException, InterruptedException {
    List<Plan> plans = new ArrayList<>();
    for (String stage : stages) {
      boolean inputRewritten = stage.equals("alerts") && stages.contains("enrich");
      plans.add(plan(stage, inputRewritten ? null : from));
    }
    return plans;
  }

  /** The plan for one stage: from the first record at or after {@code from}, or from the end when null. */
  private Plan plan(String stage, Instant from) throws ExecutionException, InterruptedException {
    String groupId = StreamsApp.applicationId(topics, stage);
    String input = inputOf(stage);
    List<TopicPartition> partitions = admin.describeTopics(List.of(input)).allTopicNames().get().get(input)
        .partitions().stream().map(p -> new TopicPartition(input, p.partition())).toList();
    // The end a read_committed reader sees: not past a transaction still open, whose records
    // the stage would otherwise skip.
    Map<TopicPartition, ListOffsetsResultInfo> latest = admin.listOffsets(
        partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())),
        new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
    Map<TopicPartition, ListOffsetsResultInfo> atTime = from == null ? latest : admin.listOffsets(
        partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.forTimestamp(from.toEpochMilli())))).all().get();
    Map<TopicPartition, Long> offsets = new TreeMap<>(Comparator.comparingInt(TopicPartition::partition));
    // No record at or after the time: start at the end, there is nothing to reprocess.
    partitions.forEach(p -> offsets.put(p, atTime.get(p).offset() >= 0 ? atTime.get(p).offset() : latest.get(p).offset()));
    List<String> internal = admin.listTopics().names().get().stream()
        .filter(t -> t.startsWith(groupId + "-") && (t.endsWith("-changelog") || t.endsWith("-repartition")))
        .sorted().toList();
    return new Plan(stage, groupId, input, offsets, internal, stateDir.resolve(stage), activeMembers(groupId));
  }

  private int activeMembers(String groupId) throws InterruptedException, ExecutionException {
    try {
      return admin.describeConsumerGroups(List.of(groupId)).all().get().get(groupId).members().size();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return 0;
      }
      throw e;
    }
  }

  /** Carries out a plan; members still in the group (the caller was told, and forced it) are removed first. */
  public void execute(Plan plan) throws ExecutionException, InterruptedException {
    if (plan.activeMembers() > 0) {
      admin.removeMembersFromConsumerGroup(plan.groupId(), new RemoveMembersFromConsumerGroupOptions()).all().get();
    }
    try {
      admin.deleteConsumerGroups(List.of(plan.groupId())).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof GroupIdNotFoundException)) {
        throw e;
      }
    }
    if (!plan.internalTopics().isEmpty()) {
      admin.deleteTopics(plan.internalTopics()).all().get();
      awaitGone(plan.internalTopics());
    }
    admin.alterConsumerGroupOffsets(plan.groupId(), plan.offsets().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())))).all().get();
    LocalFiles.deleteRecursively(plan.stateDir());
  }

  /**
   * Waits until the brokers no longer list the deleted topics: the deletion is accepted before it
   * is done, and a stage started meanwhile would find its old repartition topic and changelogs
   * and read them from the start (its group has no offsets on them any more), replaying the
   * first run's records, not the new ones.
   */
  private void awaitGone(List<String> deleted) throws ExecutionException, InterruptedException {
    long deadline = System.nanoTime() + DELETION_TIMEOUT.toNanos();
    while (true) {
      Set<String> left = new TreeSet<>(admin.listTopics().names().get());
      left.retainAll(deleted);
      if (left.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the brokers still list " + left + " " + DELETION_TIMEOUT.toSeconds()
            + " s after their deletion; run the replay again once they are gone");
      }
      Thread.sleep(DELETION_POLL.toMillis());
    }
  }

  public static Set<String> stages(String app) {
    return switch (app) {
      case "all" -> new java.util.LinkedHashSet<>(List.of("enrich", "alerts"));
      case "enrich", "alerts" -> Set.of(app);
      default -> throw new IllegalArgumentException("--app is enrich, alerts or all, not " + app);
    };
  }
}
