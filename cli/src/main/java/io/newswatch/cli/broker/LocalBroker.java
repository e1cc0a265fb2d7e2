package io.newswatch.cli.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.server.common.TransactionVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka node (KRaft, broker and controller in one) running in this JVM, with
 * its log in a data directory that is reused across restarts: the production broker classes,
 * so users and tests run the same Kafka. Alone it is the single-node cluster {@code up} runs;
 * {@link LocalCluster} forms clusters of several.
 */
public final class LocalBroker implements AutoCloseable {
  /** The broker listens on loopback only: it has no authentication. */
  public static final String HOST = "127.0.0.1";

  /**
   * The transaction protocol the broker runs: version 1, not Kafka 4.4's default 2. With version
   * 2 the broker itself adds a partition to a transaction when the producer's first batch for it
   * arrives. While the producer's previous transaction is still completing, that batch is refused
   * (CONCURRENT_TRANSACTIONS) and retried; a batch sent behind it can then arrive once the
   * previous transaction has completed, where version 2 accepts no first batch but sequence 0, and
   * is refused as OUT_OF_ORDER_SEQUENCE_NUMBER ("Expected sequence 0 for transactions v2
   * idempotent producer with no existing state"). With version 1 the producer adds the partition
   * itself, and writes to it only once it is added, so no batch overtakes the first.
   */
  public static final TransactionVersion TRANSACTION_VERSION = TransactionVersion.TV_1;

