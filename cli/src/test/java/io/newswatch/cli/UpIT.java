package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static io.newswatch.cli.CommandLineTest.run;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.cli.broker.LocalBroker;
import io.newswatch.schemas.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code newswatch up} as a user runs it: the built launcher jar in its own process, with
 * its own real Kafka broker in an empty data directory; articles go in with
 * {@code newswatch ingest} and come out with {@code newswatch tail}.
 */
@TestMethodOrder(OrderAnnotation.class)
class UpIT {
  @TempDir static Path dataDir;
  static int kafkaPort;
  static int httpPort;
  static Process up;
  static Path upLog;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void startUp() throws Exception {
    kafkaPort = LocalBroker.freePortPair();
    httpPort = freePort();
    upLog = dataDir.resolve("up.log");
    up = startUpProcess();
  }

  @AfterAll
  static void stopUp() throws Exception {
    if (up != null && up.isAlive()) {
      up.destroy();
      up.waitFor(60, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(1)
  void becomesHealthyOnAnEmptyDataDirWithItsTopicsSetUp() throws Exception {
    awaitHealthy();

    assertThat(get("/health").statusCode()).isEqualTo(200);
    assertThat(get("/metrics").body()).contains("kafka_stream_thread_process_total");

    var topics = run("topics", "describe", "--bootstrap-servers", bootstrap());
    assertThat(topics.out()).contains(
        "news.articles.raw  partitions=1 replicas=1 cleanup.policy=delete retention.ms=31536000000",
        "news.watchlist  partitions=1 replicas=1 cleanup.policy=compact");
  }

  @Test
  @Order(2)
  void anIngestedArticleComesOutEnrichedWithKostiantynivka() throws Exception {
    CommandLineTest.Result ingest = run("ingest", "--file", resource("konstantinovka.jsonl").toString(), "--bootstrap-servers", bootstrap());
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    assertThat(ingest.out()).contains("1 read, 1 sent, 0 rejected");

    JsonNode enriched = tail("enriched", 1).get(0).get("value");

    assertThat(enriched.get("id").asText()).isEqualTo("seed-konstantinovka");
    assertThat(enriched.get("places").findValuesAsText("geonameId")).contains("705104");
    assertThat(enriched.get("actors").findValuesAsText("name")).anyMatch(n -> n.contains("Putin"));

    // up's ingest did not send it, so it sends it again when it is pushed; enrich passes it on once
    HttpResponse<String> pushed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + httpPort + "/api/articles")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Files.readString(resource("konstantinovka.jsonl")))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(pushed.body()).contains("\"sent\":1");
    Path marker = dataDir.resolve("marker.jsonl");
    Files.writeString(marker, "{\"id\": \"after-repeat\", \"title\": \"Shelling in Sloviansk\"}\n");
    assertThat(run("ingest", "--file", marker.toString(), "--bootstrap-servers", bootstrap()).exitCode()).isZero();
    assertThat(tail("enriched", 2)).extracting(e -> e.get("value").get("id").asText())
        .containsExactly("seed-konstantinovka", "after-repeat");
  }

  @Test
  @Order(3)
  void aMalformedLineIsDeadLetteredWithItsLineNumberAndTheRestAreSent() throws Exception {
    Path file = dataDir.resolve("mixed.jsonl");
    Files.writeString(file, "{\"title\": \"Shelling in Sloviansk\", \"publishedAt\": \"2025-11-20T10:00:00Z\"}\n{broken\n");

    CommandLineTest.Result ingest = run("ingest", "--file", file.toString(), "--bootstrap-servers", bootstrap());

    assertThat(ingest.exitCode()).isEqualTo(2);
    assertThat(ingest.out()).contains("2 read, 1 sent, 1 rejected", "mixed.jsonl:2: not JSON");
    JsonNode dead = tail("deadletter", 1).get(0);
    assertThat(dead.get("value").asText()).isEqualTo("{broken");
    assertThat(dead.get("headers").get("newswatch.error.line").asText()).isEqualTo("2");
    assertThat(dead.get("headers").get("newswatch.error.reason").asText()).startsWith("not JSON");
  }

  @Test
  @Order(4)
  void bytesThatAreNotAnArticleAreDeadLetteredByEnrichAndTheNextArticleFlows() throws Exception {
    var props = new java.util.Properties();
    props.put("bootstrap.servers", bootstrap());
    try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(props,
        new org.apache.kafka.common.serialization.StringSerializer(),
        new org.apache.kafka.common.serialization.StringSerializer())) {
      producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
          "news.articles.raw", "poison", "these bytes are not Avro")).get();
    }
    Path next = dataDir.resolve("next.jsonl");
    Files.writeString(next, "{\"id\": \"after-poison\", \"title\": \"Shelling in Kramatorsk\"}\n");
    assertThat(run("ingest", "--file", next.toString(), "--bootstrap-servers", bootstrap()).exitCode()).isZero();

    List<JsonNode> dead = tail("deadletter", 2);
    assertThat(dead).anySatisfy(d -> {
      assertThat(d.get("key").asText()).isEqualTo("poison");
      assertThat(d.get("value").asText()).isEqualTo("these bytes are not Avro");
      assertThat(d.get("headers").toString()).contains("RawArticle");
    });
    assertThat(tail("enriched", 4)).extracting(e -> e.get("value").get("id").asText()).contains("after-poison");
  }

  @Test
  @Order(5)
  void aWatchedTownsEscalationBecomesAnAlert() throws Exception {
    // allowed when subscribed, refused by up (started without --allow-private-webhooks) at delivery
    CommandLineTest.Result subscribed = run("subscribe", "--url", "http://127.0.0.1:9/hook", "--allow-private-webhooks",
        "--bootstrap-servers", bootstrap());
    assertThat(subscribed.exitCode()).as(subscribed.err()).isZero();
    String subscription = subscribed.out().split(" ")[1];
    CommandLineTest.Result watch = run("watch", "add", "705104", "--bootstrap-servers", bootstrap());
    assertThat(watch.exitCode()).as(watch.err()).isZero();
    assertThat(watch.out()).contains("705104");
    Path demo = dataDir.resolve("demo.jsonl");
    try (var in = Demo.feed(); var copy = Files.newBufferedWriter(demo)) {
      in.transferTo(copy);
    }

    CommandLineTest.Result ingest = run("ingest", "--file", demo.toString(), "--bootstrap-servers", bootstrap());
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();

    JsonNode alert = tail("alerts", 1).get(0).get("value");
    assertThat(alert.get("placeId").asLong()).isEqualTo(705104L);
    assertThat(alert.get("level").asText()).isIn("ELEVATED", "ESCALATING", "CRITICAL");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(get("/api/alerts").body()).contains("\"placeId\":705104"));
    assertThat(run("alerts", "tail", "--from-beginning", "--max", "1", "--timeout", "30",
        "--bootstrap-servers", bootstrap()).out()).startsWith(alert.get("level").asText() + " Kostiantynivka: ");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/metrics").body())
        .contains("newswatch_alerts_total{level=\"" + alert.get("level").asText() + "\"}",
            "newswatch_ingest_to_enriched_seconds", "newswatch_dead_letters_total{reason=\"not JSON\",stage=\"ingest\"}"));
    // The subscription's refusals are dead letters, and /ready says so while the pipeline stays READY.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      HttpResponse<String> ready = get("/ready");
      assertThat(ready.statusCode()).isEqualTo(200);
      JsonNode delivery = Json.MAPPER.readTree(ready.body()).get("webhooks").get(subscription);
      assertThat(delivery.get("state").asText()).isEqualTo("FAILING");
      assertThat(delivery.get("deadLettered").asLong()).isPositive();
      assertThat(delivery.get("lag").asLong()).isZero();
      assertThat(delivery.get("lastFailure").asText()).contains("target refused");
    });
    assertThat(get("/metrics").body()).containsPattern(
        "newswatch_webhook_dead_lettered_total\\{subscription=\"" + subscription + "\"\\} [1-9]");
  }

  @Test
  @Order(6)
  void aSecondUpOnTheDataDirInUseOrOnPortsInUseIsRefusedInOneLineAndTheFirstRunsOn() throws Exception {
    CommandLineTest.Result sameDir = runUp(dataDir.resolve("data"), LocalBroker.freePortPair(), freePort());
    assertThat(sameDir.exitCode()).as(sameDir.out()).isEqualTo(2);
    assertThat(sameDir.out().strip()).doesNotContain("\n").contains("is in use by another newswatch up (process "
        + up.pid() + ")");

    CommandLineTest.Result sameKafkaPort = runUp(dataDir.resolve("other"), kafkaPort, freePort());
    assertThat(sameKafkaPort.exitCode()).isEqualTo(2);
    assertThat(sameKafkaPort.out().strip()).doesNotContain("\n").contains("port " + kafkaPort, "--kafka-port");
    CommandLineTest.Result sameHttpPort = runUp(dataDir.resolve("other"), LocalBroker.freePortPair(), httpPort);
    assertThat(sameHttpPort.exitCode()).isEqualTo(2);
    assertThat(sameHttpPort.out().strip()).doesNotContain("\n").contains("port " + httpPort, "--http-port");

    assertThat(get("/ready").statusCode()).isEqualTo(200);
    assertThat(run("watch", "list", "--bootstrap-servers", bootstrap()).out()).contains("705104");
  }

  /** {@code up} in a process of its own, expected to refuse at once: its exit code and everything it printed. */
  static CommandLineTest.Result runUp(Path dir, int kafka, int http) throws Exception {
    Path jar = Path.of("target", "newswatch.jar").toAbsolutePath();
    Process second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        jar.toString(), "up", "--data-dir", dir.toString(), "--kafka-port", Integer.toString(kafka),
        "--http-port", Integer.toString(http)).redirectErrorStream(true).start();
    String printed = new String(second.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("refused within 60 s").isTrue();
    return new CommandLineTest.Result(second.exitValue(), printed, "");
  }

  @Test
  @Order(7)
  void aPageOfAnotherOriginCanNeitherWatchNorUnwatchNorPushWhileTheDashboardCan() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(DashboardBrowserIT.CHROMEDRIVER) && Files.isExecutable(DashboardBrowserIT.CHROMIUM),
        "needs Debian's chromium and chromium-driver (.ci/run installs them)");
    String target = "http://127.0.0.1:" + httpPort;
    com.sun.net.httpserver.HttpServer attacker = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    byte[] page = ATTACK_PAGE.replace("TARGET", target).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    attacker.createContext("/", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    attacker.start();
    double pushedBefore = pushedArticles();
    try (var browser = DashboardBrowserIT.WebDriver.start(freePort(), dataDir.resolve("chrome"))) {
      browser.open("http://127.0.0.1:" + attacker.getAddress().getPort() + "/");
      await().atMost(Duration.ofSeconds(60)).until(() -> "true".equals(browser.script("return String(window.done)")));
      Thread.sleep(2_000); // the form's POST into the frame
      assertThat(get("/api/watches").body()).contains("705104").doesNotContain("704204");
      assertThat(pushedArticles()).isEqualTo(pushedBefore);
      assertThat(run("tail", "raw", "--from-beginning", "--json", "--max", "1000", "--timeout", "5",
          "--bootstrap-servers", bootstrap()).out()).doesNotContain("Forged escalation in Lyman");

      // the dashboard itself, on its own origin, still watches and unwatches
      browser.open(target + "/");
      await().atMost(Duration.ofSeconds(30)).until(() -> browser.script(
          "return document.querySelector('#watchlist li .name')?.textContent ?? ''").contains("Kostiantynivka"));
      browser.script("document.getElementById('watch-name').value = 'Kramatorsk';"
          + " document.getElementById('add-watch').requestSubmit(); return 1");
      await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/watches").body().contains("\"Kramatorsk\""));
      await().atMost(Duration.ofSeconds(30)).until(() -> "1".equals(browser.script(
          "return String(document.querySelectorAll('#watchlist li[data-place=\"704508\"] .remove').length)")));
      browser.script("document.querySelector('#watchlist li[data-place=\"704508\"] .remove').click(); return 1");
      await().atMost(Duration.ofSeconds(30)).until(() -> !get("/api/watches").body().contains("\"Kramatorsk\""));
    } finally {
      attacker.stop(0);
    }

    HttpResponse<String> dashboard = get("/");
    assertThat(dashboard.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline"));
    assertThat(dashboard.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(dashboard.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(dashboard.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    assertThat(rawGet("rebound.example:" + httpPort)).startsWith("HTTP/1.1 403");

    HttpResponse<String> broken = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/watches"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{broken")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(broken.body()).contains("the body is not JSON");
  }

  /**
   * What a page on another site tries when the desk's browser visits it: adding a watch by
   * a CORS-less text/plain fetch, by JSON with a preflight and by a plain HTML form; deleting
   * the watched town; pushing a forged article.
   */
  static final String ATTACK_PAGE = """
      <!doctype html><html><body>
      <iframe name="sink"></iframe>
      <form id="f" method="POST" action="TARGET/api/watches" enctype="text/plain" target="sink">
      <input name='{"place":"704204","minLevel":"CRITICAL","x":"' value='"}'></form>
      <script>
      const watch = JSON.stringify({ place: "704204", minLevel: "CRITICAL" });
      const article = JSON.stringify({ url: "https://forged.example/1", title: "Forged escalation in Lyman" });
      const quietly = (p) => p.then(() => null, () => null);
      (async () => {
        await quietly(fetch("TARGET/api/watches", { method: "POST", mode: "no-cors",
          headers: { "Content-Type": "text/plain" }, body: watch }));
        await quietly(fetch("TARGET/api/watches", { method: "POST",
          headers: { "Content-Type": "application/json" }, body: watch }));
        await quietly(fetch("TARGET/api/watches/705104", { method: "DELETE" }));
        await quietly(fetch("TARGET/api/watches/705104", { method: "DELETE", mode: "no-cors" }));
        await quietly(fetch("TARGET/api/articles", { method: "POST", mode: "no-cors", body: article }));
        document.getElementById("f").submit();
        window.done = true;
      })();
      </script></body></html>
      """;

  static double pushedArticles() throws Exception {
    for (String line : get("/metrics").body().split("\n")) {
      if (line.startsWith("newswatch_push_articles_total{outcome=\"sent\"}")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }

  /** A GET naming a Host of our choosing, which Java's HTTP client does not allow. */
  static String rawGet(String host) throws IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", httpPort)) {
      socket.getOutputStream().write(("GET /api/alerts HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  @Order(8)
  void stopsCleanlyAndASecondUpOnTheSameDirectoryResumes() throws Exception {
    // a dashboard left open: its alert stream must end with the server, not spin after it
    HttpResponse<Stream<String>> stream = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + httpPort + "/api/alerts/stream"))
        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
    assertThat(stream.body().findFirst()).contains(": newswatch alerts");

    up.destroy(); // SIGTERM, as Ctrl-C
    assertThat(up.waitFor(60, TimeUnit.SECONDS)).as("up stopped within 60 s").isTrue();
    String log = Files.readString(upLog);
    assertThat(up.exitValue()).as(log).isIn(0, 143);
    assertThat(log).doesNotContain("Uncaught exception");

    // the second up listens on every interface: the API then needs the token it generates
    up = startUpProcess("--http-host", "0.0.0.0");
    awaitHealthy();

    assertThat(run("watch", "list", "--bootstrap-servers", bootstrap()).out()).contains("705104");
    Path tokenFile = dataDir.resolve("data").resolve("http-token");
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)))
        .isEqualTo("rw-------");
    String token = Files.readString(tokenFile).trim();
    assertThat(Files.readString(upLog)).contains("HTTP access token (shown this once; kept in " + tokenFile + ", readable by you alone): " + token);
    assertThat(get("/api/watches").statusCode()).isEqualTo(401);
    assertThat(get("/metrics").statusCode()).isEqualTo(401);
    HttpResponse<String> withToken = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/watches"))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(withToken.statusCode()).isEqualTo(200);
    assertThat(withToken.body()).contains("705104");

    // the dashboard asks for the token once and keeps it for the browser session
    if (Files.isExecutable(DashboardBrowserIT.CHROMEDRIVER) && Files.isExecutable(DashboardBrowserIT.CHROMIUM)) {
      try (var browser = DashboardBrowserIT.WebDriver.start(freePort(), dataDir.resolve("chrome-token"))) {
        String dashboard = "http://127.0.0.1:" + httpPort + "/";
        browser.open(dashboard);
        await().atMost(Duration.ofSeconds(60)).until(() ->
            "false".equals(browser.script("return String(document.getElementById('token-section').hidden)")));
        browser.script("document.getElementById('token').value = '" + token + "';"
            + " document.getElementById('token-form').requestSubmit(); return 1");
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.script(
            "return document.querySelector('#watchlist li .name')?.textContent ?? ''").contains("Kostiantynivka"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
            "live".equals(browser.script("return document.getElementById('connection').textContent")));
        browser.open(dashboard); // a reload keeps it
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.script(
            "return document.querySelector('#watchlist li .name')?.textContent ?? ''").contains("Kostiantynivka"));
        assertThat(browser.script("return String(document.getElementById('token-section').hidden)")).isEqualTo("true");
      }
    }
  }

  // --- helpers -------------------------------------------------------------------------

  static Process startUpProcess(String... more) throws IOException {
    Path jar = Path.of("target", "newswatch.jar").toAbsolutePath();
    assertThat(jar).as("the launcher jar is built in package, before integration tests").exists();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString(), "up", "--data-dir", dataDir.resolve("data").toString(),
        "--kafka-port", Integer.toString(kafkaPort), "--http-port", Integer.toString(httpPort)));
    command.addAll(List.of(more));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(upLog.toFile()))
        .start();
  }

  static void awaitHealthy() {
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
        .failFast(() -> !up.isAlive())
        .untilAsserted(() -> assertThat(get("/ready").statusCode()).isEqualTo(200));
  }

  static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String bootstrap() {
    return "127.0.0.1:" + kafkaPort;
  }

  static List<JsonNode> tail(String topic, int max) throws Exception {
    return tailFrom(bootstrap(), topic, max);
  }

  /** The first {@code max} records of a topic, through {@code newswatch tail --json}. */
  static List<JsonNode> tailFrom(String bootstrap, String topic, int max) throws Exception {
    CommandLineTest.Result r = run("tail", topic, "--from-beginning", "--json", "--max", Integer.toString(max),
        "--timeout", "60", "--bootstrap-servers", bootstrap);
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<JsonNode> records = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      if (!line.isBlank()) {
        records.add(Json.MAPPER.readTree(line));
      }
    }
    assertThat(records).as("records on %s within 60 s", topic).hasSize(max);
    return records;
  }

  static Path resource(String name) throws Exception {
    return Path.of(Objects.requireNonNull(UpIT.class.getResource("/" + name)).toURI());
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
