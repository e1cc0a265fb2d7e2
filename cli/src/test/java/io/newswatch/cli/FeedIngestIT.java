package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.newswatch.cli.broker.LocalBroker;
import io.newswatch.cli.pipeline.TopicSetup;
import io.newswatch.schemas.DeadLetters;
import io.newswatch.schemas.TopicReader;
import io.newswatch.schemas.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code newswatch ingest --feeds} as a user runs it, from the built jar, against a real
 * broker: 50 fixture feeds (RSS and Atom with ETags, overlapping items, tracking-parameter
 * copies) and hostile ones served from this test, with a restart in the middle.
 */
class FeedIngestIT {
  static final int FEEDS = 50;
  static final Topics TOPICS = Topics.defaults();

  @TempDir static Path dir;
  static LocalBroker broker;
  static Properties client;
  static HttpServer server;
  /** Items listed by each fixture feed: indices into one pool of stories. */
  static final Map<Integer, Integer> itemsPerFeed = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    broker = LocalBroker.startOnFreePorts(dir.resolve("kafka"));
    client = broker.clientProperties();
    TopicSetup.ensure(client, TOPICS, 2, (short) 1);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/feed/", FeedIngestIT::serveFeed);
    server.createContext("/hostile/", FeedIngestIT::serveHostile);
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
    broker.close();
  }

  @Test
  void everyNewItemArrivesExactlyOnceAcrossARestartAndHostileFeedsAreContained() throws Exception {
    Path feeds = dir.resolve("feeds.txt");
    List<String> lines = new ArrayList<>(List.of("# fixture feeds"));
    IntStream.range(0, FEEDS).forEach(i -> lines.add(base() + "/feed/" + i + " 1s"));
    for (String hostile : List.of("xxe", "laughs", "huge", "bomb", "never-ends", "bad-utf8")) {
      lines.add(base() + "/hostile/" + hostile + " 1s");
    }
    Files.write(feeds, lines);
    IntStream.range(0, FEEDS).forEach(i -> itemsPerFeed.put(i, 8));

    Process first = ingest(feeds);
    // Feed i lists stories i..i+7: 57 distinct stories, plus the UTF-8 feed's one.
    await().atMost(Duration.ofSeconds(60)).until(() -> rawKeys().size() >= FEEDS + 7 + 1);
    first.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // a crash, not a clean stop

    IntStream.range(0, FEEDS).forEach(i -> itemsPerFeed.put(i, 10)); // two new stories at the end
    Process second = ingest(feeds);
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> rawKeys().size() >= FEEDS + 9 + 1);
      Thread.sleep(3000); // more polls: nothing more may come
      List<String> keys = rawKeys();
      assertThat(keys).hasSize(FEEDS + 9 + 1).doesNotHaveDuplicates();

      Map<String, String> reasons = deadLetterReasonsByOrigin();
      assertThat(reasons.get(base() + "/hostile/xxe")).startsWith("feed uses a DTD");
      assertThat(reasons.get(base() + "/hostile/laughs")).startsWith("feed uses a DTD");
      assertThat(reasons.get(base() + "/hostile/huge")).startsWith("feed is over the limit of");
      assertThat(reasons.get(base() + "/hostile/bomb")).contains("gzip bomb");
      assertThat(reasons.get(base() + "/hostile/never-ends")).startsWith("feed stopped sending");
      assertThat(reasons).doesNotContainKey(base() + "/hostile/bad-utf8");

      // as a user runs it, in its own process: what it prints must reach the terminal
      Process status = new ProcessBuilder(java(), "-jar", jar(), "ingest", "--status",
          "--bootstrap-servers", broker.bootstrapServers()).redirectErrorStream(true).start();
      String printed = new String(status.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(status.waitFor()).as(printed).isZero();
      assertThat(printed).contains(base() + "/feed/49", "last error: feed uses a DTD");
    } finally {
      second.destroy();
      second.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void pushTakesABatchWithTheTokenAnswersPerLineAndCountsARepostAsDuplicates() throws Exception {
    int port = UpIT.freePort();
    TopicSetup.ensure(client, Topics.withPrefix("push."), 1, (short) 1); // apart from the feeds test's topics
    Process serve = new ProcessBuilder(java(), "-jar", jar(), "ingest", "--serve", "--http-port", Integer.toString(port),
        "--http-token", TOKEN, "--topic-prefix", "push.", "--bootstrap-servers", broker.bootstrapServers())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("serve.log").toFile())).start();
    try {
      String batch = "{\"url\": \"https://push.example.org/1\", \"title\": \"Pushed\"}\n{\"title\": 5}\n";
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> post(port, "", JSON_LINES, "").statusCode() == 401);
      // what a web page's form or CORS-less fetch could send is refused before it is read
      assertThat(post(port, TOKEN, "text/plain", batch).statusCode()).isEqualTo(415);

      HttpResponse<String> first = post(port, TOKEN, JSON_LINES, batch);
      HttpResponse<String> again = post(port, TOKEN, "application/json",
          "{\n  \"url\": \"https://push.example.org/1?utm_medium=x\",\n  \"title\": \"Pushed\"\n}");

      assertThat(first.statusCode()).isEqualTo(400);
      assertThat(first.body()).contains("\"sent\":1", "{\"line\":2,\"reason\":\"title must be a string\"}");
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(again.body()).contains("\"sent\":0", "\"duplicates\":1");
      assertThat(get(port, "/metrics")).contains("newswatch_push_articles_total{outcome=\"duplicate\"} 1.0")
          .contains("newswatch_push_articles_total{outcome=\"sent\"} 1.0");
    } finally {
      serve.destroy();
      serve.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static final String TOKEN = "push-token-0123456789";
  private static final String JSON_LINES = "application/x-ndjson";

  // --- the fixture server -----------------------------------------------------------------

  static String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Feed i lists stories i..i+n-1, in RSS for even i, Atom for odd; every third link carries tracking parameters. */
  static void serveFeed(HttpExchange exchange) throws IOException {
    int feed = Integer.parseInt(exchange.getRequestURI().getPath().substring("/feed/".length()));
    StringBuilder items = new StringBuilder();
    for (int story = feed; story < feed + itemsPerFeed.get(feed); story++) {
      String link = "https://news.example.org/story/" + story + (feed % 3 == 0 ? "?utm_source=feed" + feed + "&amp;fbclid=x" : "");
      items.append(feed % 2 == 0
          ? "<item><title>Story " + story + "</title><link>" + link + "</link><description>Shelling near town "
              + story + "</description><pubDate>Thu, 20 Nov 2025 10:00:00 GMT</pubDate></item>"
          : "<entry><title>Story " + story + "</title><link href=\"" + link + "\"/><id>urn:story:" + story
              + "</id><summary>Shelling near town " + story + "</summary><updated>2025-11-20T10:00:00Z</updated></entry>");
    }
    String xml = feed % 2 == 0
        ? "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed " + feed + "</title>" + items + "</channel></rss>"
        : "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Feed " + feed + "</title>" + items + "</feed>";
    String etag = "\"" + Integer.toHexString(xml.hashCode()) + "\"";
    if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
      exchange.sendResponseHeaders(304, -1);
    } else {
      exchange.getResponseHeaders().add("ETag", etag);
      send(exchange, xml.getBytes(StandardCharsets.UTF_8));
    }
    exchange.close();
  }

  static void serveHostile(HttpExchange exchange) throws IOException {
    String kind = exchange.getRequestURI().getPath().substring("/hostile/".length());
    switch (kind) {
      case "xxe" -> send(exchange, ("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
          + "<rss><channel><item><title>&xxe;</title></item></channel></rss>").getBytes(StandardCharsets.UTF_8));
      case "laughs" -> send(exchange, ("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\">"
          + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
          + "<rss><channel><item><title>&c;</title></item></channel></rss>").getBytes(StandardCharsets.UTF_8));
      case "huge" -> {
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = "<rss><channel>".repeat(8192).getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = exchange.getResponseBody()) {
          for (long sent = 0; sent < 50L << 20; sent += chunk.length) {
            out.write(chunk);
          }
        } catch (IOException clientHungUp) {
          // as it should
        }
      }
      case "bomb" -> {
        var zipped = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(zipped)) {
          gz.write(new byte[64 << 20]);
        }
        exchange.getResponseHeaders().add("Content-Encoding", "gzip");
        send(exchange, zipped.toByteArray());
      }
      case "never-ends" -> {
        exchange.sendResponseHeaders(200, 0);
        try {
          exchange.getResponseBody().write("<rss><channel>".getBytes(StandardCharsets.UTF_8));
          exchange.getResponseBody().flush();
          Thread.sleep(60_000);
        } catch (IOException | InterruptedException e) {
          // the client hung up
        }
      }
      default -> {
        var xml = new java.io.ByteArrayOutputStream();
        xml.writeBytes("<rss><channel><item><title>Kyiv ".getBytes(StandardCharsets.UTF_8));
        xml.writeBytes(new byte[] {(byte) 0xC3, 0x28}); // 0x28 cannot continue a two-byte character
        xml.writeBytes("</title><link>https://news.example.org/utf8</link></item></channel></rss>".getBytes(StandardCharsets.UTF_8));
        send(exchange, xml.toByteArray());
      }
    }
    exchange.close();
  }

  static void send(HttpExchange exchange, byte[] body) throws IOException {
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
  }

  // --- the process and the topics -------------------------------------------------------

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String jar() {
    return Path.of("target", "newswatch.jar").toAbsolutePath().toString();
  }

  static Process ingest(Path feeds) throws IOException {
    return new ProcessBuilder(java(), "-jar", jar(),
        "ingest", "--feeds", feeds.toString(), "--host-delay", "0s", "--read-timeout", "2s", "--bootstrap-servers", broker.bootstrapServers())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("ingest.log").toFile()))
        .start();
  }

  static List<String> rawKeys() {
    return readAll(TOPICS.raw().name()).stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList();
  }

  static Map<String, String> deadLetterReasonsByOrigin() {
    Map<String, String> reasons = new HashMap<>();
    for (var r : readAll(TOPICS.deadLetter().name())) {
      var origin = r.headers().lastHeader(DeadLetters.ORIGIN);
      reasons.put(new String(origin.value(), StandardCharsets.UTF_8), DeadLetters.reason(r.headers()));
    }
    return reasons;
  }

  static List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    TopicReader.readToEnd(client, topic, Instant.EPOCH, records::add);
    return records;
  }


  static HttpResponse<String> post(int port, String token, String type, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/articles"))
        .header("Authorization", "Bearer " + token).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String get(int port, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}
