package io.newswatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The guard and the headers on a real server, as a client meets them. */
class HttpServerTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final AtomicInteger changes = new AtomicInteger();
  private Javalin server;

  private int start(HttpSettings settings) {
    server = HttpServer.start(settings, config -> {
      config.routes.get("/health", ctx -> ctx.result("UP"));
      config.routes.get("/api/things", ctx -> ctx.result("[]"));
      config.routes.post("/api/things", ctx -> ctx.status(201).result(String.valueOf(changes.incrementAndGet())));
    });
    return server.port();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void itListensOnLoopbackOnlyByDefault() throws Exception {
    int port = start(HttpSettings.loopback(0));
    assertThat(server.jettyServer().server().getURI().getHost()).isEqualTo("127.0.0.1");
    assertThat(get(port, "/health", null).statusCode()).isEqualTo(200);
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() throws Exception {
    int port = start(HttpSettings.loopback(0));
    for (String path : new String[] {"/health", "/api/things", "/nothing-here"}) {
      HttpResponse<String> response = get(port, path, null);
      HttpServer.SECURITY_HEADERS.forEach((name, value) ->
          assertThat(response.headers().firstValue(name)).as(path + " " + name).contains(value));
    }
    assertThat(HttpServer.SECURITY_HEADERS.get("Content-Security-Policy"))
        .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
    HttpResponse<String> refused = post(port, "text/plain", null);
    assertThat(refused.statusCode()).isEqualTo(415);
    assertThat(refused.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(changes).hasValue(0);
  }

  @Test
  void aRequestNamingAForeignHostIsRefused() throws Exception {
    int port = start(HttpSettings.loopback(0));
    assertThat(rawGet(port, "rebound.example:" + port)).startsWith("HTTP/1.1 403").contains("--http-allowed-host");
    assertThat(rawGet(port, "localhost:" + port)).startsWith("HTTP/1.1 200");
  }

  @Test
  void withATokenTheApiAnswersOnlyWhoSendsIt() throws Exception {
    int port = start(new HttpSettings(HttpSettings.LOOPBACK, 0, "a-long-enough-token", Set.of(), false));
    assertThat(get(port, "/health", null).statusCode()).isEqualTo(200);
    assertThat(get(port, "/api/things", null).statusCode()).isEqualTo(401);
    assertThat(get(port, "/api/things", "Bearer a-long-enough-token").statusCode()).isEqualTo(200);
    assertThat(post(port, "application/json", null).statusCode()).isEqualTo(401);
    assertThat(post(port, "application/json", "Bearer a-long-enough-token").statusCode()).isEqualTo(201);
    assertThat(changes).hasValue(1);
  }

  private static HttpResponse<String> get(int port, String path, String authorization) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(int port, String type, String authorization) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/things"))
        .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString("{}"));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A GET with a Host header of our choosing, which Java's HTTP client does not allow. */
  static String rawGet(int port, String host) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET /health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
