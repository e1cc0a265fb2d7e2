package io.newswatch.cli.broker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;

/**
 * Local Kafka nodes forming one cluster in this JVM. One node is the broker {@code up} runs;
 * several, each broker and controller, form a controller quorum of all of them with the broker
 * settings of {@code docker-compose.yml}'s cluster ({@link #settings}), so that newswatch runs
 * on them as it runs there.
 */
public final class LocalCluster implements AutoCloseable {
  private final List<LocalBroker> nodes;

  private LocalCluster(List<LocalBroker> nodes) {
    this.nodes = nodes;
  }

  /**
   * The broker settings of a cluster of {@code brokers} nodes: Kafka's own topics replicated on
   * up to three of them, and a write taken while all replicas but one are in sync, so that a
   * cluster of three (docker-compose.yml's) goes on with one broker lost and a write is on two
   * brokers at least; no topic made by accident.
   */
  public static Map<String, String> settings(int brokers) {
    String replicas = Integer.toString(Math.min(3, brokers));
    String inSync = Integer.toString(Math.max(1, Math.min(3, brokers) - 1));
    return Map.of(
        "offsets.topic.replication.factor", replicas,
        "transaction.state.log.replication.factor", replicas,
        "transaction.state.log.min.isr", inSync,
        "min.insync.replicas", inSync,
        "auto.create.topics.enable", "false");
  }

  /**
   * The properties of {@code count} nodes of one quorum, node ids 1 to {@code count}, each
   * on two free ports of its own, its log under {@code dir}, with {@code settings}.
   */
  public static List<Properties> nodes(Path dir, int count, Map<String, String> settings) throws IOException {
    List<Integer> ports = new ArrayList<>();
    Set<Integer> taken = new HashSet<>();
    while (ports.size() < count) {
      int port = LocalBroker.freePortPair();
      if (taken.add(port) && taken.add(port + 1)) {
        ports.add(port);
      }
    }
    String voters = IntStream.range(0, count)
        .mapToObj(i -> (i + 1) + "@" + LocalBroker.HOST + ":" + (ports.get(i) + 1))
        .collect(Collectors.joining(","));
    List<Properties> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Properties node = LocalBroker.nodeProperties(i + 1, dir.resolve("node-" + (i + 1)), ports.get(i),
          ports.get(i) + 1, voters);
      node.putAll(settings);
      nodes.add(node);
    }
    return nodes;
  }

  /** Where clients reach the {@code nodes}: host:port,... */
  public static String bootstrapServers(List<Properties> nodes) {
    return nodes.stream().map(LocalBroker::bootstrapServersOf).collect(Collectors.joining(","));
  }

  /**
   * Starts a cluster of {@code brokers} nodes on free ports, their logs under {@code dir}: one is
   * {@code up}'s single node, more have the {@link #settings} of their number.
   */
  public static LocalCluster start(Path dir, int brokers) throws IOException {
    if (brokers == 1) {
      return new LocalCluster(List.of(LocalBroker.startOnFreePorts(dir.resolve("node-1"))));
    }
    String clusterId = Uuid.randomUuid().toString();
    // each node waits for a majority of the quorum before it returns
    return new LocalCluster(eachOnItsOwnThread(nodes(dir, brokers, settings(brokers)),
        node -> LocalBroker.start(node, clusterId)));
  }

  public int size() {
    return nodes.size();
  }

  public String bootstrapServers() {
    return nodes.stream().map(LocalBroker::bootstrapServers).collect(Collectors.joining(","));
  }

  /** Kafka client properties that reach this cluster. */
  public Properties clientProperties() {
    Properties client = new Properties();
    client.put("bootstrap.servers", bootstrapServers());
    return client;
  }

  /**
   * Stops the nodes side by side: a broker stopping hands its partitions over through the
   * controller quorum, which one stopped after the other would no longer have.
   */
  @Override
  public void close() {
    eachOnItsOwnThread(nodes, node -> {
      node.close();
      return node;
    });
  }

  private static <T, R> List<R> eachOnItsOwnThread(List<T> items, Function<T, R> work) {
    List<CompletableFuture<R>> running = items.stream()
        .map(item -> CompletableFuture.supplyAsync(() -> work.apply(item), task -> new Thread(task, "local-cluster").start()))
        .toList();
    try {
      return running.stream().map(CompletableFuture::join).toList();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }
}
