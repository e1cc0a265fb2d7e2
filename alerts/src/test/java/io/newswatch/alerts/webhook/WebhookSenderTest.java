package io.newswatch.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.newswatch.avro.Alert;
import io.newswatch.avro.Evidence;
import io.newswatch.avro.Level;
import io.newswatch.avro.PayloadFormat;
import io.newswatch.avro.Subscription;
import io.newswatch.schemas.Json;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSenderTest {
  record Received(String body, String signature, String alertId) {}

  HttpServer server;
  final List<Received> received = new CopyOnWriteArrayList<>();
  final AtomicInteger failuresLeft = new AtomicInteger();
  final List<Duration> waits = new ArrayList<>();
  WebhookSender sender;

  @BeforeEach
  void startSubscriber() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      int status = failuresLeft.getAndDecrement() > 0 ? 503 : 204;
      if (status == 204) {
        received.add(new Received(body, exchange.getRequestHeaders().getFirst(Signature.HEADER),
            exchange.getRequestHeaders().getFirst(WebhookSender.ALERT_ID_HEADER)));
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
    sender = new WebhookSender(WebhookTargets.of(true, List.of()), Backoff.defaults(), Duration.ofSeconds(10), new Random(7), waits::add);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  static Alert alert(Level level, long placeId) {
    return Alert.newBuilder()
        .setAlertId("a-" + placeId + "-" + level).setPlaceId(placeId).setPlaceName("Kostiantynivka")
        .setCountryCode("UA").setLat(48.5).setLon(37.7).setLevel(level).setPreviousLevel(Level.NORMAL)
        .setWindowStart(Instant.parse("2025-11-20T01:00:00Z")).setWindowEnd(Instant.parse("2025-11-20T07:00:00Z"))
        .setStories(5).setSources(List.of("reuters.com")).setBaseline(0.2).setScore(9).setIntensity(0.8)
        .setTopActors(List.of()).setSummary("Kostiantynivka: 5 stories from 5 sources in 6 h")
        .setEvidence(List.of(new Evidence("demo-1", "Shelling | in <Kostiantynivka>", "https://e.org/1", "e.org",
            Instant.parse("2025-11-20T06:00:00Z"))))
        .setDetectedAt(Instant.parse("2025-11-20T06:30:00Z"))
        .build();
  }

  Subscription subscription(PayloadFormat format) {
    return Subscription.newBuilder().setId("s1").setUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/hook")
        .setSecret("s3cret").setPlaceIds(List.of()).setMinLevel(Level.ELEVATED).setFormat(format)
        .setCreatedAt(Instant.EPOCH).build();
  }

  @Test
  void postsTheAlertSignedWithTheSubscriptionsSecret() throws Exception {
    Alert alert = alert(Level.ESCALATING, 705104);

    assertThat(sender.deliver(subscription(PayloadFormat.JSON), alert)).isEmpty();

    Received r = received.get(0);
    assertThat(Json.MAPPER.readTree(r.body()).get("alertId").asText()).isEqualTo(alert.getAlertId());
    assertThat(r.alertId()).isEqualTo(alert.getAlertId());
    assertThat(r.signature()).isEqualTo(Signature.of("s3cret", r.body().getBytes(StandardCharsets.UTF_8)))
        .startsWith("sha256=").hasSize(7 + 64);
  }

  @Test
  void retriesWithGrowingJitteredWaitsUntilTheSubscriberTakesIt() throws Exception {
    failuresLeft.set(3);

    assertThat(sender.deliver(subscription(PayloadFormat.JSON), alert(Level.ELEVATED, 1))).isEmpty();

    assertThat(received).hasSize(1);
    assertThat(waits).hasSize(3);
    for (int i = 0; i < waits.size(); i++) {
      assertThat(waits.get(i)).isLessThanOrEqualTo(Duration.ofMillis(500L << i));
    }
  }

  @Test
  void givesUpWithTheReasonAfterTheLastAttempt() throws Exception {
    failuresLeft.set(100);

    assertThat(sender.deliver(subscription(PayloadFormat.JSON), alert(Level.ELEVATED, 1)))
        .hasValue("HTTP 503 after 6 attempts");
  }

  @Test
  void anUnreachableSubscriberIsAFailureNotACrash() throws Exception {
    Subscription gone = Subscription.newBuilder(subscription(PayloadFormat.JSON)).setUrl("http://127.0.0.1:1/hook").build();

    assertThat(sender.deliver(gone, alert(Level.ELEVATED, 1))).hasValueSatisfying(r -> assertThat(r).contains("Exception"));
  }

  @Test
  void aTargetOnThisMachineIsNeitherPostedToNorRetriedUnlessPrivateTargetsAreAllowed() throws Exception {
    WebhookSender strict = new WebhookSender(WebhookTargets.of(false, List.of()), Backoff.defaults(), Duration.ofSeconds(10), new Random(7),
        waits::add);

    assertThat(strict.deliver(subscription(PayloadFormat.JSON), alert(Level.CRITICAL, 1)))
        .hasValueSatisfying(r -> assertThat(r).startsWith("target refused: 127.0.0.1 resolves to 127.0.0.1")
            .contains("--allow-private-webhooks"));
    assertThat(received).isEmpty();
    assertThat(waits).isEmpty();
  }

  @Test
  void slackFormatIsATextMessageWithTheEvidenceLinked() throws Exception {
    sender.deliver(subscription(PayloadFormat.SLACK), alert(Level.CRITICAL, 705104));

    String text = Json.MAPPER.readTree(received.get(0).body()).get("text").asText();
    assertThat(text).startsWith("*CRITICAL* Kostiantynivka: 5 stories")
        .contains("<https://e.org/1|Shelling / in &lt;Kostiantynivka&gt;>");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 20, 40})
  void backoffNeverExceedsItsCap(int retry) {
    Backoff backoff = Backoff.defaults();
    Random random = new Random(retry);
    for (int i = 0; i < 100; i++) {
      assertThat(backoff.beforeRetry(retry, random)).isBetween(Duration.ZERO, Duration.ofSeconds(30));
    }
  }

  @Test
  void aSubscriptionGetsItsPlacesFromItsLevelUp() {
    Subscription sub = Subscription.newBuilder(subscription(PayloadFormat.JSON))
        .setPlaceIds(List.of(705104L)).setMinLevel(Level.ESCALATING).build();

    assertThat(Subscriptions.wants(sub, alert(Level.ESCALATING, 705104))).isTrue();
    assertThat(Subscriptions.wants(sub, alert(Level.CRITICAL, 705104))).isTrue();
    assertThat(Subscriptions.wants(sub, alert(Level.ELEVATED, 705104))).isFalse();
    assertThat(Subscriptions.wants(sub, alert(Level.CRITICAL, 704508))).isFalse();
  }
}
