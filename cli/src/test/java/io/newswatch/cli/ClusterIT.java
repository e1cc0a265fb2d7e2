package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.avro.Alert;
import io.newswatch.avro.RawArticle;
import io.newswatch.cli.broker.LocalCluster;
import io.newswatch.schemas.Json;
import io.newswatch.schemas.Topics;
import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.streams.state.HostInfo;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * newswatch on a cluster of three brokers set as docker-compose.yml sets its own (read from it),
 * topics of six partitions made by {@code topics create} with its default replication, two
 * instances of enrich and two of alerts, each instance and each broker in a JVM of its own. Midway
 * through a live feed, one broker and one instance of each stage die together with {@code kill -9},
 * as when one machine of three is lost; the instances start again at once, as compose restarts
 * them, and the broker stays down. Every article must come out enriched exactly once, every
 * topic, the stages' internal ones too, must have three replicas, the alerts must be those of a
 * clean run with one instance of each stage, field for field, and either alerts instance must
 * answer with every alert and for every place.
 * {@code -Dnewswatch.cluster.articles} sets the number of articles ({@code -Pnightly}: 40,000).
 */
class ClusterIT {
  static final int ARTICLES = Integer.getInteger("newswatch.cluster.articles", 4_000);
  static final long SEED = Long.getLong("newswatch.cluster.seed", 11);
  static final int BROKERS = 3;
  static final int INSTANCES = 2;

  @TempDir static Path dir;
  static final List<Process> brokers = new ArrayList<>();
  static Properties client;
  static List<RawArticle> articles;
  static List<Alert> cleanAlerts;

  @BeforeAll
  static void start() throws Exception {
    List<Properties> nodes = LocalCluster.nodes(dir.resolve("kafka"), BROKERS, ComposeFile.brokerSettings());
    for (int i = 0; i < nodes.size(); i++) {
      brokers.add(startNode(nodes.get(i), "node-" + (i + 1)));
    }
    client = new Properties();
    client.put("bootstrap.servers", LocalCluster.bootstrapServers(nodes));
    awaitCluster();
    articles = LivePipeline.articles(ARTICLES, SEED);
    Topics clean = Topics.withPrefix("clean.");
    createTopics(clean);
    try (LivePipeline pipeline = new LivePipeline(client, dir, clean, articles, 1)) {
      pipeline.run(running -> { });
      cleanAlerts = pipeline.alerts();
    }
    assertThat(cleanAlerts).as("the clean run must raise alerts for the comparison to mean anything").isNotEmpty();
  }

  @AfterAll
  static void stop() {
    brokers.forEach(Process::destroyForcibly);
  }

  @Test
  void losingOneMachineOfThreeMidRunLosesNothingDuplicatesNothingChangesNoAlertAndBothInstancesAnswer() throws Exception {
    Topics topics = Topics.withPrefix("machine-lost.");
    createTopics(topics);
    Random random = new Random(SEED);
    try (LivePipeline pipeline = new LivePipeline(client, dir, topics, articles, INSTANCES)) {
      pipeline.run(running -> {
        double moment = 0.3 + 0.3 * random.nextDouble();
        await().atMost(Duration.ofMinutes(5)).until(() -> running.enrich.get(0).progress() >= moment);
        Process broker = brokers.get(random.nextInt(BROKERS));
        broker.destroyForcibly();
        running.enrich.get(0).crash();
        running.alerts.get(0).crash();
        broker.waitFor(30, TimeUnit.SECONDS);
        running.enrich.get(0).start();
        running.alerts.get(0).start();
      });
      List<Alert> alerts = pipeline.alerts();

      assertThat(LivePipeline.ids(alerts)).doesNotHaveDuplicates();
      // whole alerts, not only their ids: an article that reached a detector out of its order would change its baseline
      pipeline.assertAlertsAre(alerts, cleanAlerts);
      assertThat(replicasByTopic(topics)).as("replicas of every partition, the stages' internal topics' too")
          .hasSizeGreaterThan(topics.all().size())
          .allSatisfy((topic, replicas) -> assertThat(replicas).as(topic).containsOnly(BROKERS));
      assertEachInstanceAnswersForEveryPlace(pipeline.alerts, alerts);
    }
  }

