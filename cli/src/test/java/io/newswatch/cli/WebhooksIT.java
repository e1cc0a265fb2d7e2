package io.newswatch.cli;

import static io.newswatch.cli.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.alerts.webhook.Backoff;
import io.newswatch.alerts.webhook.Signature;
import io.newswatch.alerts.webhook.WebhookDelivery;
import io.newswatch.alerts.webhook.WebhookSender;
import io.newswatch.alerts.webhook.WebhookTargets;
import io.newswatch.avro.Alert;
import io.newswatch.avro.Level;
import io.newswatch.cli.broker.LocalBroker;
import io.newswatch.cli.pipeline.TopicSetup;
import io.newswatch.schemas.Topic;
import io.newswatch.schemas.Topics;
import io.newswatch.schemas.DeadLetters;
import io.newswatch.schemas.TopicReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhook delivery on the real broker, seen from a subscriber's HTTP server. */
class WebhooksIT {
  @TempDir static Path dir;
  static LocalBroker broker;
  static Properties client;
  static HttpServer subscriber;
  static final List<String[]> received = new CopyOnWriteArrayList<>(); // {alertId, signature, body}
  static final Topics TOPICS = Topics.defaults();
  static final String SECRET = "a-secret-of-24-characters";
  static final WebhookSender FAST = new WebhookSender(WebhookTargets.of(true, List.of()),
      new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 3), Duration.ofSeconds(10), new Random(1), d -> Thread.sleep(d.toMillis()));

  @BeforeAll
  static void start() throws Exception {
    broker = LocalBroker.startOnFreePorts(dir.resolve("kafka"));
    client = broker.clientProperties();
    TopicSetup.ensure(client, TOPICS, 2, (short) 1);
    subscriber = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    subscriber.createContext("/hook", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      received.add(new String[] {exchange.getRequestHeaders().getFirst(WebhookSender.ALERT_ID_HEADER),
          exchange.getRequestHeaders().getFirst(Signature.HEADER), new String(body, StandardCharsets.UTF_8)});
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    subscriber.createContext("/broken", exchange -> {
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
    });
    subscriber.start();
  }

  @AfterAll
  static void stop() {
    subscriber.stop(0);
    broker.close();
  }

  @Test
  void aSubscriberGetsEachAlertOnceByIdAcrossARestartAndFailuresAreDeadLettered() throws Exception {
    String hook = "http://127.0.0.1:" + subscriber.getAddress().getPort();
    var added = run("subscribe", "--url", hook + "/hook", "--secret", SECRET, "--min-level", "ESCALATING",
        "--allow-private-webhooks", "--bootstrap-servers", broker.bootstrapServers());
    assertThat(added.exitCode()).as(added.err()).isZero();
    assertThat(added.out()).doesNotContain(SECRET);
    var generated = run("subscribe", "--url", hook.replace("http://", "http://user:pa55word@") + "/broken?key=k3y",
        "--watch", "705104", "--allow-private-webhooks", "--bootstrap-servers", broker.bootstrapServers());
    assertThat(generated.exitCode()).as(generated.err()).isZero();
    assertThat(generated.out()).containsPattern("signing secret \\(shown this once.*\\): [0-9a-f]{64}")
        .doesNotContain("pa55word", "k3y");
    var listed = run("subscribe", "--list", "--bootstrap-servers", broker.bootstrapServers());
    assertThat(listed.out()).contains(hook + "/hook", "http://***@127.0.0.1:" + subscriber.getAddress().getPort()
        + "/broken?key=***").doesNotContain(SECRET, "pa55word", "k3y");
    var tailed = run("tail", "subscriptions", "--from-beginning", "--json", "--max", "2", "--timeout", "30",
        "--bootstrap-servers", broker.bootstrapServers());
    assertThat(tailed.out()).contains("\"secret\":\"***\"").doesNotContain(SECRET, "pa55word", "k3y");

    try (WebhookDelivery delivery = WebhookDelivery.start(client, TOPICS, FAST, new SimpleMeterRegistry())) {
      publish(alert("a1", Level.ELEVATED), alert("a2", Level.ESCALATING));
      await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 1);
    }
    List<com.fasterxml.jackson.databind.JsonNode> dead;
    try (WebhookDelivery restarted = WebhookDelivery.start(client, TOPICS, FAST, new SimpleMeterRegistry())) {
      publish(alert("a3", Level.CRITICAL));
      await().atMost(Duration.ofSeconds(30)).until(() -> received.stream().anyMatch(r -> r[0].equals("a3")));
      // The broken subscription's three alerts, each given up after its retries.
      dead = UpIT.tailFrom(broker.bootstrapServers(), "deadletter", 3);
    }

    assertThat(received.stream().map(r -> r[0]).distinct()).containsExactly("a2", "a3");
    assertThat(received).allSatisfy(r ->
        assertThat(r[1]).isEqualTo(Signature.of(SECRET, r[2].getBytes(StandardCharsets.UTF_8))));
    assertThat(dead).allSatisfy(d -> {
      assertThat(d.get("headers").get("newswatch.error.stage").asText()).isEqualTo("webhooks");
      assertThat(d.get("headers").get("newswatch.error.reason").asText()).contains("HTTP 500 after 3 attempts");
      assertThat(d.get("headers").get("newswatch.error.origin").asText()).endsWith("/broken?key=***")
          .doesNotContain("pa55word");
    });
  }

  @Test
  void aTargetOnThisMachineOrTheBrokerAndAShortSecretAreRefusedAtSubscription() {
    String bootstrap = broker.bootstrapServers();
    var local = run("subscribe", "--url", "http://127.0.0.1:" + subscriber.getAddress().getPort() + "/hook",
        "--bootstrap-servers", bootstrap);
    assertThat(local.exitCode()).isEqualTo(2);
    assertThat(local.err()).contains("resolves to 127.0.0.1", "--allow-private-webhooks");
    var byName = run("subscribe", "--url", "http://localhost/hook", "--bootstrap-servers", bootstrap);
    assertThat(byName.exitCode()).isEqualTo(2);
    assertThat(byName.err()).contains("localhost resolves to");
    var theBroker = run("subscribe", "--url", "http://" + bootstrap + "/", "--allow-private-webhooks",
        "--bootstrap-servers", bootstrap);
    assertThat(theBroker.exitCode()).isEqualTo(2);
    assertThat(theBroker.err()).contains("is a Kafka broker");
    var weak = run("subscribe", "--url", "http://localhost:1/hook", "--secret", "x", "--allow-private-webhooks",
        "--bootstrap-servers", bootstrap);
    assertThat(weak.exitCode()).isEqualTo(2);
    assertThat(weak.err()).contains("at least 16 bytes");
    assertThat(run("subscribe", "--url", "file:///etc/passwd", "--bootstrap-servers", bootstrap).err())
        .contains("only absolute http and https URLs");
  }

  @Test
  void aSubscriberThatNeverAnswersDelaysNoOtherAndLosesNothingAcrossAKill9() throws Exception {
    Topics topics = Topics.withPrefix("silent.");
    TopicSetup.ensure(client, topics, 2, (short) 1);
    Map<String, Instant> healthy = new ConcurrentHashMap<>(); // alert id -> first arrival
    List<String> healthyIds = new CopyOnWriteArrayList<>();
    subscriber.createContext("/healthy", exchange -> {
      String id = exchange.getRequestHeaders().getFirst(WebhookSender.ALERT_ID_HEADER);
      healthy.putIfAbsent(id, Instant.now());
      healthyIds.add(id);
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        while (!silent.isClosed()) {
          try {
            held.add(silent.accept()); // connected, never answered
          } catch (IOException closed) {
            return;
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      String bootstrap = broker.bootstrapServers();
      for (String url : List.of("http://127.0.0.1:" + silent.getLocalPort() + "/hook",
          "http://127.0.0.1:" + subscriber.getAddress().getPort() + "/healthy")) {
        var added = run("subscribe", "--url", url, "--secret", SECRET, "--allow-private-webhooks",
            "--topic-prefix", topics.prefix(), "--bootstrap-servers", bootstrap);
        assertThat(added.exitCode()).as(added.err()).isZero();
      }
      List<String> command = List.of(FeedIngestIT.java(), "-jar", FeedIngestIT.jar(), "webhooks",
          "--bootstrap-servers", bootstrap, "--topic-prefix", topics.prefix(), "--allow-private-webhooks",
          "--webhook-attempts", "2", "--webhook-timeout", "2s",
          // a killed member holds its partitions until its session times out: 45 s by default
          "-X", "session.timeout.ms=6000");
      Path log = dir.resolve("webhooks.log");
      Process webhooks = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      List<String> ids = new ArrayList<>(List.of("s1"));
      Map<String, String> deadLettered = new ConcurrentHashMap<>(); // alert id -> reason
      try {
        // Alerts carry the time of the article that raised them, older than the subscriptions:
        // they are delivered all the same, being published after; s1 before the stage is up.
        publish(topics, alert("s1", Level.CRITICAL));
        await().atMost(Duration.ofSeconds(60)).until(() -> healthy.containsKey("s1"));
        Map<String, Instant> published = new HashMap<>();
        for (int i = 2; i <= 6; i++) {
          String id = "s" + i;
          publish(topics, alert(id, Level.CRITICAL));
          published.put(id, Instant.now());
          ids.add(id);
          Thread.sleep(1000);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> healthy.keySet().containsAll(ids));
        // The silent subscriber costs each alert two 2 s waits; the healthy one, once up, never
        // waits for it.
        assertThat(published.keySet()).allSatisfy(id -> assertThat(Duration.between(published.get(id), healthy.get(id)))
            .as("delay of %s to the healthy subscriber", id).isLessThan(Duration.ofSeconds(3)));
        for (int i = 7; i <= 10; i++) {
          ids.add("s" + i);
          publish(topics, alert("s" + i, Level.CRITICAL));
        }
        webhooks.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9 while the silent one is behind
        webhooks = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        for (int i = 11; i <= 12; i++) {
          ids.add("s" + i);
          publish(topics, alert("s" + i, Level.CRITICAL));
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> healthy.keySet().containsAll(ids));
        await().atMost(Duration.ofSeconds(180)).until(() -> {
          deadLetters(topics, deadLettered);
          return deadLettered.keySet().containsAll(ids);
        });
        assertThat(healthyIds).as("no alert but those published").allSatisfy(id -> assertThat(ids).contains(id));
        assertThat(deadLettered.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(deadLettered.values()).allSatisfy(reason -> assertThat(reason).contains("after 2 attempts"));
      } catch (AssertionError | ConditionTimeoutException e) {
        // what the stage logged (where each delivery started, what it did not take) is the evidence
        throw new AssertionError(e.getMessage() + "\npublished " + ids + "; the healthy subscriber got "
            + healthyIds + "; dead letters of " + deadLettered.keySet() + "; the webhooks stage logged:\n"
            + String.join("\n", Files.readAllLines(log)), e);
      } finally {
        webhooks.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void aSubscriptionMadeWhileTheAlertsTopicIsBeingCreatedGetsTheAlertsPublishedBeforeItsDeliveryStarts()
      throws Exception {
    // A broker knows a topic only once its creation has reached the broker's metadata. A
    // subscription made in between used to be recorded without offsets, to begin at its creation
    // time, which alerts carrying their article's older time never reach: its delivery began at
    // the end of the alerts and skipped every one published before it started.
    Topics topics = Topics.withPrefix("fresh.");
    try (Admin admin = Admin.create(client)) {
      admin.createTopics(topics.all().stream().map(Topic::name).filter(n -> !n.equals(topics.alerts().name()))
          .map(n -> new NewTopic(n, 2, (short) 1).configs(topics.configs(n))).toList()).all().get();
    }
    Thread createAlerts = new Thread(() -> {
      try (Admin admin = Admin.create(client)) {
        Thread.sleep(3000); // while subscribe is asking for the alerts topic
        admin.createTopics(List.of(new NewTopic(topics.alerts().name(), 2, (short) 1)
            .configs(topics.configs(topics.alerts().name())))).all().get();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    createAlerts.start();
    List<String> got = new CopyOnWriteArrayList<>();
    subscriber.createContext("/fresh", exchange -> {
      got.add(exchange.getRequestHeaders().getFirst(WebhookSender.ALERT_ID_HEADER));
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    var added = run("subscribe", "--url", "http://127.0.0.1:" + subscriber.getAddress().getPort() + "/fresh",
        "--secret", SECRET, "--allow-private-webhooks", "--topic-prefix", topics.prefix(),
        "--bootstrap-servers", broker.bootstrapServers());
    createAlerts.join();
    assertThat(added.exitCode()).as(added.err()).isZero();

    publish(topics, alert("f1", Level.CRITICAL), alert("f2", Level.CRITICAL));
    try (WebhookDelivery delivery = WebhookDelivery.start(client, topics, FAST, new SimpleMeterRegistry())) {
      await("the alerts published after the subscription, before its delivery started")
          .atMost(Duration.ofSeconds(30)).until(() -> got.containsAll(List.of("f1", "f2")));
    }
  }

  @Test
  void alertsTheRetentionRemovedBeforeTheirDeliveryAreCountedAndTheRestDelivered() throws Exception {
    Topics topics = Topics.withPrefix("gone.");
    TopicSetup.ensure(client, topics, 2, (short) 1);
    List<String> got = new CopyOnWriteArrayList<>();
    subscriber.createContext("/gone", exchange -> {
      got.add(exchange.getRequestHeaders().getFirst(WebhookSender.ALERT_ID_HEADER));
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    var added = run("subscribe", "--url", "http://127.0.0.1:" + subscriber.getAddress().getPort() + "/gone",
        "--secret", SECRET, "--allow-private-webhooks", "--topic-prefix", topics.prefix(),
        "--bootstrap-servers", broker.bootstrapServers());
    assertThat(added.exitCode()).as(added.err()).isZero();
    publish(topics, alert("g1", Level.CRITICAL), alert("g2", Level.CRITICAL));
    try (Admin admin = Admin.create(client)) {
      // what the retention does to alerts older than it keeps, here at once
      List<TopicPartition> partitions = List.of(new TopicPartition(topics.alerts().name(), 0),
          new TopicPartition(topics.alerts().name(), 1));
      Map<TopicPartition, RecordsToDelete> removed = new HashMap<>();
      admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
          .all().get().forEach((p, end) -> removed.put(p, RecordsToDelete.beforeOffset(end.offset())));
      admin.deleteRecords(removed).all().get();
    }
    publish(topics, alert("g3", Level.CRITICAL));

    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (WebhookDelivery delivery = WebhookDelivery.start(client, topics, FAST, registry)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> got.contains("g3"));
      assertThat(got).containsExactly("g3");
      await("the two alerts lost, counted").atMost(Duration.ofSeconds(10)).until(() ->
          registry.find("newswatch.webhook.missed").functionCounters().stream().mapToDouble(c -> c.count()).sum() == 2);
      assertThat(delivery.statuses().values()).singleElement()
          .satisfies(s -> assertThat(s.lastFailure()).contains("offsets 0 to 1", "retention"));
    }
  }

  /** The dead letters of the webhook stage on {@code topics}, read from the beginning: alert id -> reason. */
  static void deadLetters(Topics topics, Map<String, String> into) {
    var alerts = topics.alerts();
    TopicReader.readToEnd(client, topics.deadLetter().name(), Instant.EPOCH, record -> {
      var stage = record.headers().lastHeader(DeadLetters.STAGE);
      if (stage != null && "webhooks".equals(new String(stage.value(), StandardCharsets.UTF_8))) {
        Alert a = alerts.valueSerde().deserializer().deserialize(alerts.name(), record.value());
        into.put(a.getAlertId(), DeadLetters.reason(record.headers()));
      }
    });
  }

  /**
   * An alert about articles of a day ago: older than the subscriptions, as an alert's time is its
   * article's, yet well inside the year news.alerts keeps. A fixed date falls out of that year
   * as the calendar moves on, and the broker's retention then removes the alerts published with
   * it while a test runs.
   */
  static Alert alert(String id, Level level) {
    Instant windowEnd = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
    return Alert.newBuilder()
        .setAlertId(id).setPlaceId(705104L).setPlaceName("Kostiantynivka").setCountryCode("UA")
        .setLat(48.5).setLon(37.7).setLevel(level).setPreviousLevel(Level.NORMAL)
        .setWindowStart(windowEnd.minus(Duration.ofHours(6))).setWindowEnd(windowEnd)
        .setStories(5).setSources(List.of("reuters.com")).setBaseline(0.2).setScore(9).setIntensity(0.8)
        .setTopActors(List.of()).setEvidence(List.of()).setSummary("Kostiantynivka: 5 stories")
        .setDetectedAt(windowEnd.minus(Duration.ofMinutes(30))).build();
  }

  static void publish(Alert... alerts) throws Exception {
    publish(TOPICS, alerts);
  }

  /** Publishes with the time of the article that raised the alert, as the detector does. */
  static void publish(Topics topics, Alert... alerts) throws Exception {
    var topic = topics.alerts();
    try (var producer = new KafkaProducer<>(client, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      for (Alert a : alerts) {
        producer.send(new ProducerRecord<>(topic.name(), null, a.getWindowEnd().toEpochMilli(),
            Long.toString(a.getPlaceId()), a)).get();
      }
    }
  }
}
