package io.newswatch.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeedFetcherTest {
  static final String FEED = Fixtures.rss(Fixtures.rssItem("https://example.org/a", "A", null));

  final FixtureServer server;
  final FeedFetcher fetcher = new FeedFetcher(FeedLimits.defaults().withMaxBytes(1 << 20)
      .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(2)));

  FeedFetcherTest() throws Exception {
    server = new FixtureServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aSecondFetchWithTheEtagIsNotModifiedAndTheUserAgentIsSent() throws Exception {
    AtomicReference<String> agent = new AtomicReference<>();
    server.on("/feed", exchange -> {
      agent.set(exchange.getRequestHeaders().getFirst("User-Agent"));
      FixtureServer.sendWithEtag(exchange, FEED);
    });

    var first = (FeedFetcher.Body) fetcher.fetch(server.url("/feed"), null, null);
    var second = fetcher.fetch(server.url("/feed"), first.etag(), null);

    assertThat(new String(first.bytes(), StandardCharsets.UTF_8)).isEqualTo(FEED);
    assertThat(first.charset()).isEqualTo("utf-8");
    assertThat(second).isInstanceOf(FeedFetcher.NotModified.class);
    assertThat(agent.get()).startsWith("newswatch/");
  }

  @Test
  void aGzippedFeedIsDecompressed() throws Exception {
    serveGzipped("/gz", gzip(FEED.getBytes(StandardCharsets.UTF_8)));

    var body = (FeedFetcher.Body) fetcher.fetch(server.url("/gz"), null, null);

    assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).isEqualTo(FEED);
  }

  @Test
  void aGzipBombIsRefusedOnceItDecompressesPastTheLimit() throws Exception {
    byte[] bomb = gzip(new byte[64 << 20]); // 64 MB of zeros in about 64 KB
    serveGzipped("/bomb", bomb);

    assertThatThrownBy(() -> fetcher.fetch(server.url("/bomb"), null, null))
        .hasMessage("feed decompresses to over 1048576 bytes (a gzip bomb?)");
  }

  @Test
  void a50MegabyteFeedIsRefusedAfterTheLimitEvenWithoutALength() {
    server.on("/huge", exchange -> {
      exchange.sendResponseHeaders(200, 0); // chunked: no length to refuse early
      byte[] chunk = "<rss><channel>".repeat(4096).getBytes(StandardCharsets.UTF_8);
      try (OutputStream out = exchange.getResponseBody()) {
        for (long sent = 0; sent < 50L << 20; sent += chunk.length) {
          out.write(chunk);
        }
      } catch (java.io.IOException clientHungUp) {
        // expected
      }
    });

    Instant start = Instant.now();
    assertThatThrownBy(() -> fetcher.fetch(server.url("/huge"), null, null))
        .hasMessage("feed is over the limit of 1048576 bytes")
        .satisfies(e -> assertThat(((FeedRefused) e).sample()).startsWith("<rss><channel>"));
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void aServerThatNeverFinishesSendingIsCutOff() {
    server.on("/slow", exchange -> {
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      try {
        out.write("<rss><channel><item>".getBytes(StandardCharsets.UTF_8));
        out.flush();
        Thread.sleep(10_000);
      } catch (Exception e) {
        // the client hung up
      }
    });

    Instant start = Instant.now();
    assertThatThrownBy(() -> fetcher.fetch(server.url("/slow"), null, null))
        .hasMessage("feed stopped sending for 500 ms after 20 bytes");
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void aServerThatTricklesIsCutOffAtTheTotalTimeout() {
    server.on("/trickle", exchange -> {
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      try {
        for (int i = 0; i < 100; i++) {
          out.write(' ');
          out.flush();
          Thread.sleep(100);
        }
      } catch (Exception e) {
        // the client hung up
      }
    });

    assertThatThrownBy(() -> fetcher.fetch(server.url("/trickle"), null, null))
        .hasMessage("feed did not finish sending within 2 s");
  }

  @Test
  void redirectsAreFollowedUpToTheCap() throws Exception {
    redirect("/moved", 301, "/feed");
    server.feed("/feed", FEED);
    redirect("/loop", 302, "/loop");

    assertThat(fetcher.fetch(server.url("/moved"), null, null)).isInstanceOf(FeedFetcher.Body.class);
    assertThatThrownBy(() -> fetcher.fetch(server.url("/loop"), null, null)).hasMessage("more than 5 redirects");
  }

  @Test
  void aRedirectToAFileIsRefused() {
    redirect("/evil", 302, "file:///etc/passwd");

    assertThatThrownBy(() -> fetcher.fetch(server.url("/evil"), null, null))
        .hasMessageStartingWith("not an http(s) URL: file:///etc/passwd (redirected from");
  }

  @Test
  void anHttpErrorIsAFailureWithItsStatus() {
    server.on("/gone", exchange -> {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });

    assertThatThrownBy(() -> fetcher.fetch(server.url("/gone"), null, null)).hasMessage("HTTP 404 Not Found");
  }

  void serveGzipped(String path, byte[] body) {
    server.on(path, exchange -> {
      exchange.getResponseHeaders().add("Content-Encoding", "gzip");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
  }

  void redirect(String path, int status, String location) {
    server.on(path, exchange -> {
      exchange.getResponseHeaders().add("Location", location);
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
  }

  static byte[] gzip(byte[] data) throws java.io.IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }
}