  /**
   * Each alerts instance answers /api/alerts with every alert, and the timeline of every place
   * that has one as the other instance does: half of them it asks the other for.
   */
  static void assertEachInstanceAnswersForEveryPlace(List<LivePipeline.Stage> instances, List<Alert> alerts)
      throws Exception {
    List<String> ids = LivePipeline.ids(alerts);
    TreeSet<Long> places = new TreeSet<>();
    alerts.forEach(alert -> places.add(alert.getPlaceId()));
    List<HostInfo> hosts = instances.stream().map(stage -> new HostInfo("127.0.0.1", stage.httpPort)).toList();
    for (HostInfo host : hosts) {
      // the restarted instance answers once it has restored its stores
      await().atMost(Duration.ofMinutes(2)).ignoreExceptions()
          .until(() -> alertIds(InteractiveQueriesIT.get(host, "/api/alerts")),
              answered -> answered.size() == ids.size() && answered.containsAll(ids));
    }
    for (long place : places) {
      List<HttpResponse<String>> answers = new ArrayList<>();
      for (HostInfo host : hosts) {
        answers.add(InteractiveQueriesIT.get(host, "/api/places/" + place + "/timeline"));
      }
      assertThat(answers).as("place %d", place).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(200));
      assertThat(answers.get(0).body()).as("place %d", place).isEqualTo(answers.get(1).body());
    }
  }

  /** The ids of the alerts answered; none when the instance could not answer. */
  static List<String> alertIds(HttpResponse<String> response) throws IOException {
    List<String> ids = new ArrayList<>();
    if (response.statusCode() != 200) {
      return ids;
    }
    for (JsonNode alert : Json.MAPPER.readTree(response.body())) {
      ids.add(alert.get("alertId").asText());
    }
    return ids;
  }

  /** {@code newswatch topics create --partitions 6}, as docker-compose.yml's topics service runs it. */
  static void createTopics(Topics topics) {
    var r = CommandLineTest.run("topics", "create", "--bootstrap-servers", client.getProperty("bootstrap.servers"),
        "--topic-prefix", topics.prefix(), "--partitions", "6");
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  /** The number of replicas of each partition, by topic, of every topic whose name starts with the prefix. */
  static Map<String, List<Integer>> replicasByTopic(Topics topics) throws Exception {
    try (Admin admin = Admin.create(client)) {
      List<String> names = admin.listTopics().names().get().stream()
          .filter(name -> name.startsWith(topics.prefix())).toList();
      Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
      Map<String, List<Integer>> replicas = new TreeMap<>();
      descriptions.forEach((name, description) -> replicas.put(name,
          description.partitions().stream().map(p -> p.replicas().size()).toList()));
      return replicas;
    }
  }

  /**
   * Waits for all nodes to form the cluster. A node that exits, or a cluster not formed in two
   * minutes, fails the test with the tail of every node's log: the only account of why.
   */
  static void awaitCluster() throws IOException {
    try {
      await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> {
        if (brokers.stream().anyMatch(broker -> !broker.isAlive())) {
          return true;
        }
        try (Admin admin = Admin.create(client)) {
          return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size() == BROKERS;
        }
      });
      assertThat(brokers).as("nodes running%n%s", nodeLogs()).allMatch(Process::isAlive);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("no cluster of " + BROKERS + " nodes within two minutes\n" + nodeLogs(), e);
    }
  }

  /** The last lines of each node's log. */
  static String nodeLogs() throws IOException {
    StringBuilder logs = new StringBuilder();
    for (int i = 1; i <= BROKERS; i++) {
      List<String> lines = Files.readAllLines(dir.resolve("node-" + i + ".log"));
      logs.append("--- node-").append(i).append(".log, last lines:\n")
          .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()))).append('\n');
    }
    return logs.toString();
  }

  /** A node in a JVM of its own, formatted as docker-compose.yml's cluster is, logging to its own file. */
  static Process startNode(Properties node, String name) throws IOException {
    Path file = dir.resolve(name + ".properties");
    try (Writer out = Files.newBufferedWriter(file)) {
      node.store(out, null);
    }
    String classPath = Path.of("target", "test-classes").toAbsolutePath() + File.pathSeparator + FeedIngestIT.jar();
    return new ProcessBuilder(FeedIngestIT.java(), "-Xmx512m", "-cp", classPath, BrokerNode.class.getName(),
        file.toString(), ComposeFile.clusterId())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile())
        .start();
  }
}
