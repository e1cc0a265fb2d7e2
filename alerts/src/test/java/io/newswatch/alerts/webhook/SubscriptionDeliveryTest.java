package io.newswatch.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.avro.Alert;
import io.newswatch.avro.Level;
import io.newswatch.avro.PayloadFormat;
import io.newswatch.avro.Subscription;
import io.newswatch.schemas.Topic;
import io.newswatch.schemas.Topics;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The delivery loop against a scripted consumer: what a subscriber gets when alerts are gone. */
class SubscriptionDeliveryTest {
  static final Topic<String, Alert> ALERTS = Topics.defaults().alerts();
  static final TopicPartition P0 = new TopicPartition(ALERTS.name(), 0);
  static final TopicPartition P1 = new TopicPartition(ALERTS.name(), 1);

  HttpServer server;
  final List<String> received = new CopyOnWriteArrayList<>();
  final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.NONE.name());
  final MockProducer<byte[], byte[]> deadLetters =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final DeliveryProgress progress = new DeliveryProgress("s1", registry);
  SubscriptionDelivery delivery;

  @BeforeEach
  void startSubscriber() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", exchange -> {
      received.add(exchange.getRequestHeaders().getFirst(WebhookSender.ALERT_ID_HEADER));
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (delivery != null) {
      delivery.stop();
    }
    server.stop(0);
  }

  Subscription subscription() {
    return Subscription.newBuilder().setId("s1").setUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/hook")
        .setSecret("s".repeat(16)).setPlaceIds(List.of()).setMinLevel(Level.ELEVATED).setFormat(PayloadFormat.JSON)
        .setCreatedAt(Instant.EPOCH).setAlertOffsets(List.of(0L, 0L)).build();
  }

  static ConsumerRecord<byte[], byte[]> alertAt(long offset, String id) {
    Alert alert = Alert.newBuilder()
        .setAlertId(id).setPlaceId(705104L).setPlaceName("Kostiantynivka").setCountryCode("UA")
        .setLat(48.5).setLon(37.7).setLevel(Level.CRITICAL).setPreviousLevel(Level.NORMAL)
        .setWindowStart(Instant.parse("2025-11-20T01:00:00Z")).setWindowEnd(Instant.parse("2025-11-20T07:00:00Z"))
        .setStories(5).setSources(List.of("reuters.com")).setBaseline(0.2).setScore(9).setIntensity(0.8)
        .setTopActors(List.of()).setEvidence(List.of()).setSummary("Kostiantynivka: 5 stories")
        .setDetectedAt(Instant.parse("2025-11-20T06:30:00Z")).build();
    return new ConsumerRecord<>(P1.topic(), P1.partition(), offset, "705104".getBytes(),
        ALERTS.valueSerde().serializer().serialize(P1.topic(), alert));
  }

  void start() {
    WebhookSender sender = new WebhookSender(WebhookTargets.of(true, List.of()),
        new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), 1), Duration.ofSeconds(10), new Random(1), d -> { });
    delivery = new SubscriptionDelivery(subscription(), consumer, ALERTS, sender, deadLetters, "news.deadletter",
        progress);
    delivery.start();
  }

  @Test
  void alertsTheRetentionRemovedBeforeTheyWereDeliveredAreReportedAndTheRestIsDelivered() {
    // A delivery that stopped after its first alert: alerts 2 and 3 (offsets 1 and 2) were
    // removed by the topic's retention before it started again, 4 and 5 are left.
    restartWith(3, 1);

    await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 2);
    assertThat(received).containsExactly("s4", "s5");
    assertThat(delivery.failed()).as("the delivery goes on").isFalse();
    assertThat(registry.get("newswatch.webhook.missed").functionCounter().count())
        .as("the alerts lost to the retention, counted").isEqualTo(2);
    assertThat(progress.lastFailure.get()).contains("offsets 1 to 2 of " + P1, "retention");
    await().atMost(Duration.ofSeconds(20))
        .until(() -> consumer.committed(java.util.Set.of(P1)).get(P1).offset() == 5);
  }

  @Test
  void aDeliveryWhoseAlertsAreAllThereMissesNothing() {
    restartWith(0, 3);

    await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 2);
    assertThat(received).containsExactly("s4", "s5");
    assertThat(registry.get("newswatch.webhook.missed").functionCounter().count()).isZero();
  }

  /**
   * Starts the delivery again on a partition of five alerts whose first {@code beginning} the
   * retention removed, after the delivery before had committed {@code committed}; alerts 4 and
   * 5 (offsets 3 and 4) are there.
   */
  private void restartWith(long beginning, long committed) {
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, beginning));
    consumer.updateEndOffsets(Map.of(P0, 0L, P1, 5L));
    consumer.schedulePollTask(() -> {
      consumer.commitSync(Map.of(P1, new OffsetAndMetadata(committed))); // by the delivery before (subscribing forgets it)
      consumer.rebalance(List.of(P0, P1));
      consumer.addRecord(alertAt(3, "s4"));
      consumer.addRecord(alertAt(4, "s5"));
    });
    start();
  }
}