  /** Ports below are often a known service's. */
  private static final int LOWEST_PORT = 20_000;
  private static final int IANA_EPHEMERAL = 49_152;
  private static final Random RANDOM = new Random();
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(LocalBroker.class);
  private static final String CONTROLLER_LISTENER = "CONTROLLER";

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private LocalBroker(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Starts a broker whose log lives in {@code logDir}, listening on 127.0.0.1 only.
   * Formats the directory first when it holds no broker yet.
   */
  public static LocalBroker start(Path logDir, int port, int controllerPort) {
    return start(properties(logDir, port, controllerPort), Uuid.randomUuid().toString());
  }

  /**
   * Starts the node {@code props} describe ({@link #nodeProperties} and any broker settings),
   * formatting its log directory as a node of {@code clusterId} when it holds no broker yet. A
   * node of a quorum of several returns only once a majority of the voters runs: start them
   * side by side.
   */
  public static LocalBroker start(Properties props, String clusterId) {
    KafkaConfig config = KafkaConfig.fromProps(props, false);
    Path logDir = Path.of(props.getProperty("log.dirs"));
    if (!isFormatted(logDir)) {
      format(logDir, clusterId, config.nodeId());
    }
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    LocalBroker broker = new LocalBroker(server, bootstrapServersOf(props));
    try {
      broker.settleTransactionVersion();
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    LOG.info("Kafka broker running at {} with its log in {}", broker.bootstrapServers, logDir);
    return broker;
  }

  /**
   * Sets {@link #TRANSACTION_VERSION} on a broker formatted with another (by an earlier
   * newswatch, with version 2), before any client connects: a producer reads the version when
   * it connects.
   */
  private void settleTransactionVersion() {
    short wanted = TRANSACTION_VERSION.featureLevel();
    try (Admin admin = Admin.create(clientProperties())) {
      short current = transactionVersion(admin);
      if (current == wanted) {
        return;
      }
      admin.updateFeatures(Map.of(TransactionVersion.FEATURE_NAME, new FeatureUpdate(wanted,
          wanted < current ? FeatureUpdate.UpgradeType.SAFE_DOWNGRADE : FeatureUpdate.UpgradeType.UPGRADE)),
          new UpdateFeaturesOptions()).all().get();
      // the controller has it once the update returns; the broker, once it has read the update
      Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
      while (transactionVersion(admin) != wanted) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("the broker did not take transaction.version " + wanted + " within "
              + SETTLE_TIMEOUT.toSeconds() + " s");
        }
        Thread.sleep(50);
      }
      LOG.info("transaction.version set from {} to {}", current, wanted);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while setting the broker's transaction.version", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot set the broker's transaction.version to " + wanted + ": "
          + e.getCause().getMessage(), e.getCause());
    }
  }

  /** The broker's finalized transaction.version; 0 when none is finalized. */
  private static short transactionVersion(Admin admin) throws ExecutionException, InterruptedException {
    FinalizedVersionRange finalized = admin.describeFeatures().featureMetadata().get().finalizedFeatures()
        .get(TransactionVersion.FEATURE_NAME);
    return finalized == null ? 0 : finalized.maxVersionLevel();
  }

  /** Whether {@code logDir} holds a broker already, formatted by an earlier start. */
  public static boolean isFormatted(Path logDir) {
    return Files.exists(logDir.resolve("meta.properties"));
  }

  /** Starts a broker as {@link #start} does, on a free port and its successor (the controller's). */
  public static LocalBroker startOnFreePorts(Path logDir) throws IOException {
    int port = freePortPair();
    return start(logDir, port, port + 1);
  }

  /**
   * A free port whose successor is free too: the broker's controller takes port + 1. Both lie
   * below the range the system hands out for outgoing connections, so that no connection made
   * between this check and the broker's bind (a client's, a test's, another process's) takes
   * one of them, as a port the system chose itself (port 0) could be.
   */
  public static int freePortPair() throws IOException {
    int below = firstEphemeralPort();
    for (int i = 0; i < 200; i++) {
      int port = LOWEST_PORT + RANDOM.nextInt(below - 1 - LOWEST_PORT);
      try (ServerSocket first = new ServerSocket(port); ServerSocket next = new ServerSocket(port + 1)) {
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no two adjacent free ports between " + LOWEST_PORT + " and " + below);
  }

  /**
   * The first port of the system's ephemeral range: Linux says it in /proc; elsewhere the IANA
   * range, which BSDs, macOS and Windows use, is assumed, as it is where the range leaves too
   * little room below it (the ports chosen may then be ephemeral ones).
   */
  static int firstEphemeralPort() {
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
      int first = Integer.parseInt(range.split("\\s+")[0]);
      return first > LOWEST_PORT + 1000 ? first : IANA_EPHEMERAL;
    } catch (IOException | RuntimeException unknown) {
      return IANA_EPHEMERAL;
    }
  }

  static Properties properties(Path logDir, int port, int controllerPort) {
    Properties p = nodeProperties(1, logDir, port, controllerPort, "1@" + HOST + ":" + controllerPort);
    // One node: every internal topic has one replica, and one partition where a
    // coordinator would otherwise spend seconds on retries.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "false");
    return p;
  }

  /**
   * What any node needs, alone or one of several: its id, its listeners on 127.0.0.1, the
   * controller quorum's {@code voters} (id@host:port, ...) and its log directory.
   */
  public static Properties nodeProperties(int nodeId, Path logDir, int port, int controllerPort, String voters) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(nodeId));
    p.put("controller.quorum.voters", voters);
    p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", logDir.toAbsolutePath().toString());
    return p;
  }

  /** Where clients reach the node {@code props} describe: host:port. */
  public static String bootstrapServersOf(Properties props) {
    return props.getProperty("advertised.listeners").substring("PLAINTEXT://".length());
  }

  private static void format(Path logDir, String clusterId, int nodeId) {
    try {
      Files.createDirectories(logDir);
      new Formatter()
          .setClusterId(clusterId)
          .setNodeId(nodeId)
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
          .setFeatureLevel(TransactionVersion.FEATURE_NAME, TRANSACTION_VERSION.featureLevel())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
          .setDirectories(List.of(logDir.toAbsolutePath().toString()))
          .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
          .run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the broker's data directory " + logDir, e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot format the broker's data directory " + logDir + ": " + e.getMessage(), e);
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Kafka client properties that reach this broker. */
  public Properties clientProperties() {
    Properties client = new Properties();
    client.put("bootstrap.servers", bootstrapServers);
    return client;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    LOG.info("Kafka broker stopped");
  }
}
